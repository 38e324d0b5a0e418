package smime

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Shape is what a DER item is, told from its ASN.1 structure alone.
type Shape uint8

// Shapes.
const (
	// UnknownShape is anything else: the certificate parser's errors then
	// name the problem.
	UnknownShape Shape = iota
	// CertificateShape is a signed certificate (or a precertificate):
	// SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.
	CertificateShape
	// TBSCertificateShape is a bare TBSCertificate, as a CA has it before
	// signing.
	TBSCertificateShape
	// CRLShape is a signed CertificateList.
	CRLShape
	// TBSCRLShape is a bare TBSCertList.
	TBSCRLShape
)

// String is the JSON word for the shape ("kind" in the CLI's records).
func (s Shape) String() string {
	switch s {
	case CertificateShape:
		return "certificate"
	case TBSCertificateShape:
		return "tbs"
	case CRLShape:
		return "crl"
	case TBSCRLShape:
		return "tbscrl"
	}
	return "unknown"
}

// TrailingData reports whether der is one DER SEQUENCE of a known shape
// followed by more bytes, and if so that shape and how many bytes follow:
// ShapeOf calls such input unknown, and the parser a caller then falls back
// on would name a problem the input does not have (a CRL read as a
// certificate).
func TrailingData(der []byte) (shape Shape, extra int, ok bool) {
	in := cryptobyte.String(der)
	var first cryptobyte.String
	if !in.ReadASN1Element(&first, cbasn1.SEQUENCE) || in.Empty() {
		return UnknownShape, 0, false
	}
	if shape = ShapeOf(first); shape == UnknownShape {
		return UnknownShape, 0, false
	}
	return shape, len(in), true
}

// TrailingDataError is the error for der of which TrailingData reports
// ok.
func TrailingDataError(shape Shape, extra int) error {
	bytes := "bytes follow"
	if extra == 1 {
		bytes = "byte follows"
	}
	return fmt.Errorf("%d %s the DER %s: one DER input holds one structure", extra, bytes, shape.Noun())
}

// Noun names the shape in a sentence.
func (s Shape) Noun() string {
	switch s {
	case CertificateShape:
		return "certificate"
	case TBSCertificateShape:
		return "TBSCertificate"
	case CRLShape:
		return "CRL"
	case TBSCRLShape:
		return "TBSCertList"
	}
	return "structure"
}

// ShapeOf tells a signed certificate, a signed CRL, a bare TBSCertificate
// and a bare TBSCertList apart without allocating. A signed structure is a
// SEQUENCE of exactly a SEQUENCE, an AlgorithmIdentifier SEQUENCE and a
// BIT STRING. A tbsCertList holds thisUpdate, a Time, among its first four
// elements (after the optional version INTEGER, the signature
// AlgorithmIdentifier and the issuer Name), while a TBSCertificate holds no
// Time at its top level (its dates sit inside the validity SEQUENCE) and
// starts with the [0] EXPLICIT version or the serialNumber INTEGER.
func ShapeOf(der []byte) Shape {
	in := cryptobyte.String(der)
	var outer cryptobyte.String
	if !in.ReadASN1(&outer, cbasn1.SEQUENCE) || !in.Empty() {
		return UnknownShape
	}
	if signed := outer; isSignedStructure(signed) {
		var tbs cryptobyte.String
		signed.ReadASN1(&tbs, cbasn1.SEQUENCE)
		if hasTopLevelTime(tbs) {
			return CRLShape
		}
		return CertificateShape
	}
	if hasTopLevelTime(outer) {
		return TBSCRLShape
	}
	if isTBSCertificate(outer) {
		return TBSCertificateShape
	}
	return UnknownShape
}

// TBSOf returns the toBeSigned element of a signed X.509 structure (a
// certificate's TBSCertificate, a CRL's TBSCertList) as its DER element,
// read without zcrypto, which refuses some certificates whose TBS is
// still needed (a key it cannot parse).
func TBSOf(der []byte) ([]byte, bool) {
	in := cryptobyte.String(der)
	var outer, tbs cryptobyte.String
	if !in.ReadASN1(&outer, cbasn1.SEQUENCE) || !outer.ReadASN1Element(&tbs, cbasn1.SEQUENCE) {
		return nil, false
	}
	return tbs, true
}

// isTBSCertificate reports whether body starts as a TBSCertificate does:
// [0] EXPLICIT version OPTIONAL, serialNumber INTEGER, signature
// AlgorithmIdentifier, issuer Name, and validity, a SEQUENCE that starts
// with a Time. A private key or a CSR, which also start with an INTEGER or
// a SEQUENCE, has no such validity.
func isTBSCertificate(body cryptobyte.String) bool {
	var skip, validity cryptobyte.String
	return body.SkipOptionalASN1(cbasn1.Tag(0).ContextSpecific().Constructed()) &&
		body.ReadASN1(&skip, cbasn1.INTEGER) && body.ReadASN1(&skip, cbasn1.SEQUENCE) &&
		body.ReadASN1(&skip, cbasn1.SEQUENCE) && body.ReadASN1(&validity, cbasn1.SEQUENCE) &&
		(validity.PeekASN1Tag(cbasn1.UTCTime) || validity.PeekASN1Tag(cbasn1.GeneralizedTime))
}

// isSignedStructure reports whether body is exactly SEQUENCE, SEQUENCE,
// BIT STRING.
func isSignedStructure(body cryptobyte.String) bool {
	var tbs, alg, sig cryptobyte.String
	return body.ReadASN1(&tbs, cbasn1.SEQUENCE) && body.ReadASN1(&alg, cbasn1.SEQUENCE) &&
		body.ReadASN1(&sig, cbasn1.BIT_STRING) && body.Empty()
}

// hasTopLevelTime reports whether a Time is among the first four elements
// of body.
func hasTopLevelTime(body cryptobyte.String) bool {
	for range 4 {
		var element cryptobyte.String
		var tag cbasn1.Tag
		if !body.ReadAnyASN1(&element, &tag) {
			return false
		}
		if tag == cbasn1.UTCTime || tag == cbasn1.GeneralizedTime {
			return true
		}
	}
	return false
}

// WrapTBS turns a bare TBSCertificate or TBSCertList into a signed
// structure that X.509 parsers accept: the outer signatureAlgorithm is a
// copy of the TBS's own signature field, and the signature value is empty,
// which SignatureCannotBeReal recognises, so no lint judges the signing from
// it. The TBS bytes are kept as they are.
func WrapTBS(tbs []byte) ([]byte, error) {
	body := cryptobyte.String(tbs)
	var inner cryptobyte.String
	if !body.ReadASN1(&inner, cbasn1.SEQUENCE) || !body.Empty() {
		return nil, errors.New("the to-be-signed structure is not exactly one DER SEQUENCE")
	}
	// The signature AlgorithmIdentifier is the first SEQUENCE at the top
	// level: after the optional [0] version and the serial number of a
	// TBSCertificate, after the optional version of a TBSCertList.
	var alg []byte
	for range 3 {
		var element cryptobyte.String
		var tag cbasn1.Tag
		if !inner.ReadAnyASN1Element(&element, &tag) {
			break
		}
		if tag == cbasn1.SEQUENCE {
			alg = element
			break
		}
	}
	if alg == nil {
		return nil, errors.New("the to-be-signed structure has no signature AlgorithmIdentifier where one belongs")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddBytes(alg)
		b.AddASN1BitString(nil)
	})
	return b.Bytes()
}
