package smime

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/zmap/zcrypto/x509"
	zutil "github.com/zmap/zlint/v3/util"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/smimelint/zlint-smime/util"
)

// Registration Schemes of subject:organizationIdentifier: Appendix A.1
// (NTR, VAT, PSD, LEI) and SBR §7.1.4.2.2(d) Note 2 (GOV, INT).
const (
	SchemeNTR = "NTR" // national trade register
	SchemeVAT = "VAT" // value-added tax identification number
	SchemePSD = "PSD" // PSD2 authorization number (ETSI TS 119 495)
	SchemeLEI = "LEI" // Legal Entity Identifier (ISO 17442)
	SchemeGOV = "GOV" // Government Entity
	SchemeINT = "INT" // International Organization Entity
)

// KnownScheme reports whether s is one of the six Registration Schemes the
// SBR recognises.
func KnownScheme(s string) bool {
	switch s {
	case SchemeNTR, SchemeVAT, SchemePSD, SchemeLEI, SchemeGOV, SchemeINT:
		return true
	}
	return false
}

// CountryGlobal is "XG", the code the LEI and INT schemes use instead of a
// country (SBR §7.1.4.2.2(d) Notes 1 and 2).
const CountryGlobal = "XG"

// IsISO3166Country reports whether code is an ISO 3166-1 alpha-2 country
// code as the organizationIdentifier structure needs one: two uppercase
// letters that zlint's list holds, other than the user-assigned "XX" that
// only subject:countryName may use (SBR §7.1.4.2.2(n)).
func IsISO3166Country(code string) bool {
	return len(code) == 2 && isUpper(code[0]) && isUpper(code[1]) && code != "XX" && zutil.IsISOCountryCode(code)
}

// VATCountry returns the ISO 3166-1 code of a VAT country prefix: the
// prefixes of Article 215 of Council Directive 2006/112/EC that are no ISO
// codes, "EL" (Greece) and "XI" (Northern Ireland), map to "GR" and "GB";
// every other prefix is its own code. ok is false for a prefix that is
// neither an Article 215 prefix nor an ISO 3166-1 code.
func VATCountry(prefix string) (iso string, ok bool) {
	switch prefix {
	case "EL":
		return "GR", true
	case "XI":
		return "GB", true
	}
	return prefix, IsISO3166Country(prefix)
}

// OrganizationIdentifier is a subject:organizationIdentifier value read
// with the structure of SBR §7.1.4.2.2(d):
//
//	<3-letter scheme><2-letter country>[+<subdivision>]-<reference>
//
// split at the leftmost hyphen-minus, since "Registration References MAY
// contain hyphens but Registration Schemes, ISO 3166-1 country codes, and
// ISO 3166-2 identifiers SHALL NOT".
type OrganizationIdentifier struct {
	Scheme  string
	Country string
	// Subdivision is the ISO 3166-2 identifier after "+"; HasSubdivision
	// says whether the "+" is there.
	Subdivision    string
	HasSubdivision bool
	// Reference is the Registration Reference after the leftmost "-";
	// HasReference says whether the "-" is there.
	Reference    string
	HasReference bool
}

// ParseOrganizationIdentifier reads s as an organizationIdentifier. The
// error names the first part that breaks the structure; which schemes,
// countries and references are acceptable is for the caller to decide
// (KnownScheme, IsISO3166Country, VATCountry, LEIProblem,
// ParsePSDReference, ValidateEUID).
func ParseOrganizationIdentifier(s string) (OrganizationIdentifier, error) {
	var id OrganizationIdentifier
	head, ref, hasRef := strings.Cut(s, "-")
	prefix, sub, hasSub := strings.Cut(head, "+")
	switch {
	case len(prefix) < 3 || !allUpper(prefix[:3]):
		return id, errors.New("the Registration Scheme identifier is not 3 uppercase letters")
	case len(prefix) == 3:
		return id, errors.New("no country code follows the Registration Scheme identifier " + util.Quote(prefix))
	case len(prefix) != 5 || !allUpper(prefix[3:]):
		return id, errors.New("the country code " + util.Quote(prefix[3:]) + " is not 2 uppercase letters")
	}
	id.Scheme, id.Country = prefix[:3], prefix[3:]
	if hasSub {
		if len(sub) < 1 || len(sub) > 3 || !allUpperAlnum(sub) {
			return id, errors.New("the subdivision " + util.Quote(sub) + " is not an ISO 3166-2 identifier of 1 to 3 uppercase letters or digits")
		}
		id.Subdivision, id.HasSubdivision = sub, true
	}
	if hasRef {
		if ref == "" {
			return id, errors.New("no Registration Reference follows the hyphen-minus")
		}
		id.Reference, id.HasReference = ref, true
	}
	return id, nil
}

// String writes the identifier back in the structure it was read from.
func (id OrganizationIdentifier) String() string {
	s := id.Scheme + id.Country
	if id.HasSubdivision {
		s += "+" + id.Subdivision
	}
	if id.HasReference {
		s += "-" + id.Reference
	}
	return s
}

// ParsePSDReference reads the Registration Reference of the PSD scheme in
// the form of ETSI TS 119 495 clause 5.2.1: the identifier of the national
// competent authority (2 to 8 uppercase letters), a hyphen-minus, and the
// authorization number it assigned, as in PSDBE-NBB-1234.567.890.
func ParsePSDReference(ref string) (nca, number string, err error) {
	nca, number, ok := strings.Cut(ref, "-")
	switch {
	case !ok:
		return "", "", errors.New("has no hyphen-minus between the NCA identifier and the authorization number")
	case len(nca) < 2 || len(nca) > 8 || !allUpper(nca):
		return "", "", errors.New("NCA identifier " + util.Quote(nca) + " is not 2 to 8 uppercase letters")
	case number == "":
		return "", "", errors.New("has no authorization number after the NCA identifier")
	}
	return nca, number, nil
}

// ValidateEUID checks a Registration Reference against the EUID structure
// of SBR §7.1.4.2.2(d) Note 3: the ISO 3166-1 code country, the business
// register identifier, ".", and the reference allocated by the domestic
// register, as in DER3306.HRB12345.
func ValidateEUID(ref, country string) error {
	if !strings.HasPrefix(ref, country) {
		return errors.New("does not start with the country code " + util.Quote(country))
	}
	register, local, ok := strings.Cut(ref[len(country):], ".")
	switch {
	case !ok:
		return errors.New("has no \".\" between the business register identifier and the domestic reference")
	case register == "":
		return errors.New("has no business register identifier after " + util.Quote(country))
	case local == "" || local[0] == '.':
		return errors.New("has no domestic reference after the \".\"")
	}
	return nil
}

// euidCountries are the country codes of the registers joined in the EU
// Business Registers Interconnection System, which allocates EUIDs: the EU
// member states (Greece as EL, as BRIS writes it, or GR) and the EEA states
// Iceland, Liechtenstein and Norway.
var euidCountries = map[string]bool{
	"AT": true, "BE": true, "BG": true, "CY": true, "CZ": true, "DE": true, "DK": true, "EE": true,
	"EL": true, "ES": true, "FI": true, "FR": true, "GR": true, "HR": true, "HU": true, "IE": true,
	"IT": true, "LT": true, "LU": true, "LV": true, "MT": true, "NL": true, "PL": true, "PT": true,
	"RO": true, "SE": true, "SI": true, "SK": true, "IS": true, "LI": true, "NO": true,
}

// EUIDCountry returns the country code of ref when ref has the EUID
// structure of SBR §7.1.4.2.2(d) Note 3: an EEA country code, a business
// register identifier of letters and digits, ".", and a domestic reference,
// as in DER3306.HRB12345. A reference without that shape is no EUID, and
// Note 3's country rule does not reach it.
func EUIDCountry(ref string) (string, bool) {
	if len(ref) < 2 || !euidCountries[ref[:2]] {
		return "", false
	}
	register, local, ok := strings.Cut(ref[2:], ".")
	if !ok || register == "" || local == "" || local[0] == '.' {
		return "", false
	}
	for _, c := range []byte(register) {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return "", false
		}
	}
	return ref[:2], true
}

// OrgID is one subject:organizationIdentifier attribute of a certificate,
// in the subject or in a subjectAltName directoryName, with its parse.
type OrgID struct {
	// Where is "subject" or "subjectAltName directoryName #n" (1-based).
	Where string
	Attr  *Attribute
	// Countries are the countryName attributes of the same Name, against
	// which SBR §7.1.4.2.2(d) Note 1 checks the identifier's country code.
	Countries []*Attribute
	// ID is the parsed value; ParseErr says why Attr.Value does not have
	// the structure. Both are zero when Attr.Err is set.
	ID       OrganizationIdentifier
	ParseErr error
}

// Decoded reports whether the value could be decoded to text at all.
func (o *OrgID) Decoded() bool { return o.Attr.Err == nil }

// Parsed reports whether the value was decoded and has the structure.
func (o *OrgID) Parsed() bool { return o.Attr.Err == nil && o.ParseErr == nil }

// Describe names the attribute, where it is, and quotes its value, for
// finding details.
func (o *OrgID) Describe() string {
	v := util.Quote(o.Attr.Value)
	if o.Attr.Err != nil {
		v = util.QuoteBytes(o.Attr.Raw)
	}
	return o.Where + " organizationIdentifier " + v
}

// Encoding names the ASN.1 string type of the value, as "a BMPString".
func (o *OrgID) Encoding() string { return tagName(o.Attr.Tag) }

// EncodingAllowed reports whether the value is a PrintableString or a
// UTF8String, the types SBR §7.1.4.2.2(d) allows.
func (o *OrgID) EncodingAllowed() bool {
	return o.Attr.Tag == cbasn1.PrintableString || o.Attr.Tag == cbasn1.UTF8String
}

// orgIDTypeDER is the DER of the attribute type 2.5.4.97.
var orgIDTypeDER = []byte{0x06, 0x03, 0x55, 0x04, 0x61}

// MayHaveOrganizationIdentifier is a cheap necessary condition for
// Cert.HasOrganizationIdentifier: the DER of the type 2.5.4.97 occurs in the
// subject or in the subjectAltName extension. It does not allocate, so lints
// call it from CheckApplies before asking Inspect.
func MayHaveOrganizationIdentifier(c *x509.Certificate) bool {
	if bytes.Contains(c.RawSubject, orgIDTypeDER) {
		return true
	}
	for i := range c.Extensions {
		if c.Extensions[i].Id.Equal(OIDSubjectAltName) && bytes.Contains(c.Extensions[i].Value, orgIDTypeDER) {
			return true
		}
	}
	return false
}

// HasOrganizationIdentifier reports whether the subject or a
// subjectAltName directoryName holds a subject:organizationIdentifier.
func (ci *Cert) HasOrganizationIdentifier() bool {
	if ci.Subject.Has(OIDOrganizationIdentifier) {
		return true
	}
	for i := range ci.SANDirectoryNames {
		if ci.SANDirectoryNames[i].Has(OIDOrganizationIdentifier) {
			return true
		}
	}
	return false
}

// OrganizationIdentifiers returns the organizationIdentifier attributes of
// the subject, then of each subjectAltName directoryName, which SBR
// §7.1.4.2.1 holds to the same rules, each parsed; Inspect computes them
// once into Cert.OrgIDs.
func (ci *Cert) organizationIdentifiers() []OrgID {
	var out []OrgID
	add := func(where string, n *Name) {
		countries := n.All(OIDCountryName)
		for _, a := range n.All(OIDOrganizationIdentifier) {
			o := OrgID{Where: where, Attr: a, Countries: countries}
			if a.Err == nil {
				o.ID, o.ParseErr = ParseOrganizationIdentifier(a.Value)
			}
			out = append(out, o)
		}
	}
	add("subject", &ci.Subject)
	for i := range ci.SANDirectoryNames {
		add("subjectAltName directoryName #"+strconv.Itoa(i+1), &ci.SANDirectoryNames[i])
	}
	return out
}

// OutsidePrintableString returns the first character of a PrintableString
// value that X.680 §41.4 does not allow in one (A-Z, a-z, 0-9, space and
// '()+,-./:=? are allowed); ok is false for a value of another type or
// without such a character.
func (o *OrgID) OutsidePrintableString() (char string, ok bool) {
	if o.Attr.Tag != cbasn1.PrintableString {
		return "", false
	}
	s := o.Attr.Value
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) || 'a' <= c && c <= 'z' || isDigit(c) || strings.IndexByte(" '()+,-./:=?", c) >= 0 {
			continue
		}
		return s[i : i+1], true
	}
	return "", false
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func allUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isUpper(s[i]) {
			return false
		}
	}
	return true
}

func allUpperAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isUpper(s[i]) && !isDigit(s[i]) {
			return false
		}
	}
	return true
}
