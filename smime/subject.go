package smime

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/zmap/zcrypto/encoding/asn1"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/smimelint/zlint-smime/util"
)

// Subject attribute types of SBR §7.1.4.2.2 (X.520, PKCS #9, RFC 5280).
var (
	OIDCommonName             = asn1.ObjectIdentifier{2, 5, 4, 3}
	OIDSurname                = asn1.ObjectIdentifier{2, 5, 4, 4}
	OIDSerialNumber           = asn1.ObjectIdentifier{2, 5, 4, 5}
	OIDCountryName            = asn1.ObjectIdentifier{2, 5, 4, 6}
	OIDLocalityName           = asn1.ObjectIdentifier{2, 5, 4, 7}
	OIDStateOrProvinceName    = asn1.ObjectIdentifier{2, 5, 4, 8}
	OIDStreetAddress          = asn1.ObjectIdentifier{2, 5, 4, 9}
	OIDOrganizationName       = asn1.ObjectIdentifier{2, 5, 4, 10}
	OIDOrganizationalUnit     = asn1.ObjectIdentifier{2, 5, 4, 11}
	OIDTitle                  = asn1.ObjectIdentifier{2, 5, 4, 12}
	OIDPostalCode             = asn1.ObjectIdentifier{2, 5, 4, 17}
	OIDGivenName              = asn1.ObjectIdentifier{2, 5, 4, 42}
	OIDPseudonym              = asn1.ObjectIdentifier{2, 5, 4, 65}
	OIDOrganizationIdentifier = asn1.ObjectIdentifier{2, 5, 4, 97}
	OIDEmailAddress           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}
)

var attributeNames = map[string]string{
	OIDCommonName.String(): "commonName", OIDSurname.String(): "surname",
	OIDSerialNumber.String(): "serialNumber", OIDCountryName.String(): "countryName",
	OIDLocalityName.String(): "localityName", OIDStateOrProvinceName.String(): "stateOrProvinceName",
	OIDStreetAddress.String(): "streetAddress", OIDOrganizationName.String(): "organizationName",
	OIDOrganizationalUnit.String(): "organizationalUnitName", OIDTitle.String(): "title",
	OIDPostalCode.String(): "postalCode", OIDGivenName.String(): "givenName",
	OIDPseudonym.String(): "pseudonym", OIDOrganizationIdentifier.String(): "organizationIdentifier",
	OIDEmailAddress.String(): "emailAddress",
}

// AttributeName names an attribute type for messages: "subject:" names of
// the SBR where it has one, the dotted OID otherwise.
func AttributeName(oid asn1.ObjectIdentifier) string {
	if n, ok := attributeNames[oid.String()]; ok {
		return n
	}
	return oidString(oid)
}

// Attribute is one AttributeTypeAndValue of a Name, with the exact string
// type its value was encoded with.
type Attribute struct {
	Type asn1.ObjectIdentifier
	// Tag is the universal tag of the value (0x13 PrintableString, 0x0C
	// UTF8String, ...).
	Tag cbasn1.Tag
	// Raw is the value's content octets.
	Raw []byte
	// Value is the value decoded to UTF-8; Err says why it could not be.
	Value string
	Err   error
}

// Name is a distinguished name (RDNSequence) read from its DER, in order,
// multi-valued RDNs flattened.
type Name struct {
	Attributes []Attribute
	// Err says why the Name is malformed; Attributes then hold what was
	// read before the fault.
	Err error
}

// ParseName decodes an RDNSequence.
func ParseName(der []byte) Name {
	var n Name
	input := cryptobyte.String(der)
	var seq cryptobyte.String
	if !input.ReadASN1(&seq, cbasn1.SEQUENCE) || !input.Empty() {
		n.Err = errors.New("name is not exactly one DER SEQUENCE")
		return n
	}
	for !seq.Empty() {
		var set cryptobyte.String
		if !seq.ReadASN1(&set, cbasn1.SET) {
			n.Err = errors.New("name holds something other than a RelativeDistinguishedName SET")
			return n
		}
		for !set.Empty() {
			var atv cryptobyte.String
			var a Attribute
			var raw cryptobyte.String
			if !set.ReadASN1(&atv, cbasn1.SEQUENCE) || !readOID(&atv, &a.Type) ||
				!atv.ReadAnyASN1(&raw, &a.Tag) || !atv.Empty() {
				n.Err = errors.New("name holds a malformed AttributeTypeAndValue")
				return n
			}
			a.Raw = raw
			a.Value, a.Err = decodeDirectoryString(a.Tag, raw)
			n.Attributes = append(n.Attributes, a)
		}
	}
	return n
}

// All returns the attributes of the given type, in order.
func (n *Name) All(oid asn1.ObjectIdentifier) []*Attribute {
	var out []*Attribute
	for i := range n.Attributes {
		if n.Attributes[i].Type.Equal(oid) {
			out = append(out, &n.Attributes[i])
		}
	}
	return out
}

// Has reports whether an attribute of the given type is present.
func (n *Name) Has(oid asn1.ObjectIdentifier) bool {
	for i := range n.Attributes {
		if n.Attributes[i].Type.Equal(oid) {
			return true
		}
	}
	return false
}

// decodeDirectoryString decodes the string types a Name may use to UTF-8.
func decodeDirectoryString(tag cbasn1.Tag, b []byte) (string, error) {
	switch tag {
	case cbasn1.UTF8String:
		if !utf8.Valid(b) {
			return "", errors.New("UTF8String is not valid UTF-8")
		}
		return string(b), nil
	case cbasn1.PrintableString, cbasn1.IA5String, cbasn1.Tag(26): // VisibleString
		for _, c := range b {
			if c > 0x7f {
				return "", errors.New("string has a non-ASCII octet")
			}
		}
		return string(b), nil
	case cbasn1.T61String: // decoded as Latin-1, as most software does
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r), nil
	case cbasn1.Tag(30): // BMPString, UTF-16 big-endian
		if len(b)%2 != 0 {
			return "", errors.New("BMPString has an odd number of octets")
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u)), nil
	case cbasn1.Tag(28): // UniversalString, UTF-32 big-endian
		if len(b)%4 != 0 {
			return "", errors.New("UniversalString length is not a multiple of 4")
		}
		r := make([]rune, len(b)/4)
		for i := range r {
			r[i] = rune(uint32(b[4*i])<<24 | uint32(b[4*i+1])<<16 | uint32(b[4*i+2])<<8 | uint32(b[4*i+3]))
			if !utf8.ValidRune(r[i]) {
				return "", errors.New("UniversalString holds an invalid code point")
			}
		}
		return string(r), nil
	}
	return "", errors.New("value is " + tagName(tag) + ", not a directory string")
}

// LocatedName is a Name with the place it was found, for messages.
type LocatedName struct {
	// Where is "subject" or "subjectAltName directoryName #n" (1-based).
	Where string
	Name  *Name
}

// SubjectNames returns the subject, then each subjectAltName
// directoryName: SBR §7.1.4.2.1 holds the latter to the subject rules of
// §7.1.4.2.2 to §7.1.4.2.6.
func (ci *Cert) SubjectNames() []LocatedName {
	out := []LocatedName{{Where: "subject", Name: &ci.Subject}}
	for i := range ci.SANDirectoryNames {
		out = append(out, LocatedName{Where: "subjectAltName directoryName #" + strconv.Itoa(i+1), Name: &ci.SANDirectoryNames[i]})
	}
	return out
}

// Describe names an attribute and quotes its value, for messages.
func (a *Attribute) Describe() string {
	return AttributeName(a.Type) + " " + util.Quote(a.Value)
}

// sbrAttributes are the attribute types SBR §7.1.4.2.2 lists; §7.1.4.2.4 to
// §7.1.4.2.6 call every other type "Other".
var sbrAttributes = []asn1.ObjectIdentifier{OIDCommonName, OIDOrganizationName, OIDOrganizationalUnit,
	OIDOrganizationIdentifier, OIDGivenName, OIDSurname, OIDPseudonym, OIDSerialNumber, OIDEmailAddress,
	OIDTitle, OIDStreetAddress, OIDLocalityName, OIDStateOrProvinceName, OIDPostalCode, OIDCountryName}

// ProhibitedAttribute says why SBR §7.1.4.2.4 to §7.1.4.2.6 forbid an
// attribute of type t in the subject of a certificate of policy p, or ""
// when it is allowed. Mailbox-validated subjects (§7.1.4.2.3) are not
// judged here.
func ProhibitedAttribute(p ReservedPolicy, t asn1.ObjectIdentifier) string {
	in := func(set ...asn1.ObjectIdentifier) bool {
		for _, s := range set {
			if t.Equal(s) {
				return true
			}
		}
		return false
	}
	section := map[ValidationType]string{OrganizationValidated: "§7.1.4.2.4", SponsorValidated: "§7.1.4.2.5",
		IndividualValidated: "§7.1.4.2.6"}[p.Type]
	switch {
	case p.Type == OrganizationValidated && in(OIDGivenName, OIDSurname, OIDPseudonym, OIDTitle):
		return "SBR " + section + " forbids it in " + p.Type.String() + " certificates"
	case p.Type == IndividualValidated && in(OIDOrganizationName, OIDOrganizationalUnit, OIDOrganizationIdentifier):
		return "SBR " + section + " forbids it in " + p.Type.String() + " certificates"
	case p.Generation == Strict && in(OIDStreetAddress, OIDPostalCode):
		return "SBR " + section + " forbids it in Strict certificates"
	case p.Generation != Legacy && !in(sbrAttributes...):
		return "SBR " + section + " forbids attributes outside its list (\"Other\") in " + p.Generation.String() + " certificates"
	}
	return ""
}

// IsMailboxAddress reports whether an attribute value is a Mailbox Address
// (SBR §1.6.1): a bare RFC 6531 Mailbox whose domain is a domain name of at
// least two labels, each an LDH label or a U-label that has an A-label. The
// domain test keeps free text that merely holds an "@", such as an
// organizationName "R&D@Acme" or "sales@hq", from being taken for an
// address; the domain rules themselves (EAI-04, EAI-10) judge the SAN.
func IsMailboxAddress(v string) bool {
	m, err := ParseMailbox(v)
	return err == nil && isMailboxDomain(m.Domain)
}

// isMailboxDomain reports whether domain has at least two labels, each 1 to
// 63 octets of letters, digits and inner hyphens, or a U-label that
// converts to an A-label.
func isMailboxDomain(domain string) bool {
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !IsASCII(l) {
			l = util.ToALabel(l)
		}
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range []byte(l) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// HoldsMailboxAddress reports whether a holds a Mailbox Address that SBR
// §7.1.4.2.1 requires repeated in the subjectAltName ("All Mailbox
// Addresses in the subject field or entries of type directoryName"): a
// subject:emailAddress always, since §7.1.4.2.2(h) defines its content as a
// single Mailbox Address; any other attribute, commonName (§7.1.4.2.2(a))
// included, when its whole value is a Mailbox Address (IsMailboxAddress).
// Free text that merely holds an "@", such as an organizationalUnitName
// "R&D@Acme" or "sales@hq", is no address.
func HoldsMailboxAddress(a *Attribute) bool {
	switch {
	case a.Err != nil:
		return false
	case a.Type.Equal(OIDEmailAddress):
		return a.Value != ""
	}
	return IsMailboxAddress(a.Value)
}
