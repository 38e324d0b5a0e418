package smime

import (
	"strings"
	"testing"

	"github.com/zmap/zcrypto/encoding/asn1"
)

func TestIsMailboxAddress(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"alice@example.com", true},
		{"alice@EXAMPLE.com", true},
		{"医生@大学.example.com", true},
		{"R&D@Acme.example.com", true}, // a valid Mailbox, whatever the attribute
		{"R&D@Acme", false},            // one-label domain: text, not an address
		{"sales@hq", false},
		{"a@b", false},
		{"alice@example..com", false},
		{"alice@-example.com", false},
		{"alice@exa_mple.com", false},
		{"alice@[192.0.2.1]", false},
		{"alice@" + strings.Repeat("a", 64) + ".com", false},
		{"Alice <alice@example.com>", false},
		{"alice", false},
	}
	for _, tt := range tests {
		if got := IsMailboxAddress(tt.v); got != tt.want {
			t.Errorf("IsMailboxAddress(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestHoldsMailboxAddress(t *testing.T) {
	tests := []struct {
		typ   asn1.ObjectIdentifier
		value string
		want  bool
	}{
		{OIDEmailAddress, "sales@hq", true}, // SBR §7.1.4.2.2(h): always a Mailbox Address
		{OIDEmailAddress, "", false},
		{OIDCommonName, "alice@example.com", true},
		{OIDCommonName, "a@b", false},
		{OIDOrganizationalUnit, "R&D@Acme", false},
		{OIDOrganizationalUnit, "support@example.org", true},
		{OIDSurname, "Yamada@example.com", true},
	}
	for _, tt := range tests {
		a := &Attribute{Type: tt.typ, Value: tt.value}
		if got := HoldsMailboxAddress(a); got != tt.want {
			t.Errorf("HoldsMailboxAddress(%s %q) = %v, want %v", AttributeName(tt.typ), tt.value, got, tt.want)
		}
	}
}

func TestCheckLDHALabelLength(t *testing.T) {
	// 131 octets of UTF-8, 331 as A-labels: too long.
	long := strings.Repeat("ä.", 40) + "example.com"
	if err := CheckLDH(long); err == nil || !strings.Contains(err.Error(), "331 octets long in A-label form") {
		t.Errorf("CheckLDH(40 × ä) = %v, want the 331-octet error", err)
	}
	// 316 octets of UTF-8, 196 as A-labels: within the limit.
	short := strings.Repeat(strings.Repeat("ä", 30)+".", 5) + "example.com"
	if err := CheckLDH(short); err != nil {
		t.Errorf("CheckLDH(5 × 30 ä) = %v, want nil", err)
	}
}

func TestEUIDCountry(t *testing.T) {
	tests := []struct {
		ref, want string
		ok        bool
	}{
		{"DER3306.HRB12345", "DE", true},
		{"DER3306.X", "DE", true},
		{"FR7501.123456789", "FR", true},
		{"ELR1.2", "EL", true},
		{"123456789", "", false},
		{"FN12345A", "", false},
		{"USR1.2", "", false},  // no BRIS register
		{"DER-1.2", "", false}, // register identifier is letters and digits
		{"DE.HRB1", "", false},
		{"DER3306.", "", false},
		{"DER3306..1", "", false},
	}
	for _, tt := range tests {
		if got, ok := EUIDCountry(tt.ref); got != tt.want || ok != tt.ok {
			t.Errorf("EUIDCountry(%q) = %q, %v, want %q, %v", tt.ref, got, ok, tt.want, tt.ok)
		}
	}
}

func TestHTTPLocationProblem(t *testing.T) {
	uri := func(s string) GeneralName { return GeneralName{Tag: URITag, Value: []byte(s)} }
	tests := []struct {
		loc  GeneralName
		want string // substring; "" for none
	}{
		{uri("http://ca.example.com/ca.crt"), ""},
		{uri("HTTP://ca.example.com/ca.crt"), ""},
		{uri("https://ca.example.com/ca.crt"), `with the scheme "https", not http`},
		{uri("ldap://ldap.example.com/cn=CA"), `has the scheme "ldap"`},
		{uri("http://"), "has no host"},
		{GeneralName{Tag: DirectoryNameTag}, "is a directoryName, not a uniformResourceIdentifier"},
		{GeneralName{Tag: DNSNameTag, Value: []byte("ca.example.com")}, "is a dNSName"},
	}
	for _, tt := range tests {
		ad := AccessDescription{Method: OIDAccessCAIssuers, Location: tt.loc}
		got := ad.HTTPLocationProblem()
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("HTTPLocationProblem(%s %q) = %q, want %q", tt.loc.String(), tt.loc.Value, got, tt.want)
		}
	}
}

func TestMatchSANEmailNonASCIILocalPart(t *testing.T) {
	rfc := GeneralName{Tag: RFC822NameTag, Value: []byte("医生@example.com")}
	ci := &Cert{RFC822Names: []EmailName{{Where: "subjectAltName", Name: &rfc}}}
	if got := ci.MatchSANEmail("医生@example.com"); got != NoMatch {
		t.Errorf("non-ASCII local part against an rfc822Name = %v, want NoMatch (RFC 9598 §5, EAI-12)", got)
	}
	ci.Mailboxes = []SmtpUTF8Mailbox{{Where: "subjectAltName", Value: "医生@example.com"}}
	if got := ci.MatchSANEmail("医生@example.com"); got != ExactMatch {
		t.Errorf("non-ASCII local part against an SmtpUTF8Mailbox = %v, want ExactMatch", got)
	}
	ascii := GeneralName{Tag: RFC822NameTag, Value: []byte("alice@example.com")}
	ci = &Cert{RFC822Names: []EmailName{{Where: "subjectAltName", Name: &ascii}}}
	if got := ci.MatchSANEmail("alice@EXAMPLE.com"); got != NormalizedMatch {
		t.Errorf("ASCII local part, domain case = %v, want NormalizedMatch", got)
	}
}
