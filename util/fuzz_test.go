package util

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzQuote(f *testing.F) {
	for _, s := range []string{"alice@example.com", "a\x1b[2Jb\n", "a\xffb", strings.Repeat("é", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := Quote(s)
		if !utf8.ValidString(q) {
			t.Fatalf("Quote(%q) is not valid UTF-8", s)
		}
		for _, r := range q {
			if unicode.IsControl(r) {
				t.Fatalf("Quote(%q) holds control character %U", s, r)
			}
		}
		if len(q) > 6*MaxQuoted+32 {
			t.Fatalf("Quote(%q) is %d bytes long", s, len(q))
		}
	})
}

func FuzzIDNA(f *testing.F) {
	for _, s := range []string{"xn--pss25c", "xn--i-7iq", "xn--ll-0ea", "大学", "ア・カ", "bu\u0308cher", "xn--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, label string) {
		if u, err := ValidateALabel(label); err == nil {
			if a := ToALabel(u); a != label {
				t.Fatalf("A-label %q accepted but %q re-encodes as %q", label, u, a)
			}
		}
		_, _ = ValidateULabel(label)
	})
}
