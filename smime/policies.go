package smime

import (
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/smimelint/zlint-smime/util"
)

// Policy qualifier identifiers (RFC 5280 §4.2.1.4), the two that SBR
// §7.1.2.3(a) regulates.
var (
	OIDQualifierCPS        = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 2, 1}
	OIDQualifierUserNotice = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 2, 2}
)

// CertificatePolicies is the certificatePolicies extension read from its raw
// DER, with every qualifier: zcrypto keeps the policy identifiers but flattens
// the qualifiers, and loses the string type of a CPS URI.
type CertificatePolicies struct {
	Present  bool
	Critical bool
	Policies []PolicyInformation
	// Err says why the extension as a whole is malformed; Policies then holds
	// the entries read before the fault.
	Err error
}

// PolicyInformation is one policy and its qualifiers.
type PolicyInformation struct {
	ID         asn1.ObjectIdentifier
	Qualifiers []PolicyQualifier
}

// Name is the policy identifier in dotted form, bounded for messages.
func (p *PolicyInformation) Name() string { return oidString(p.ID) }

// PolicyQualifier is one PolicyQualifierInfo ::= SEQUENCE { policyQualifierId
// PolicyQualifierId, qualifier ANY DEFINED BY policyQualifierId }.
type PolicyQualifier struct {
	ID asn1.ObjectIdentifier
	// Tag and Value are the tag and content octets of the qualifier TLV: for
	// id-qt-cps the CPSuri, an IA5String.
	Tag   cbasn1.Tag
	Value []byte
	// Notice is the decoded UserNotice, for id-qt-unotice.
	Notice UserNotice
	// Err says why the qualifier does not decode as its type requires; the
	// other fields then hold what could be read.
	Err error
}

// UserNotice is UserNotice ::= SEQUENCE { noticeRef NoticeReference
// OPTIONAL, explicitText DisplayText OPTIONAL } (RFC 5280 §4.2.1.4).
type UserNotice struct {
	HasNoticeRef bool
	NoticeRef    NoticeReference
	HasExplicit  bool
	ExplicitText DisplayText
}

// NoticeReference is NoticeReference ::= SEQUENCE { organization
// DisplayText, noticeNumbers SEQUENCE OF INTEGER }.
type NoticeReference struct {
	Organization  DisplayText
	NoticeNumbers []*big.Int
}

// DisplayText is a DisplayText CHOICE: its tag (IA5String, VisibleString,
// BMPString or UTF8String) and content octets.
type DisplayText struct {
	Tag   cbasn1.Tag
	Value []byte
}

// String decodes the text to UTF-8 for messages, quoted and bounded.
func (d DisplayText) String() string {
	s, err := decodeDirectoryString(d.Tag, d.Value)
	if err != nil {
		return tagName(d.Tag) + " " + util.HexQuote(d.Value)
	}
	return util.Quote(s)
}

// displayTextTags are the alternatives of DisplayText.
var displayTextTags = [...]cbasn1.Tag{cbasn1.IA5String, cbasn1.Tag(26), cbasn1.Tag(30), cbasn1.UTF8String}

func isDisplayText(t cbasn1.Tag) bool {
	for _, d := range displayTextTags {
		if t == d {
			return true
		}
	}
	return false
}

// PoliciesOf reads c's certificatePolicies extension.
func PoliciesOf(c *x509.Certificate) CertificatePolicies {
	der, critical, ok := findExtension(c, OIDCertificatePolicies)
	if !ok {
		return CertificatePolicies{}
	}
	policies, err := ParseCertificatePolicies(der)
	return CertificatePolicies{Present: true, Critical: critical, Policies: policies, Err: err}
}

// HasQualifier reports whether any policy of c carries a qualifier of type
// id, from zcrypto's parsed qualifier identifiers. It does not allocate, so
// a lint calls it from CheckApplies before PoliciesOf.
func HasQualifier(c *x509.Certificate, id asn1.ObjectIdentifier) bool {
	for _, ids := range c.QualifierId {
		for _, q := range ids {
			if q.Equal(id) {
				return true
			}
		}
	}
	return false
}

// ParseCertificatePolicies decodes certificatePolicies ::= SEQUENCE SIZE
// (1..MAX) OF PolicyInformation. It returns the policies it could read and
// an error for a structural fault; a qualifier whose content does not decode
// as its type requires is kept, with its own Err.
func ParseCertificatePolicies(der []byte) ([]PolicyInformation, error) {
	input := cryptobyte.String(der)
	var seq cryptobyte.String
	if !input.ReadASN1(&seq, cbasn1.SEQUENCE) || !input.Empty() {
		return nil, errors.New("certificatePolicies is not exactly one DER SEQUENCE")
	}
	if seq.Empty() {
		return nil, errors.New("certificatePolicies is empty (SIZE (1..MAX))")
	}
	var policies []PolicyInformation
	for !seq.Empty() {
		var pi cryptobyte.String
		var p PolicyInformation
		if !seq.ReadASN1(&pi, cbasn1.SEQUENCE) || !readOID(&pi, &p.ID) {
			return policies, errors.New("PolicyInformation is not a DER SEQUENCE starting with an OBJECT IDENTIFIER")
		}
		var quals cryptobyte.String
		var present bool
		if !pi.ReadOptionalASN1(&quals, &present, cbasn1.SEQUENCE) || !pi.Empty() {
			return policies, fmt.Errorf("policy %s: policyQualifiers is not a DER SEQUENCE", oidString(p.ID))
		}
		if present && quals.Empty() {
			return policies, fmt.Errorf("policy %s: policyQualifiers is empty (SIZE (1..MAX))", oidString(p.ID))
		}
		for !quals.Empty() {
			q, err := readPolicyQualifier(&quals)
			if err != nil {
				return policies, fmt.Errorf("policy %s: %w", oidString(p.ID), err)
			}
			p.Qualifiers = append(p.Qualifiers, q)
		}
		policies = append(policies, p)
	}
	return policies, nil
}

func readPolicyQualifier(s *cryptobyte.String) (PolicyQualifier, error) {
	var q PolicyQualifier
	var info cryptobyte.String
	if !s.ReadASN1(&info, cbasn1.SEQUENCE) || !readOID(&info, &q.ID) {
		return q, errors.New("PolicyQualifierInfo is not a DER SEQUENCE starting with an OBJECT IDENTIFIER")
	}
	var value cryptobyte.String
	if !info.ReadAnyASN1(&value, &q.Tag) {
		q.Err = fmt.Errorf("qualifier %s has no value", oidString(q.ID))
		return q, nil
	}
	q.Value = value
	if !info.Empty() {
		q.Err = fmt.Errorf("qualifier %s has %d bytes after its value", oidString(q.ID), len(info))
		return q, nil
	}
	switch {
	case q.ID.Equal(OIDQualifierCPS):
		if q.Tag != cbasn1.IA5String {
			q.Err = fmt.Errorf("CPSuri is %s, not an IA5String", tagName(q.Tag))
		}
	case q.ID.Equal(OIDQualifierUserNotice):
		if q.Tag != cbasn1.SEQUENCE {
			q.Err = fmt.Errorf("UserNotice is %s, not a SEQUENCE", tagName(q.Tag))
			break
		}
		q.Notice, q.Err = parseUserNotice(value)
	}
	return q, nil
}

func parseUserNotice(s cryptobyte.String) (UserNotice, error) {
	var n UserNotice
	if s.PeekASN1Tag(cbasn1.SEQUENCE) {
		var ref cryptobyte.String
		n.HasNoticeRef = true
		if !s.ReadASN1(&ref, cbasn1.SEQUENCE) {
			return n, errors.New("noticeRef is not a DER SEQUENCE")
		}
		if !readDisplayText(&ref, &n.NoticeRef.Organization) {
			return n, errors.New("noticeRef organization is not a DisplayText")
		}
		var numbers cryptobyte.String
		if !ref.ReadASN1(&numbers, cbasn1.SEQUENCE) || !ref.Empty() {
			return n, errors.New("noticeRef noticeNumbers is not a DER SEQUENCE OF INTEGER")
		}
		for !numbers.Empty() {
			v := new(big.Int)
			if !numbers.ReadASN1Integer(v) {
				return n, errors.New("noticeRef noticeNumbers holds something other than an INTEGER")
			}
			n.NoticeRef.NoticeNumbers = append(n.NoticeRef.NoticeNumbers, v)
		}
	}
	if !s.Empty() {
		if !readDisplayText(&s, &n.ExplicitText) {
			var tag cbasn1.Tag
			var skip cryptobyte.String
			if s.ReadAnyASN1(&skip, &tag) {
				return n, fmt.Errorf("UserNotice holds %s where explicitText, a DisplayText, may stand", tagName(tag))
			}
			return n, errors.New("UserNotice holds bytes that are not DER")
		}
		n.HasExplicit = true
	}
	if !s.Empty() {
		return n, fmt.Errorf("UserNotice has %d bytes after explicitText", len(s))
	}
	return n, nil
}

// readDisplayText reads one DisplayText alternative from s.
func readDisplayText(s *cryptobyte.String, d *DisplayText) bool {
	var tag cbasn1.Tag
	var value cryptobyte.String
	save := *s
	if !s.ReadAnyASN1(&value, &tag) || !isDisplayText(tag) {
		*s = save
		return false
	}
	d.Tag, d.Value = tag, value
	return true
}

// HTTPURLProblem says why a CPS URI is not an HTTP or HTTPS URL (SBR
// §7.1.2.3(a)), or returns "" when it is one: the scheme http or https
// (case-insensitive, RFC 3986 §3.1), an authority with a host, and only the
// printable ASCII characters, without space, that a URI may hold.
func HTTPURLProblem(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return fmt.Sprintf("has the octet 0x%02x, which no URI holds", s[i])
		}
	}
	scheme, _, ok := strings.Cut(s, ":")
	if !ok {
		return "has no URI scheme"
	}
	if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") {
		return "has the scheme " + util.Quote(scheme)
	}
	u, err := url.Parse(s)
	if err != nil {
		return "is not a URL"
	}
	if u.Host == "" || u.Hostname() == "" {
		return "has no host"
	}
	return ""
}
