package smime

import (
	"strings"
	"testing"
)

func TestParseMailbox(t *testing.T) {
	tests := []struct {
		in, local, domain, wantErr string
	}{
		{"医生@xn--pss25c.example.com", "医生", "xn--pss25c.example.com", ""},
		{"alice.b+tag@example.com", "alice.b+tag", "example.com", ""},
		{`"a@b"@example.com`, `"a@b"`, "example.com", ""},
		{`"a b\"c"@example.com`, `"a b\"c"`, "example.com", ""},
		{"山田花子", "", "", `has no "@"`},
		{"@example.com", "", "", "empty local part"},
		{"a@", "", "", "empty domain"},
		{"Alice <a@example.com>", "", "", "angle brackets"},
		{"<a@example.com>", "", "", "angle brackets"},
		{"<a@example.com", "", "", "angle brackets"},
		{"a(comment)@example.com", "", "", "comment"},
		{"a@example.com (Alice)", "", "", "comment"},
		{"a b@example.com", "", "", "whitespace outside quotes"},
		{".a@example.com", "", "", "empty atom"},
		{"a..b@example.com", "", "", "empty atom"},
		{"a.@example.com", "", "", "empty atom"},
		{"a\"b@example.com", "", "", "needs quoting"},
		{`"ab"c@example.com`, "", "", "has text after the quoted local part"},
		{`"ab@example.com`, "", "", "not terminated"},
		{`"ab\"@example.com`, "", "", "not terminated"},
		{`""@example.com`, "", "", "empty quoted local part"},
		{"a\x00b@example.com", "", "", "control character U+0000"},
		{"a\u0085b@example.com", "", "", "control character U+0085"},
		{"\ufeff医生@example.com", "\ufeff医生", "example.com", ""}, // a BOM is EAI-08's, not a syntax error
		{"a@[192.0.2.1]", "a", "[192.0.2.1]", ""},               // address literals are EAI-04's
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, err := ParseMailbox(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseMailbox(%q) error %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || m.LocalPart != tt.local || m.Domain != tt.domain {
				t.Fatalf("ParseMailbox(%q) = %+v, %v; want %q @ %q", tt.in, m, err, tt.local, tt.domain)
			}
		})
	}
}

func TestDomainChecks(t *testing.T) {
	long := strings.Repeat("a", 63)
	tests := []struct {
		domain                string
		ldh, aLabels, uLabels string // wanted error substrings, "" for none
	}{
		{"xn--pss25c.example.com", "", "", ""},
		{"大学.example.com", "", "", ""},
		{"example.com", "", "", ""},
		{"Example.COM", "", "", ""},
		{"[192.0.2.1]", "address literal", "", ""},
		{long + "a.com", "64 octets", "", ""},
		{strings.Repeat(long+".", 4) + "com", "is 259 octets", "", ""},
		{"example..com", "empty label", "", ""},
		{"example.com.", "empty label", "", ""},
		{"ex_ample.com", "holds '_'", "", ""},
		{"-example.com", "hyphen", "", ""},
		{"ab--cd.example.com", "R-LDH", "", ""},
		{"XN--PSS25C.example.com", "", "", ""}, // valid once lowercased: case is the lowercase rule's
		{"xn--i-7iq.example.com", "", "DISALLOWED", ""},
		{"xn--abc.example.com", "", "not a valid IDNA2008 A-label", ""},
		{"bu\u0308cher.example", "", "", "Normalization Form C"},
		{"i\u2764.example", "", "", "DISALLOWED"},
	}
	check := func(t *testing.T, what string, err error, want string) {
		t.Helper()
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: error %v, want %q", what, err, want)
		}
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			check(t, "CheckLDH", CheckLDH(tt.domain), tt.ldh)
			check(t, "CheckALabels", CheckALabels(tt.domain), tt.aLabels)
			check(t, "CheckULabels", CheckULabels(tt.domain), tt.uLabels)
		})
	}
}
