package util

import (
	"strconv"
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
		if len(s) <= MaxQuoted && q != strconv.Quote(s) {
			t.Fatalf("Quote(%q) = %s, not strconv.Quote's %s", s, q, strconv.Quote(s))
		}
		a := QuoteASCII(s)
		if body, _, _ := strings.Cut(a, "…("); len(body) > 4*MaxQuoted+2 ||
			strings.ContainsFunc(body, func(r rune) bool { return r < 0x20 || r > 0x7e }) {
			t.Fatalf("QuoteASCII(%q) = %s", s, a)
		}
		if QuoteBytes([]byte(s)) != q {
			t.Fatalf("QuoteBytes(%q) differs from Quote", s)
		}
		if h := HexQuote([]byte(s)); len(h) > 2*MaxQuoted+32 {
			t.Fatalf("HexQuote(%q) is %d bytes long", s, len(h))
		}
	})
}

func FuzzIDNA(f *testing.F) {
	for _, s := range []string{"xn--pss25c", "xn--i-7iq", "xn--ll-0ea", "大学", "ア・カ", "bu\u0308cher", "xn--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, label string) {
		u, err := ValidateALabel(label)
		if err == nil {
			if a := ToALabel(u); a != label {
				t.Fatalf("A-label %q accepted but %q re-encodes as %q", label, u, a)
			}
		}
		checkError(t, "ValidateALabel", label, err)
		_, err = ValidateULabel(label)
		checkError(t, "ValidateULabel", label, err)
	})
}

// checkError fails if an error message quotes more of the label than Quote
// shows, or holds a control character: the messages reach finding details.
func checkError(t *testing.T, fn, label string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if !utf8.ValidString(msg) || strings.ContainsFunc(msg, unicode.IsControl) {
		t.Fatalf("%s(%q) error %q is not printable", fn, label, msg)
	}
	// The message quotes the label, or the part of it that fails, through
	// Quote only, which shows at most MaxQuoted bytes; the rest is short.
	rest := 0
	for i := 0; i < len(msg); i++ {
		if msg[i] != '"' {
			rest++
			continue
		}
		q, err := strconv.QuotedPrefix(msg[i:])
		if err != nil {
			rest++
			continue
		}
		if v, _ := strconv.Unquote(q); len(v) > MaxQuoted {
			t.Fatalf("%s(%q) error quotes %d bytes: %.300q", fn, label, len(v), msg)
		}
		i += len(q) - 1
	}
	if rest > 256 {
		t.Fatalf("%s(%q) error is %d bytes long besides what it quotes: %.300q", fn, label, rest, msg)
	}
}
