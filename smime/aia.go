package smime

import (
	"errors"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/smimelint/zlint-smime/util"
)

// Access methods of authorityInformationAccess (RFC 5280 §4.2.2.1).
var (
	OIDAccessOCSP      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1}
	OIDAccessCAIssuers = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 2}
)

// AccessDescription is one entry of authorityInformationAccess. zcrypto
// keeps only the uniformResourceIdentifier locations, so an id-ad-caIssuers
// entry with a directoryName location, for example, is lost there.
type AccessDescription struct {
	Method   asn1.ObjectIdentifier
	Location GeneralName
}

// AccessDescriptions reads c's authorityInformationAccess extension:
// AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription.
// It returns the entries read before a structural fault, and the fault.
func AccessDescriptions(c *x509.Certificate) ([]AccessDescription, error) {
	der, _, ok := findExtension(c, OIDAuthorityInfoAccess)
	if !ok {
		return nil, nil
	}
	input := cryptobyte.String(der)
	var seq cryptobyte.String
	if !input.ReadASN1(&seq, cbasn1.SEQUENCE) || !input.Empty() {
		return nil, errors.New("authorityInformationAccess is not exactly one DER SEQUENCE")
	}
	if seq.Empty() {
		return nil, errors.New("authorityInformationAccess is empty (SIZE (1..MAX))")
	}
	var out []AccessDescription
	for !seq.Empty() {
		var ad cryptobyte.String
		var d AccessDescription
		if !seq.ReadASN1(&ad, cbasn1.SEQUENCE) || !readOID(&ad, &d.Method) {
			return out, errors.New("AccessDescription is not a DER SEQUENCE starting with an OBJECT IDENTIFIER")
		}
		loc, err := readGeneralName(&ad)
		if err != nil {
			return out, err
		}
		if !ad.Empty() {
			return out, errors.New("AccessDescription has bytes after its accessLocation")
		}
		d.Location = loc
		out = append(out, d)
	}
	return out, nil
}

// HTTPLocationProblem says why the accessLocation of d is not an HTTP URI,
// the only form SBR §7.1.2.3(c) allows for id-ad-ocsp and id-ad-caIssuers
// in Strict and Multipurpose certificates, or returns "" when it is one: a
// well-formed uniformResourceIdentifier with the scheme http
// (case-insensitive, RFC 3986 §3.1) and a host. zcrypto drops the other
// GeneralName forms, so they are judged from the raw entry.
func (d *AccessDescription) HTTPLocationProblem() string {
	loc := &d.Location
	switch {
	case loc.Tag != URITag:
		return "is a " + loc.String() + ", not a uniformResourceIdentifier"
	case loc.Err != nil:
		return "is a malformed uniformResourceIdentifier (" + loc.Err.Error() + ")"
	}
	s := string(loc.Value)
	if p := HTTPURLProblem(s); p != "" {
		return "is " + util.Quote(s) + ", which " + p
	}
	if scheme, _, _ := strings.Cut(s, ":"); !strings.EqualFold(scheme, "http") {
		return "is " + util.Quote(s) + ", with the scheme " + util.Quote(scheme) + ", not http"
	}
	return ""
}
