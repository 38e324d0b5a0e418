package smime

import (
	"encoding/hex"
	"strings"
	"testing"
	"unicode/utf8"
)

// tlvHex returns the hex of one DER TLV with a short-form length: the tag byte
// and the hex of the content parts, spaces allowed.
func tlvHex(tag string, parts ...string) string {
	c := strings.ReplaceAll(strings.Join(parts, ""), " ", "")
	return tag + hex.EncodeToString([]byte{byte(len(c) / 2)}) + c
}

// DER pieces: the policy 2.23.140.1.5.1.3, the qualifier identifiers, and
// a CPS qualifier https://a.example/c.
var (
	policyMailboxStrict = tlvHex("06", "67810c01050103")
	oidCPSHex           = tlvHex("06", "2b06010505070201")
	oidUNoticeHex       = tlvHex("06", "2b06010505070202")
	cpsHTTPS            = tlvHex("30", oidCPSHex, tlvHex("16", hex.EncodeToString([]byte("https://a.example/c"))))
)

// policiesHex returns certificatePolicies with one PolicyInformation holding
// the given qualifiers (none: no policyQualifiers field).
func policiesHex(qualifiers ...string) string {
	if len(qualifiers) == 0 {
		return tlvHex("30", tlvHex("30", policyMailboxStrict))
	}
	return tlvHex("30", tlvHex("30", policyMailboxStrict, tlvHex("30", qualifiers...)))
}

func strHex(tag, s string) string { return tlvHex(tag, hex.EncodeToString([]byte(s))) }

func TestParseCertificatePolicies(t *testing.T) {
	tests := []struct {
		name, der string
		want      []string // policy: qualifiers, as describeQualifier writes them
		wantErr   string
	}{
		{"one policy, no qualifiers", policiesHex(), []string{"2.23.140.1.5.1.3:"}, ""},
		{"CPS URI", policiesHex(cpsHTTPS), []string{`2.23.140.1.5.1.3: cps IA5 "https://a.example/c"`}, ""},
		{"CPS as UTF8String", policiesHex(tlvHex("30", oidCPSHex, strHex("0c", "https://a.example/c"))),
			[]string{`2.23.140.1.5.1.3: cps error "CPSuri is a UTF8String, not an IA5String"`}, ""},
		{"userNotice explicitText", policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30", strHex("0c", "text")))),
			[]string{`2.23.140.1.5.1.3: unotice explicit "text"`}, ""},
		{"userNotice noticeRef and explicitText", policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30", tlvHex("30", strHex("0c", "CA"), tlvHex("30", "020101")), strHex("16", "text")))),
			[]string{`2.23.140.1.5.1.3: unotice noticeRef "CA" [1] explicit "text"`}, ""},
		{"userNotice BMPString explicitText", policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30", tlvHex("1e", "00740078")))),
			[]string{`2.23.140.1.5.1.3: unotice explicit "tx"`}, ""},
		{"userNotice noticeRef only", policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30", tlvHex("30", strHex("1a", "CA"), tlvHex("30", "020101", "020102"))))),
			[]string{`2.23.140.1.5.1.3: unotice noticeRef "CA" [1 2]`}, ""},
		{"userNotice empty", policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30"))), []string{`2.23.140.1.5.1.3: unotice`}, ""},
		{"userNotice PrintableString text", policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30", strHex("13", "text")))),
			[]string{`2.23.140.1.5.1.3: unotice error "UserNotice holds a PrintableString where explicitText, a DisplayText, may stand"`}, ""},
		{"userNotice noticeRef without numbers", policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30", tlvHex("30", strHex("0c", "CA"))))),
			[]string{`2.23.140.1.5.1.3: unotice noticeRef "CA" [] error "noticeRef noticeNumbers is not a DER SEQUENCE OF INTEGER"`}, ""},
		{"userNotice two texts", policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30", strHex("0c", "a"), strHex("0c", "b")))),
			[]string{`2.23.140.1.5.1.3: unotice explicit "a" error "UserNotice has 3 bytes after explicitText"`}, ""},
		{"userNotice not a SEQUENCE", policiesHex(tlvHex("30", oidUNoticeHex, strHex("0c", "hi"))),
			[]string{`2.23.140.1.5.1.3: unotice error "UserNotice is a UTF8String, not a SEQUENCE"`}, ""},
		{"unknown qualifier kept", policiesHex(tlvHex("30", tlvHex("06", "2b06010505070203"), strHex("0c", "hi"))),
			[]string{`2.23.140.1.5.1.3: 1.3.6.1.5.5.7.2.3`}, ""},
		{"qualifier without value", policiesHex(tlvHex("30", tlvHex("06", "2b0601050507"))),
			[]string{`2.23.140.1.5.1.3: 1.3.6.1.5.5.7 error "qualifier 1.3.6.1.5.5.7 has no value"`}, ""},
		{"qualifier with two values", policiesHex(tlvHex("30", oidCPSHex, strHex("16", "http://a"), strHex("16", "http://b"))),
			[]string{`2.23.140.1.5.1.3: cps error "qualifier 1.3.6.1.5.5.7.2.1 has 10 bytes after its value"`}, ""},
		{"two policies", tlvHex("30", tlvHex("30", policyMailboxStrict), tlvHex("30", tlvHex("06", "551d2000"), tlvHex("30", cpsHTTPS))),
			[]string{"2.23.140.1.5.1.3:", `2.5.29.32.0: cps IA5 "https://a.example/c"`}, ""},
		{"empty qualifiers", tlvHex("30", tlvHex("30", policyMailboxStrict, "3000")), nil, "policy 2.23.140.1.5.1.3: policyQualifiers is empty (SIZE (1..MAX))"},
		{"empty", "3000", nil, "certificatePolicies is empty (SIZE (1..MAX))"},
		{"trailing bytes", policiesHex() + "00", nil, "certificatePolicies is not exactly one DER SEQUENCE"},
		{"policy not an OID", "3004 3002 0500", nil, "PolicyInformation is not a DER SEQUENCE starting with an OBJECT IDENTIFIER"},
		{"qualifier not a SEQUENCE", tlvHex("30", tlvHex("30", policyMailboxStrict, tlvHex("30", "0500"))), nil,
			"policy 2.23.140.1.5.1.3: PolicyQualifierInfo is not a DER SEQUENCE starting with an OBJECT IDENTIFIER"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			policies, err := ParseCertificatePolicies(unhex(t, tt.der))
			if got := errString(err); got != tt.wantErr {
				t.Fatalf("error %q, want %q", got, tt.wantErr)
			}
			var got []string
			for i := range policies {
				p := &policies[i]
				s := p.Name() + ":"
				for _, q := range p.Qualifiers {
					s += " " + describeQualifier(q)
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func describeQualifier(q PolicyQualifier) string {
	var s string
	switch {
	case q.ID.Equal(OIDQualifierCPS):
		s = "cps"
		if q.Err == nil {
			s += " IA5 \"" + string(q.Value) + "\""
		}
	case q.ID.Equal(OIDQualifierUserNotice):
		s = "unotice"
		if q.Notice.HasNoticeRef {
			s += " noticeRef " + q.Notice.NoticeRef.Organization.String() + " " + numbers(q.Notice.NoticeRef)
		}
		if q.Notice.HasExplicit {
			s += " explicit " + q.Notice.ExplicitText.String()
		}
	default:
		s = q.ID.String()
	}
	if q.Err != nil {
		s += " error \"" + q.Err.Error() + "\""
	}
	return s
}

func numbers(r NoticeReference) string {
	var parts []string
	for _, n := range r.NoticeNumbers {
		parts = append(parts, n.String())
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func TestHTTPURLProblem(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://example.com/cps", ""},
		{"http://example.com", ""},
		{"HTTPS://EXAMPLE.COM/CPS", ""},
		{"http://[2001:db8::1]/cps", ""},
		{"ftp://example.com/cps", `has the scheme "ftp"`},
		{"ldap://example.com", `has the scheme "ldap"`},
		{"example.com/cps", "has no URI scheme"},
		{"https:/cps", "has no host"},
		{"https://", "has no host"},
		{"https://:443/", "has no host"},
		{"https://example.com/a b", "has the octet 0x20, which no URI holds"},
		{"https://exämple.com/", "has the octet 0xc3, which no URI holds"},
		{"http://example.com/%zz", "is not a URL"},
		{"", "has no URI scheme"},
	}
	for _, tt := range tests {
		if got := HTTPURLProblem(tt.url); got != tt.want {
			t.Errorf("HTTPURLProblem(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func FuzzParseCertificatePolicies(f *testing.F) {
	for _, s := range []string{policiesHex(), policiesHex(cpsHTTPS),
		policiesHex(tlvHex("30", oidUNoticeHex, tlvHex("30", tlvHex("30", strHex("0c", "CA"), tlvHex("30", "020101")), strHex("16", "text"))))} {
		der, err := hex.DecodeString(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		policies, err := ParseCertificatePolicies(der)
		checkPolicyMessage(t, errString(err))
		for i := range policies {
			p := &policies[i]
			checkPolicyMessage(t, p.Name())
			for _, q := range p.Qualifiers {
				checkPolicyMessage(t, errString(q.Err))
				checkPolicyMessage(t, q.Notice.ExplicitText.String())
				checkPolicyMessage(t, q.Notice.NoticeRef.Organization.String())
				checkPolicyMessage(t, HTTPURLProblem(string(q.Value)))
			}
		}
	})
}

// checkPolicyMessage checks that a message for finding details is printable
// UTF-8 of bounded length, whatever the input.
func checkPolicyMessage(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) || len(s) > 1024 {
		t.Fatalf("message is not valid UTF-8 or too long: %.200q", s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			t.Fatalf("message holds control character %q: %.200q", r, s)
		}
	}
}
