package util

import (
	"strings"
	"testing"
)

func TestValidateALabel(t *testing.T) {
	tests := []struct {
		label, wantU, wantErr string
	}{
		{"xn--pss25c", "大学", ""},
		{"xn--r8jz45g", "例え", ""},
		{"xn--bcher-kva", "bücher", ""},
		{"xn--i-7iq", "", "DISALLOWED"}, // "i" + U+2764 HEAVY BLACK HEART: UTS #46 valid, IDNA2008 not
		{"xn--zca", "ß", ""},            // Exceptions: PVALID
		{"xn--l-fda", "", "CONTEXTO"},   // MIDDLE DOT next to one l only
		{"xn--ll-0ea", "l·l", ""},       // CONTEXTO rule holds
		{"xn--ab-0ea", "", "CONTEXTO"},  // "a·b": MIDDLE DOT not between l's
		{"xn--", "", "does not decode"},
		{"xn--abc-", "", "does not decode"},
		{"xn--a", "", "does not decode"},
		{"xn--ls8h", "", "DISALLOWED"}, // U+1F4A9 PILE OF POO
		{"xn--bcher-KVA", "", "does not decode"},
		{"example", "", "does not start"},
		{"xn--abc", "", "does not decode"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			u, err := ValidateALabel(tt.label)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("ValidateALabel(%q) error %v", tt.label, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("ValidateALabel(%q) error %v, want one containing %q", tt.label, err, tt.wantErr)
			case tt.wantErr == "" && u != tt.wantU:
				t.Fatalf("ValidateALabel(%q) = %q, want %q", tt.label, u, tt.wantU)
			}
		})
	}
}

func TestValidateULabel(t *testing.T) {
	tests := []struct {
		label, wantA, wantErr string
	}{
		{"大学", "xn--pss25c", ""},
		{"bu\u0308cher", "", "Normalization Form C"},
		{"i\u2764", "", "DISALLOWED"},
		{"Bücher", "", "DISALLOWED"}, // uppercase is Unstable
		{"ア・カ", "xn--ccks3v", ""},    // KATAKANA MIDDLE DOT with Katakana
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			a, err := ValidateULabel(tt.label)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("ValidateULabel(%q) error %v", tt.label, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("ValidateULabel(%q) error %v, want one containing %q", tt.label, err, tt.wantErr)
			case tt.wantErr == "" && a != tt.wantA:
				t.Fatalf("ValidateULabel(%q) = %q, want %q", tt.label, a, tt.wantA)
			}
		})
	}
}
