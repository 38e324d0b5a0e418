package input

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxMessage bounds an item's error message: it quotes input (a PEM type, a
// JSON token) only through util.Quote, so that a hostile input cannot flood
// a record or a log line. The longest message quotes two PEM types of
// util.MaxQuoted bytes, each byte escaped in up to 4 characters.
const maxMessage = 1024

// FuzzRead reads any bytes in every format and checks what the command and
// the Beam pipeline rely on: no panic; items numbered 0, 1, 2, … with the
// input's name; at least one item (ErrNoCertificate for an empty input); an
// item holds an error, or DER, or a CT entry, and an error comes alone; no
// more DER than the input holds; messages bounded, valid UTF-8 and free of
// control characters.
func FuzzRead(f *testing.F) {
	der := goodDER()
	for _, seed := range [][]byte{
		nil,
		der,
		pemOf("CERTIFICATE", der),
		join([]byte("# comment\n"), pemOf("X509 CRL", der), pemOf("TBS CERTIFICATE", der[4:])),
		[]byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CRL-----\n-----BEGIN X\n"),
		join(b64Line(der), []byte("not base64\n\n"), b64Line(badDER())),
		[]byte(`{"entries":[{"leaf_input":"AAA=","extra_data":""},{"leaf_input":1}]}`),
		[]byte{0xde, 0xad, 0xbe, 0xef},
	} {
		f.Add(seed)
	}
	formats := []Format{FormatAuto, FormatPEM, FormatDER, FormatBase64, FormatCT}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range formats {
			var items []Item
			if !Read("in.pem", bytes.NewReader(data), format, func(it Item) bool {
				items = append(items, it)
				return true
			}) {
				t.Fatalf("%v: Read stopped, but yield never asked it to", format)
			}
			if len(items) == 0 {
				t.Fatalf("%v: no item, not even ErrNoCertificate", format)
			}
			total := 0
			for i, it := range items {
				if it.Index != i || it.Input != "in.pem" {
					t.Fatalf("%v: item %d is numbered %d of input %q", format, i, it.Index, it.Input)
				}
				if it.Err != nil {
					if it.DER != nil || it.CT != nil {
						t.Fatalf("%v: item %d has an error and content", format, i)
					}
					if msg := it.Err.Error(); len(msg) > maxMessage || !utf8.ValidString(msg) ||
						strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
						t.Fatalf("%v: item %d: message of %d bytes, unbounded or not clean text: %.200q", format, i, len(msg), msg)
					}
					continue
				}
				if it.DER == nil && it.CT == nil {
					t.Fatalf("%v: item %d has neither an error nor content", format, i)
				}
				total += len(it.DER)
			}
			if total > len(data) {
				t.Fatalf("%v: %d bytes of DER from %d bytes of input", format, total, len(data))
			}
		}
	})
}
