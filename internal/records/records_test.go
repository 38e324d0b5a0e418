package records

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain ASCII":      "plain ASCII",
		"jörg@example":     "jörg@example",
		"a\nb\tc\x1b[31m":  `a\nb\tc\x1b[31m`,
		"del\x7f c1\u0085": `del\x7f c1\u0085`,
		"bad \xff utf8":    `bad \xff utf8`,
		"zero\u200bwidth":  `zero\u200bwidth`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
