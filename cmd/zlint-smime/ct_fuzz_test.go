package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	ct "github.com/google/certificate-transparency-go"

	"github.com/smimelint/zlint-smime/internal/cttest"
	"github.com/smimelint/zlint-smime/smime"
)

// FuzzCTEntries feeds -format ct any bytes: a get-entries response, entry
// objects one per line, or garbage. The command must not panic, must write
// one well-formed record per entry it could tell apart (an error record for
// an entry it could not decode), and its messages must be printable and
// bounded.
func FuzzCTEntries(f *testing.F) {
	es := testEntries(15)
	resp, err := json.Marshal(ct.GetEntriesResponse{Entries: es})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(resp)
	one, _ := json.Marshal(map[string]any{"leaf_input": es[0].LeafInput, "extra_data": es[0].ExtraData, "log_index": 7})
	f.Add(append(one, '\n'))
	// An entry whose key zcrypto cannot parse, linted with placeholder keys.
	brainpool, err := os.ReadFile(filepath.Join("..", "..", "testdata", "unparsable", "key_brainpoolp256r1_fail.pem"))
	if err != nil {
		f.Fatal(err)
	}
	if resp, err = json.Marshal(ct.GetEntriesResponse{Entries: []ct.LeafEntry{cttest.X509Entry(derOf(f, string(brainpool)), caDER())}}); err != nil {
		f.Fatal(err)
	}
	f.Add(resp)
	// A precertificate signed by a Precertificate Signing Certificate: the
	// leaf's TBSCertificate is linted.
	tbs, ok := smime.TBSOf(goodDER())
	if !ok {
		f.Fatal("the test leaf has no TBS")
	}
	if resp, err = json.Marshal(ct.GetEntriesResponse{Entries: []ct.LeafEntry{cttest.PrecertEntry(goodDER(), tbs, pscDER(), caDER())}}); err != nil {
		f.Fatal(err)
	}
	f.Add(resp)
	f.Add([]byte(`{"entries":[{"leaf_input":"AAAA","extra_data":""}]}`))
	f.Add([]byte(`{"entries":[`))
	// The flags and the registry do not depend on the input: they are built
	// once, and each execution runs the rest of the command (lintInputs).
	opts, err := parseFlags([]string{"-format", "ct", "-workers", "1"}, io.Discard, io.Discard)
	if err != nil {
		f.Fatal(err)
	}
	reg, err := registry(opts)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		var out, errOut bytes.Buffer
		code := lintInputs(opts, reg, bytes.NewReader(input), &out, &errOut)
		if code != exitOK && code != exitFindings && code != exitTrouble {
			t.Fatalf("exit status %d", code)
		}
		for _, l := range bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n")) {
			if len(l) == 0 {
				continue
			}
			var rec map[string]any
			if err := json.Unmarshal(l, &rec); err != nil {
				t.Fatalf("record %q is not JSON: %v", l, err)
			}
			if msg, ok := rec["error"].(string); ok {
				if !utf8.ValidString(msg) || len(msg) > 4096 {
					t.Fatalf("error message unbounded or not UTF-8: %.200q", msg)
				}
				for _, r := range msg {
					if r < 0x20 || r == 0x7f {
						t.Fatalf("error message holds control character %U: %.200q", r, msg)
					}
				}
			}
		}
	})
}
