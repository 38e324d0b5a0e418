// Package smime is the S/MIME domain of zlint-smime: what a certificate is
// under the CA/Browser Forum S/MIME Baseline Requirements, told from the
// certificate alone and computed once per certificate.
//
// Inspect returns a certificate's facts: its role (root, subordinate CA,
// subscriber), whether it is an S/MIME certificate or an S/MIME CA, the
// generation and type of its reserved policy, and its extensions decoded
// from the raw DER (subjectAltName and issuerAltName GeneralNames with
// their exact tags, nameConstraints, extKeyUsage, certificatePolicies,
// subject Names with the ASN.1 string type of every attribute,
// organizationIdentifiers, AlgorithmIdentifiers). Lints ask these typed
// questions and decide; they never parse DER themselves.
//
// The package also holds the rules' dates (dates.go, each with its ballot
// and SBR version), the mailbox and domain syntax of RFC 5321, RFC 6531 and
// RFC 9598, and the key checks (RSA modulus and exponent, Edwards and
// elliptic-curve encodings). Every parser reads DER with
// golang.org/x/crypto/cryptobyte and returns an error, never a panic, on
// malformed input.
package smime
