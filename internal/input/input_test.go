package input

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestDetect(t *testing.T) {
	der := goodDER()
	for _, tc := range []struct {
		name    string
		head    []byte
		want    Format
		wantErr string
	}{
		{"PEM", pemOf("CERTIFICATE", der), FormatPEM, ""},
		{"PEM after comment lines", join([]byte("# fixture: baseline\n# second line\n"), pemOf("CERTIFICATE", der)), FormatPEM, ""},
		{"PEM of another type", pemOf("PRIVATE KEY", []byte{1, 2, 3}), FormatPEM, ""},
		{"DER", der, FormatDER, ""},
		{"base64 lines", join(b64Line(der), b64Line(der)), FormatBase64, ""},
		{"base64 with CRLF and blank lines", []byte("\r\n" + strings.TrimSpace(string(b64Line(der))) + "\r\n\r\n"), FormatBase64, ""},
		{"base64 text starting with 0x30 ('0')", []byte("0AAA\n"), FormatBase64, ""},
		{"other text", []byte("hello, world\n"), FormatBase64, ""},
		{"CT get-entries JSON", []byte(`{"entries":[{"leaf_input":"AAA=","extra_data":""}]}`), FormatCT, ""},
		{"CT JSON after white space", []byte("\n  {\"entries\": []}"), FormatCT, ""},
		{"JSON of another kind", []byte(`{"sth":1}`), FormatBase64, ""},
		{"binary garbage", []byte{0xde, 0xad, 0xbe, 0xef, 0x00, 0x30}, FormatAuto, "byte 0xde is neither PEM, nor DER"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := detect(tc.head)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("detect() error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("detect() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"auto", "pem", "der", "base64", "ct"} {
		if f, err := ParseFormat(s); err != nil || f.String() != s {
			t.Errorf("ParseFormat(%q) = %v, %v", s, f, err)
		}
	}
	if _, err := ParseFormat("PEM"); err == nil {
		t.Error("ParseFormat(\"PEM\") succeeded; formats are lower case")
	}
}

// want is one expected item: its where, and the DER or an error substring.
type want struct {
	where string
	der   []byte
	err   string
}

func TestReadInput(t *testing.T) {
	a, b := goodDER(), badDER()
	for _, tc := range []struct {
		name   string
		format Format
		data   []byte
		want   []want
	}{
		{
			name: "PEM with several certificates and a private key",
			data: join([]byte("# comment before\n"), pemOf("CERTIFICATE", a), []byte("text between\n"),
				pemOf("PRIVATE KEY", []byte{1, 2, 3}), pemOf("CERTIFICATE", b), []byte("trailing text")),
			want: []want{{"block 0", a, ""}, {"block 1", nil, `not a certificate, TBSCertificate or CRL (PEM type "PRIVATE KEY")`}, {"block 2", b, ""}},
		},
		{
			name: "PEM with CRLF line endings",
			data: bytes.ReplaceAll(pemOf("CERTIFICATE", a), []byte("\n"), []byte("\r\n")),
			want: []want{{"block 0", a, ""}},
		},
		{
			name: "PEM body that is not base64",
			data: []byte("-----BEGIN CERTIFICATE-----\nMIIB!!!not base64\n-----END CERTIFICATE-----\n"),
			want: []want{{"block 0", nil, "PEM body is not valid base64"}},
		},
		{
			name: "PEM without END line",
			data: join(pemOf("CERTIFICATE", a), []byte("-----BEGIN CERTIFICATE-----\nMIIB\n")),
			want: []want{{"block 0", a, ""}, {"block 1", nil, "no END line: the PEM block is truncated"}},
		},
		{
			name: "PEM BEGIN inside a block",
			data: join([]byte("-----BEGIN CERTIFICATE-----\nMIIB\n"), pemOf("CERTIFICATE", b)),
			want: []want{{"block 0", nil, "no END line before the next BEGIN line"}, {"block 1", b, ""}},
		},
		{
			name: "PEM END of another type",
			data: []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\n"),
			want: []want{{"block 0", nil, `END line of type "PRIVATE KEY" closes a BEGIN line of type "CERTIFICATE"`}},
		},
		{
			name: "PEM without any block",
			data: []byte("-----BEGIN nothing here\n"),
			want: []want{{"", nil, "no certificate found"}},
		},
		{
			name: "DER",
			data: a,
			want: []want{{"", a, ""}},
		},
		{
			name: "base64 lines, blank lines skipped",
			data: join([]byte("\n"), b64Line(a), []byte("  \n"), b64Line(b), []byte("%%%\n"), b64Line(a)),
			want: []want{{"line 2", a, ""}, {"line 4", b, ""}, {"line 5", nil, "not valid base64"}, {"line 6", a, ""}},
		},
		{
			name: "base64 without final newline",
			data: bytes.TrimSpace(b64Line(b)),
			want: []want{{"line 1", b, ""}},
		},
		{
			name: "empty",
			data: nil,
			want: []want{{"", nil, "no certificate found"}},
		},
		{
			name: "blank lines only",
			data: []byte("\n\n \n"),
			want: []want{{"", nil, "no certificate found"}},
		},
		{
			name: "binary garbage",
			data: []byte{0xff, 0x00, 0x01, '\n', 0x02},
			want: []want{{"", nil, "unrecognized input: binary data"}},
		},
		{
			name:   "-format der on PEM data reads it as DER",
			format: FormatDER,
			data:   pemOf("CERTIFICATE", a),
			want:   []want{{"", pemOf("CERTIFICATE", a), ""}},
		},
		{
			name:   "-format base64 on binary data",
			format: FormatBase64,
			data:   []byte{0xff, '\n', 0xfe},
			want:   []want{{"line 1", nil, "not valid base64"}, {"line 2", nil, "not valid base64"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []Item
			Read("-", bytes.NewReader(tc.data), tc.format, func(it Item) bool {
				got = append(got, it)
				return true
			})
			if len(got) != len(tc.want) {
				t.Fatalf("got %d items, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Input != "-" || g.Index != i || g.Where != w.where {
					t.Errorf("item %d: input %q index %d where %q; want \"-\", %d, %q", i, g.Input, g.Index, g.Where, i, w.where)
				}
				switch {
				case w.err != "" && (g.Err == nil || !strings.Contains(g.Err.Error(), w.err)):
					t.Errorf("item %d: error %v, want %q", i, g.Err, w.err)
				case w.err == "" && g.Err != nil:
					t.Errorf("item %d: unexpected error %v", i, g.Err)
				case !bytes.Equal(g.DER, w.der):
					t.Errorf("item %d: DER differs", i)
				}
			}
		})
	}
}

// TestLineReaderLongLine checks that a line longer than MaxItem is skipped
// and reported, and that the lines after it are read as usual.
func TestLineReaderLongLine(t *testing.T) {
	long := bytes.Repeat([]byte("A"), MaxItem+3)
	data := join([]byte("first\n"), long, []byte("\r\nlast"))
	lr := lineReader{br: bufio.NewReaderSize(bytes.NewReader(data), peekSize)}
	for i, w := range []struct {
		line string
		err  error
	}{{"first", nil}, {"", errLineTooLong}, {"last", nil}, {"", io.EOF}} {
		got, err := lr.next()
		if string(got) != w.line || err != w.err {
			t.Fatalf("line %d: %.20q, %v; want %q, %v", i+1, got, err, w.line, w.err)
		}
	}
	if lr.line != 3 {
		t.Errorf("counted %d lines, want 3", lr.line)
	}
	// A line of exactly MaxItem bytes is still read.
	lr = lineReader{br: bufio.NewReaderSize(bytes.NewReader(long[:MaxItem]), peekSize)}
	if got, err := lr.next(); err != nil || len(got) != MaxItem {
		t.Fatalf("line of MaxItem bytes: %d bytes, %v", len(got), err)
	}
}

// goodDER and badDER are two real certificates from the repository's
// fixtures: the reader does not care what they say, only that they differ.
var (
	goodDER = sync.OnceValue(func() []byte { return fixtureDER("baseline_strict_mailbox.pem") })
	badDER  = sync.OnceValue(func() []byte { return fixtureDER("eai02_rfc822_non_ascii_fail.pem") })
)

func fixtureDER(name string) []byte {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		panic(err)
	}
	for {
		var p *pem.Block
		if p, b = pem.Decode(b); p == nil {
			panic("fixture " + name + " holds no CERTIFICATE block")
		}
		if p.Type == "CERTIFICATE" {
			return p.Bytes
		}
	}
}

func pemOf(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func b64Line(der []byte) []byte {
	return []byte(base64.StdEncoding.EncodeToString(der) + "\n")
}

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
