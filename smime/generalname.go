package smime

import (
	stdasn1 "encoding/asn1"
	"errors"
	"fmt"

	"github.com/zmap/zcrypto/encoding/asn1"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// NameTag is the context-specific tag number of a GeneralName CHOICE
// (RFC 5280 §4.2.1.6).
type NameTag uint8

// GeneralName alternatives.
const (
	OtherNameTag     NameTag = 0
	RFC822NameTag    NameTag = 1
	DNSNameTag       NameTag = 2
	X400AddressTag   NameTag = 3
	DirectoryNameTag NameTag = 4
	EDIPartyNameTag  NameTag = 5
	URITag           NameTag = 6
	IPAddressTag     NameTag = 7
	RegisteredIDTag  NameTag = 8
)

var nameTagNames = [...]string{"otherName", "rfc822Name", "dNSName", "x400Address",
	"directoryName", "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"}

func (t NameTag) String() string {
	if int(t) < len(nameTagNames) {
		return nameTagNames[t]
	}
	return fmt.Sprintf("[%d]", uint8(t))
}

// constructed reports whether the alternative is encoded constructed: the
// ones whose type is a SEQUENCE or a CHOICE (implicitly tagged SEQUENCE or,
// for directoryName, an explicit tag around a CHOICE).
func (t NameTag) constructed() bool {
	switch t {
	case OtherNameTag, X400AddressTag, DirectoryNameTag, EDIPartyNameTag:
		return true
	}
	return false
}

// OIDSmtpUTF8Mailbox is id-on-SmtpUTF8Mailbox (RFC 9598 §3).
var OIDSmtpUTF8Mailbox = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 9}

// GeneralName is one decoded GeneralName that keeps what zcrypto's parsed
// fields lose: the exact bytes, and for an otherName the tag of its value.
type GeneralName struct {
	Tag NameTag
	// Raw is the whole TLV of the entry.
	Raw []byte
	// Value is the content octets: the string for rfc822Name, dNSName and
	// uniformResourceIdentifier, the address for iPAddress, the encoded Name
	// for directoryName.
	Value []byte
	// OtherName is set for an otherName whose structure decoded.
	OtherName OtherName
	// Err says why the entry is malformed; the other fields then hold what
	// could be read. Malformed entries are kept, never dropped.
	Err error
}

// OtherName is the decoded form of OtherName ::= SEQUENCE { type-id OBJECT
// IDENTIFIER, value [0] EXPLICIT ANY DEFINED BY type-id }.
type OtherName struct {
	TypeID asn1.ObjectIdentifier
	// ValueTag is the tag of the TLV inside the [0] EXPLICIT wrapper (0x0C
	// for the UTF8String that RFC 9598 requires).
	ValueTag cbasn1.Tag
	// Value is the content octets of that TLV.
	Value []byte
}

// IsSmtpUTF8Mailbox reports whether the entry is an otherName of type
// id-on-SmtpUTF8Mailbox, whether or not its value decodes.
func (n *GeneralName) IsSmtpUTF8Mailbox() bool {
	return n.Tag == OtherNameTag && n.OtherName.TypeID.Equal(OIDSmtpUTF8Mailbox)
}

// String names the alternative, for messages.
func (n *GeneralName) String() string {
	if n.Tag == OtherNameTag && n.OtherName.TypeID != nil {
		return "otherName " + oidString(n.OtherName.TypeID)
	}
	return n.Tag.String()
}

// ParseGeneralNames decodes GeneralNames ::= SEQUENCE SIZE (1..MAX) OF
// GeneralName from der. It returns every entry it could delimit, each with
// its own Err if its content is malformed, and a non-nil error when the
// sequence itself is broken (the entries read before the break are
// returned).
func ParseGeneralNames(der []byte) ([]GeneralName, error) {
	input := cryptobyte.String(der)
	var seq cryptobyte.String
	if !input.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return nil, errors.New("GeneralNames is not a DER SEQUENCE")
	}
	if !input.Empty() {
		return nil, fmt.Errorf("%d trailing bytes after GeneralNames", len(input))
	}
	if seq.Empty() {
		return nil, errors.New("GeneralNames is empty (SIZE (1..MAX))")
	}
	var names []GeneralName
	for !seq.Empty() {
		n, err := readGeneralName(&seq)
		if err != nil {
			return names, err
		}
		names = append(names, n)
	}
	return names, nil
}

// readGeneralName reads one GeneralName TLV from s. An error means the TLV
// could not be delimited; a malformed content is reported in the entry's Err.
func readGeneralName(s *cryptobyte.String) (GeneralName, error) {
	var elem cryptobyte.String
	var tag cbasn1.Tag
	if !s.ReadAnyASN1Element(&elem, &tag) {
		return GeneralName{}, errors.New("GeneralName entry is not a DER TLV")
	}
	n := GeneralName{Raw: elem}
	var content cryptobyte.String
	elem.ReadAnyASN1(&content, &tag) // cannot fail: elem was just read as one element
	n.Value = content
	const classMask = 0xc0
	num := uint8(tag &^ (classMask | cbasn1.Tag(0x20)))
	if tag&classMask != cbasn1.Tag(0x80) || num > uint8(RegisteredIDTag) {
		n.Tag = NameTag(num)
		n.Err = fmt.Errorf("tag 0x%02x is not a GeneralName alternative", uint8(tag))
		return n, nil
	}
	n.Tag = NameTag(num)
	if (tag&0x20 != 0) != n.Tag.constructed() {
		n.Err = fmt.Errorf("%s has the wrong constructed bit (tag 0x%02x)", n.Tag, uint8(tag))
		return n, nil
	}
	switch n.Tag {
	case OtherNameTag:
		n.OtherName, n.Err = parseOtherName(content)
	case DirectoryNameTag:
		var name cryptobyte.String
		if !content.ReadASN1Element(&name, cbasn1.SEQUENCE) || !content.Empty() {
			n.Err = errors.New("directoryName does not hold exactly one Name SEQUENCE")
		} else {
			n.Value = name
		}
	case RegisteredIDTag:
		var oid asn1.ObjectIdentifier
		if !readImplicitOID(content, &oid) {
			n.Err = errors.New("registeredID is not a valid OBJECT IDENTIFIER")
		}
	}
	return n, nil
}

func readImplicitOID(content cryptobyte.String, oid *asn1.ObjectIdentifier) bool {
	// Re-wrap the implicit content as a universal OID to reuse the reader.
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.OBJECT_IDENTIFIER, func(b *cryptobyte.Builder) { b.AddBytes(content) })
	der, err := b.Bytes()
	if err != nil {
		return false
	}
	s := cryptobyte.String(der)
	return readOID(&s, oid)
}

func readOID(s *cryptobyte.String, oid *asn1.ObjectIdentifier) bool {
	var std stdasn1.ObjectIdentifier
	if !s.ReadASN1ObjectIdentifier(&std) {
		return false
	}
	*oid = asn1.ObjectIdentifier(std)
	return true
}

func parseOtherName(content cryptobyte.String) (OtherName, error) {
	var on OtherName
	if !readOID(&content, &on.TypeID) {
		return on, errors.New("otherName type-id is not a valid OBJECT IDENTIFIER")
	}
	var explicit cryptobyte.String
	if !content.ReadASN1(&explicit, cbasn1.Tag(0).ContextSpecific().Constructed()) {
		return on, fmt.Errorf("otherName %s value is not wrapped in [0] EXPLICIT", oidString(on.TypeID))
	}
	if !content.Empty() {
		return on, fmt.Errorf("otherName %s has %d bytes after its value", oidString(on.TypeID), len(content))
	}
	var inner cryptobyte.String
	if !explicit.ReadAnyASN1(&inner, &on.ValueTag) {
		return on, fmt.Errorf("otherName %s value is not a DER TLV", oidString(on.TypeID))
	}
	on.Value = inner
	if !explicit.Empty() {
		return on, fmt.Errorf("otherName %s has %d bytes after the value inside [0] EXPLICIT", oidString(on.TypeID), len(explicit))
	}
	return on, nil
}
