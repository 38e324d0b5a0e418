package util

import (
	"strings"
	"testing"

	_ "github.com/smimelint/zlint-smime/internal/golden"
)

func TestQuote(t *testing.T) {
	long := strings.Repeat("a", MaxQuoted+10)
	longMulti := strings.Repeat("a", MaxQuoted-1) + "é" + "bbb"
	tests := []struct {
		name, in, want string
	}{
		{"plain", "alice@example.com", `"alice@example.com"`},
		{"unicode kept", "医生@example.com", `"医生@example.com"`},
		{"control escaped", "a\x1b[2Jb\n", `"a\x1b[2Jb\n"`},
		{"invalid utf8", "a\xffb", `"a\xffb"`},
		{"bidi override escaped", "a\u202eb", `"a\u202eb"`},
		{"truncated", long, `"` + long[:MaxQuoted] + `"…(106 bytes)`},
		{"truncated on rune boundary", longMulti, `"` + strings.Repeat("a", MaxQuoted-1) + `"…(100 bytes)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Quote(tt.in); got != tt.want {
				t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}
