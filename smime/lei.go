package smime

import (
	"errors"
	"fmt"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Subscriber certificate extensions of SBR §7.1.2.3(i) and (l).
var (
	// OIDSMIMECapabilities is smimeCapabilities (RFC 4262).
	OIDSMIMECapabilities = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 15}
	// OIDLegalEntityIdentifier is the LEI extension of ISO 17442-2, and
	// OIDLEIRole its role extension.
	OIDLegalEntityIdentifier = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 52266, 1}
	OIDLEIRole               = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 52266, 2}
)

// LEILength is the length of a Legal Entity Identifier (ISO 17442-1).
const LEILength = 20

// LEIExtension returns the raw value of c's LEI extension and the string it
// holds; ok is false when c has no LEI extension.
func LEIExtension(c *x509.Certificate) (lei string, der []byte, ok bool, err error) {
	der, _, ok = findExtension(c, OIDLegalEntityIdentifier)
	if !ok {
		return "", nil, false, nil
	}
	lei, err = ReadLEIExtension(der)
	return lei, der, true, err
}

// ReadLEIExtension decodes the value of the LEI extension, LEI ::=
// PrintableString (SIZE (20)) (ISO 17442-2 Clause 4), and returns the
// string. An error says what else the value is.
func ReadLEIExtension(der []byte) (string, error) {
	input := cryptobyte.String(der)
	var value cryptobyte.String
	var tag cbasn1.Tag
	if !input.ReadAnyASN1(&value, &tag) || !input.Empty() {
		return "", errors.New("the LEI extension value is not exactly one DER TLV")
	}
	if tag != cbasn1.PrintableString {
		return string(value), fmt.Errorf("the LEI extension value is %s, not a PrintableString", tagName(tag))
	}
	return string(value), nil
}

// LEIProblem says why s is not a Legal Entity Identifier, or returns "" when
// it is one: 20 characters, the first 18 digits or upper-case letters A to
// Z, the last two the check digits of ISO 17442-1, which ISO 7064 MOD 97-10
// computes over the whole.
func LEIProblem(s string) string {
	if len(s) != LEILength {
		return fmt.Sprintf("has %d characters, not %d", len(s), LEILength)
	}
	for i := 0; i < LEILength; i++ {
		c := s[i]
		if !isDigit(c) && (i >= LEILength-2 || c < 'A' || c > 'Z') {
			return fmt.Sprintf("has %q at position %d; an LEI has digits or A to Z, and two check digits at the end", c, i+1)
		}
	}
	if mod97(s) != 1 {
		return fmt.Sprintf("has the check digits %s; ISO 17442 requires %02d", s[LEILength-2:], 98-mod97(s[:LEILength-2]+"00"))
	}
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// mod97 is the remainder by 97 of the number ISO 7064 MOD 97-10 reads from
// s: digits as they are, letters A to Z as 10 to 35. s holds only those.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A'+10)) % 97
		}
	}
	return r
}
