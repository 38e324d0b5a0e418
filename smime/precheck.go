package smime

import (
	"bytes"
	stdasn1 "encoding/asn1"
	"encoding/hex"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The pre-checks below are cheap necessary conditions for facts that
// Inspect computes. None of them allocates, so a lint's CheckApplies calls
// them before Inspect and costs nothing on the many certificates a CT
// monitor sees that the lint does not apply to: Inspect allocates on its
// first use for a certificate. A pre-check may say yes where Inspect then
// says no; it never says no where Inspect says yes.

// smtpUTF8MailboxContent is the DER content octets of id-on-SmtpUTF8Mailbox.
// DER has one encoding of an OBJECT IDENTIFIER, and the GeneralName reader
// accepts no other, so every SmtpUTF8Mailbox entry holds these octets.
var smtpUTF8MailboxContent = func() []byte {
	der, err := stdasn1.Marshal(stdasn1.ObjectIdentifier(OIDSmtpUTF8Mailbox))
	if err != nil {
		panic(err)
	}
	return der[2:] // tag and one-octet length
}()

// MayHaveSmtpUTF8Mailbox is a necessary condition for Cert.Mailboxes being
// non-empty: the subjectAltName or issuerAltName extension that Inspect
// decodes holds the octets of id-on-SmtpUTF8Mailbox. It does not allocate.
func MayHaveSmtpUTF8Mailbox(c *x509.Certificate) bool {
	for _, oid := range [...]asn1.ObjectIdentifier{OIDSubjectAltName, OIDIssuerAltName} {
		if der, _, ok := findExtension(c, oid); ok && bytes.Contains(der, smtpUTF8MailboxContent) {
			return true
		}
	}
	return false
}

// pqcAlgorithmPrefixes are the leading octets of every ML-DSA and ML-KEM
// row of SPKIEncodings: the AlgorithmIdentifier SEQUENCE header and the OID
// up to the arc that names the parameter set.
var pqcAlgorithmPrefixes = func() [][]byte {
	var ps [][]byte
	for _, h := range []string{mldsa, mlkem} {
		p, err := hex.DecodeString(h)
		if err != nil {
			panic(err)
		}
		ps = append(ps, p)
	}
	return ps
}()

// MayHavePQCKey is a necessary condition for the subjectPublicKeyInfo
// algorithm being an ML-DSA or ML-KEM row of SPKIEncodings: it starts as
// those rows do. It does not allocate.
func MayHavePQCKey(c *x509.Certificate) bool {
	spki := cryptobyte.String(c.RawSubjectPublicKeyInfo)
	var body cryptobyte.String
	var alg []byte
	if !spki.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1Element((*cryptobyte.String)(&alg), cbasn1.SEQUENCE) {
		return false // Inspect finds no SPKI algorithm either
	}
	for _, p := range pqcAlgorithmPrefixes {
		if bytes.HasPrefix(alg, p) {
			return true
		}
	}
	return false
}

// HasNameConstraints reports whether c has a nameConstraints extension, a
// necessary condition for Cert.NameConstraints holding any subtree. It does
// not allocate.
func HasNameConstraints(c *x509.Certificate) bool {
	_, _, ok := findExtension(c, OIDNameConstraints)
	return ok
}

// PolicyGeneration returns the generation of c's reserved policy identifier
// when there is exactly one, else GenerationUnknown: what
// Inspect(c).Class.Generation() returns, without allocating.
func PolicyGeneration(c *x509.Certificate) Generation {
	n, g := 0, GenerationUnknown
	for _, oid := range c.PolicyIdentifiers {
		if p, ok := ParseReservedPolicy(oid); ok {
			n++
			g = p.Generation
		}
	}
	if n != 1 {
		return GenerationUnknown
	}
	return g
}
