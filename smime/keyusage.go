package smime

import (
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
)

// OIDKeyUsage is the keyUsage extension.
var OIDKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 15}

// HasKeyUsage reports whether c has a keyUsage extension. It does not
// allocate.
func HasKeyUsage(c *x509.Certificate) bool {
	_, _, ok := findExtension(c, OIDKeyUsage)
	return ok
}

var keyUsageNames = [...]string{"digitalSignature", "nonRepudiation", "keyEncipherment",
	"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"}

// KeyUsageNames lists the bits set in ku by their RFC 5280 names, for
// messages.
func KeyUsageNames(ku x509.KeyUsage) string {
	var names []string
	for i, n := range keyUsageNames {
		if ku&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "empty"
	}
	return "{" + strings.Join(names, ", ") + "}"
}
