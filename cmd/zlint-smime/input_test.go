package main

import (
	"bytes"
	"testing"

	"github.com/smimelint/zlint-smime/internal/input"
)

// TestReadInputStops checks that a consumer that stops early stops the read.
func TestReadInputStops(t *testing.T) {
	data := join(b64Line(goodDER()), b64Line(goodDER()), b64Line(goodDER()))
	n := 0
	for range readInputs([]string{"-", "-"}, bytes.NewReader(data), input.FormatAuto) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Fatalf("read %d items", n)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain ASCII":      "plain ASCII",
		"jörg@example":     "jörg@example",
		"a\nb\tc\x1b[31m":  `a\nb\tc\x1b[31m`,
		"del\x7f c1\u0085": `del\x7f c1\u0085`,
		"bad \xff utf8":    `bad \xff utf8`,
		"zero\u200bwidth":  `zero\u200bwidth`,
	} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}
