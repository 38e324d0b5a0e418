package lintpipe

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// merkleLeaf builds a MerkleTreeLeaf (RFC 6962 §3.4) of the entry type
// around body (an ASN.1Cert, or issuer_key_hash and a TBSCertificate).
func merkleLeaf(entryType uint16, body []byte) []byte {
	var b cryptobyte.Builder
	b.AddUint8(0)              // v1
	b.AddUint8(0)              // timestamped_entry
	b.AddUint64(1700000000000) // timestamp
	b.AddUint16(entryType)     // x509_entry or precert_entry
	if entryType == 1 {
		b.AddBytes(make([]byte, 32)) // issuer_key_hash
	}
	b.AddUint24LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(body) })
	b.AddUint16(0) // no extensions
	return b.BytesOrPanic()
}

func TestReadCTJSON(t *testing.T) {
	text, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "baseline_strict_mailbox.pem"))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(text)
	der := block.Bytes
	in := cryptobyte.String(der)
	var outer, tbs cryptobyte.String
	if !in.ReadASN1(&outer, cbasn1.SEQUENCE) || !outer.ReadASN1Element(&tbs, cbasn1.SEQUENCE) {
		t.Fatal("the fixture is not a certificate")
	}
	entries := []ctEntry{
		{LeafInput: merkleLeaf(0, der)},
		{LeafInput: merkleLeaf(1, tbs)},
		{LeafInput: merkleLeaf(0, der)[:20]},
		{LeafInput: merkleLeaf(7, der)},
	}
	body, err := json.Marshal(map[string]any{"entries": entries})
	if err != nil {
		t.Fatal(err)
	}
	var items []Item
	ReadInput("log.json", bytes.NewReader(append([]byte(" \n"), body...)), func(it Item) { items = append(items, it) })
	want := []Item{
		{Input: "log.json", Index: 0, Where: "entry 0", DER: der},
		{Input: "log.json", Index: 1, Where: "entry 1", DER: tbs},
		{Input: "log.json", Index: 2, Where: "entry 2", Err: "leaf_input: truncated x509_entry"},
		{Input: "log.json", Index: 3, Where: "entry 3", Err: "leaf_input: unknown entry type 7"},
	}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d: %+v", len(items), len(want), items)
	}
	for i := range want {
		if g, w := items[i], want[i]; g.Input != w.Input || g.Index != w.Index || g.Where != w.Where ||
			!bytes.Equal(g.DER, w.DER) || g.Err != w.Err {
			t.Errorf("item %d = %+v, want %+v", i, g, w)
		}
	}

	// The certificate entry lints as the certificate; the precertificate
	// entry as its bare TBSCertificate.
	l, err := zlintsmime.NewLinter(zlintsmime.Options{})
	if err != nil {
		t.Fatal(err)
	}
	direct, err := l.LintDER(der)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		rec := LintItem(l, items[i])
		if rec.Err != "" || rec.Issuer == "" {
			t.Errorf("entry %d: error %q, issuer %q", i, rec.Err, rec.Issuer)
		}
		if i == 0 && len(rec.Findings) != len(direct) {
			t.Errorf("entry 0: %d findings, linting the DER %d", len(rec.Findings), len(direct))
		}
	}
	if rec := LintItem(l, items[2]); rec.Err != "log.json: entry 2: leaf_input: truncated x509_entry" {
		t.Errorf("entry 2: error %q", rec.Err)
	}
}

func TestReadCTJSONBroken(t *testing.T) {
	for _, tc := range []struct{ name, text, err string }{
		{"syntax", `{"entries":[{"leaf_input":`, "entry 0: CT get-entries JSON: "},
		{"not base64", `{"entries":[{"leaf_input":"!!"}]}`, "entry 0: CT get-entries JSON: "},
		{"entries not an array", `{"entries":{}}`, `CT get-entries JSON: "entries" is not an array`},
		{"no entries", `{"other":[1,2]}`, "no certificate found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var items []Item
			ReadInput("x.json", strings.NewReader(tc.text), func(it Item) { items = append(items, it) })
			if len(items) != 1 {
				t.Fatalf("%d items, want 1: %+v", len(items), items)
			}
			got := items[0].Err
			if items[0].Where != "" {
				got = items[0].Where + ": " + got
			}
			if !strings.HasPrefix(got, tc.err) {
				t.Errorf("error %q, want it to start with %q", got, tc.err)
			}
		})
	}
}
