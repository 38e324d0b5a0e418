package smime

import (
	"bytes"

	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// ed448OID is the DER OBJECT IDENTIFIER id-Ed448, 1.3.101.113 (RFC 8410 §3).
var ed448OID = []byte{0x06, 0x03, 0x2b, 0x65, 0x71}

// HasEd448Key reports whether c's subjectPublicKeyInfo algorithm is id-Ed448,
// whatever its parameters: zcrypto does not know Ed448, so
// c.PublicKeyAlgorithm cannot tell (the parameters, which RFC 8410 §3 says
// MUST be absent, are ALG-SPKI's business). It does not allocate.
func HasEd448Key(c *x509.Certificate) bool {
	spki := cryptobyte.String(c.RawSubjectPublicKeyInfo)
	var body, alg cryptobyte.String
	if !spki.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&alg, cbasn1.SEQUENCE) {
		return false
	}
	var oid cryptobyte.String
	return alg.ReadASN1Element(&oid, cbasn1.OBJECT_IDENTIFIER) && bytes.Equal(oid, ed448OID)
}
