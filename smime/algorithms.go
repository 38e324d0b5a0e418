package smime

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/rsa"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Encoding is one AlgorithmIdentifier encoding that SBR §7.1.3 permits,
// byte for byte.
type Encoding struct {
	Name string
	DER  []byte
	// From is the date from which the encoding is permitted, when it came
	// after SBR v1.0.0 (zero otherwise).
	From time.Time
}

func enc(name, hexDER string, from ...time.Time) Encoding {
	der, err := hex.DecodeString(hexDER)
	if err != nil {
		panic(err)
	}
	e := Encoding{Name: name, DER: der}
	if len(from) > 0 {
		e.From = from[0]
	}
	return e
}

const mldsa, mlkem = "300b06096086480165030403", "300b06096086480165030404"

// SPKIEncodings is the table of SBR §7.1.3.1: the only permitted
// SubjectPublicKeyInfo AlgorithmIdentifier encodings.
var SPKIEncodings = []Encoding{
	enc("rsaEncryption", "300d06092a864886f70d0101010500"),
	enc("ecPublicKey P-256", "301306072a8648ce3d020106082a8648ce3d030107"),
	enc("ecPublicKey P-384", "301006072a8648ce3d020106052b81040022"),
	enc("ecPublicKey P-521", "301006072a8648ce3d020106052b81040023"),
	enc("Ed25519", "300506032b6570"),
	enc("Ed448", "300506032b6571"),
	enc("ML-DSA-44", mldsa+"11", SMC013PQCDate),
	enc("ML-DSA-65", mldsa+"12", SMC013PQCDate),
	enc("ML-DSA-87", mldsa+"13", SMC013PQCDate),
	enc("ML-KEM-512", mlkem+"01", SMC013PQCDate),
	enc("ML-KEM-768", mlkem+"02", SMC013PQCDate),
	enc("ML-KEM-1024", mlkem+"03", SMC013PQCDate),
}

// SignatureEncodings is the table of SBR §7.1.3.2: the only permitted
// signatureAlgorithm and tbsCertificate.signature encodings.
var SignatureEncodings = []Encoding{
	enc("sha256WithRSAEncryption", "300d06092a864886f70d01010b0500"),
	enc("sha384WithRSAEncryption", "300d06092a864886f70d01010c0500"),
	enc("sha512WithRSAEncryption", "300d06092a864886f70d01010d0500"),
	enc("RSASSA-PSS SHA-256", "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120"),
	enc("RSASSA-PSS SHA-384", "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a864886f70d010108300d06096086480165030402020500a203020130"),
	enc("RSASSA-PSS SHA-512", "304106092a864886f70d01010a3034a00f300d06096086480165030402030500a11c301a06092a864886f70d010108300d06096086480165030402030500a203020140"),
	enc("ecdsa-with-SHA256", "300a06082a8648ce3d040302"),
	enc("ecdsa-with-SHA384", "300a06082a8648ce3d040303"),
	enc("ecdsa-with-SHA512", "300a06082a8648ce3d040304"),
	enc("Ed25519", "300506032b6570"),
	enc("Ed448", "300506032b6571"),
	enc("ML-DSA-44", mldsa+"11", SMC013PQCDate),
	enc("ML-DSA-65", mldsa+"12", SMC013PQCDate),
	enc("ML-DSA-87", mldsa+"13", SMC013PQCDate),
}

// Lookup returns the table entry whose encoding is der.
func Lookup(table []Encoding, der []byte) (Encoding, bool) {
	for _, e := range table {
		if bytes.Equal(e.DER, der) {
			return e, true
		}
	}
	return Encoding{}, false
}

// Algorithms are the raw AlgorithmIdentifiers of a certificate, which
// zcrypto's parsed fields normalise away.
type Algorithms struct {
	// TBSSignature is tbsCertificate.signature.
	TBSSignature []byte
	// Signature is the outer signatureAlgorithm.
	Signature []byte
	// SPKI is subjectPublicKeyInfo.algorithm.
	SPKI []byte
	Err  error
}

func parseAlgorithms(c *x509.Certificate) Algorithms {
	var a Algorithms
	// tbsCertificate: [0] version OPTIONAL, serialNumber, signature, …
	a.TBSSignature, a.Signature, a.Err = signedAlgorithms(c.Raw, "certificate", "tbsCertificate",
		func(tbs *cryptobyte.String) bool {
			return tbs.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) && tbs.SkipASN1(cbasn1.INTEGER)
		})
	if a.Err != nil {
		return a
	}
	spki := cryptobyte.String(c.RawSubjectPublicKeyInfo)
	var spkiBody cryptobyte.String
	var alg []byte
	if !spki.ReadASN1(&spkiBody, cbasn1.SEQUENCE) || !spkiBody.ReadASN1Element((*cryptobyte.String)(&alg), cbasn1.SEQUENCE) {
		a.Err = errors.New("subjectPublicKeyInfo.algorithm is not a DER AlgorithmIdentifier")
		return a
	}
	a.SPKI = alg
	return a
}

// signedAlgorithms returns the two signature AlgorithmIdentifiers of a
// signed X.509 structure, a certificate or a CRL (RFC 5280 §4.1, §5.1):
// the one in the to-be-signed part, found once skip has passed the fields
// before it, and the outer signatureAlgorithm. doc and tbsName name the
// structure and its to-be-signed part in errors.
func signedAlgorithms(raw []byte, doc, tbsName string, skip func(*cryptobyte.String) bool) (inner, outer []byte, err error) {
	in := cryptobyte.String(raw)
	var body, tbs cryptobyte.String
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&tbs, cbasn1.SEQUENCE) ||
		!body.ReadASN1Element((*cryptobyte.String)(&outer), cbasn1.SEQUENCE) {
		return nil, nil, fmt.Errorf("%s is not a DER SEQUENCE of %s and signatureAlgorithm", doc, tbsName)
	}
	if !skip(&tbs) || !tbs.ReadASN1Element((*cryptobyte.String)(&inner), cbasn1.SEQUENCE) {
		return nil, outer, fmt.Errorf("%s.signature is not a DER AlgorithmIdentifier", tbsName)
	}
	return inner, outer, nil
}

// Signature algorithm identifiers that incorporate SHA-1, and RSASSA-PSS.
var (
	oidSHA1WithRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 5}
	oidSHA1WithRSAOIW  = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 29}
	oidECDSAWithSHA1   = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 1}
	oidDSAWithSHA1     = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 3}
	oidRSASSAPSS       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidSHA1            = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidPKCS1RSAPrefix  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1}
	sha1SignatureOIDs  = []asn1.ObjectIdentifier{oidSHA1WithRSA, oidSHA1WithRSAOIW, oidECDSAWithSHA1, oidDSAWithSHA1}
	errNotAlgorithmID  = errors.New("not a DER AlgorithmIdentifier")
	errBadPSSParameter = errors.New("RSASSA-PSS parameters are not DER")
)

// algorithmOID reads the OID of an AlgorithmIdentifier and its parameters.
func algorithmOID(der []byte) (asn1.ObjectIdentifier, cryptobyte.String, error) {
	s := cryptobyte.String(der)
	var body cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !s.ReadASN1(&body, cbasn1.SEQUENCE) || !readOID(&body, &oid) {
		return nil, nil, errNotAlgorithmID
	}
	return oid, body, nil
}

// UsesSHA1 reports whether the signature AlgorithmIdentifier der
// incorporates SHA-1: sha1WithRSAEncryption (either OID), ecdsa-with-SHA1,
// dsa-with-sha1, or RSASSA-PSS whose hash or MGF1 hash is SHA-1, absent
// parameters meaning SHA-1 (RFC 4055 §3.1).
func UsesSHA1(der []byte) (bool, error) {
	oid, params, err := algorithmOID(der)
	if err != nil {
		return false, err
	}
	for _, o := range sha1SignatureOIDs {
		if oid.Equal(o) {
			return true, nil
		}
	}
	if !oid.Equal(oidRSASSAPSS) {
		return false, nil
	}
	if params.Empty() {
		return true, nil // all defaults: SHA-1 and MGF1 with SHA-1
	}
	var seq cryptobyte.String
	if !params.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return false, errBadPSSParameter
	}
	for tag := 0; tag < 2; tag++ {
		var field cryptobyte.String
		var present bool
		if !seq.ReadOptionalASN1(&field, &present, cbasn1.Tag(tag).Constructed().ContextSpecific()) {
			return false, errBadPSSParameter
		}
		if !present {
			return true, nil // hashAlgorithm or maskGenAlgorithm default to SHA-1
		}
		hashOID, hashParams, err := algorithmOID(field)
		if err != nil {
			return false, errBadPSSParameter
		}
		if tag == 1 { // MGF1's parameter is the hash AlgorithmIdentifier
			if hashOID, _, err = algorithmOID(hashParams); err != nil {
				return false, errBadPSSParameter
			}
		}
		if hashOID.Equal(oidSHA1) {
			return true, nil
		}
	}
	return false, nil
}

// IsRSASignature reports whether the signature AlgorithmIdentifier der is an
// RSA one (PKCS #1 v1.5 or RSASSA-PSS: an OID under 1.2.840.113549.1.1).
func IsRSASignature(der []byte) bool {
	oid, _, err := algorithmOID(der)
	return err == nil && IsRSASignatureOID(oid)
}

// IsRSASignatureOID is IsRSASignature for an OID zcrypto has parsed. It
// does not allocate.
func IsRSASignatureOID(oid asn1.ObjectIdentifier) bool {
	return len(oid) == len(oidPKCS1RSAPrefix)+1 && oid[:len(oidPKCS1RSAPrefix)].Equal(oidPKCS1RSAPrefix)
}

// RSAKey returns c's RSA public key, if it has one. It does not allocate.
func RSAKey(c *x509.Certificate) (*rsa.PublicKey, bool) {
	k, ok := c.PublicKey.(*rsa.PublicKey)
	return k, ok && k != nil && k.N != nil && k.E != nil
}

// SignerFromSignature infers the signing key's family and size from the
// signature alone, where the signature's length shows it: a DER
// Ecdsa-Sig-Value of at most 72 octets is P-256, 73 to 104 P-384, 105 to
// 139 P-521 (the bounds of upstream's e_mp_ecdsa_signature_encoding_correct);
// EdDSA signatures are 64 (Ed25519) or 114 (Ed448) octets; ML-DSA-44, -65
// and -87 signatures are 2420, 3309 and 4627 octets (FIPS 204). The name
// of the signature algorithm the SBR pairs with that key is returned, or ""
// when the length fits no permitted key of the algorithm's family.
func SignerFromSignature(algorithm string, signature []byte) (key, want string) {
	n := len(signature)
	switch {
	case strings.HasPrefix(algorithm, "ecdsa-with-"):
		switch {
		case n <= 72:
			return "P-256", "ecdsa-with-SHA256"
		case n <= 104:
			return "P-384", "ecdsa-with-SHA384"
		case n <= 139:
			return "P-521", "ecdsa-with-SHA512"
		}
		return "an ECDSA key longer than P-521", ""
	case algorithm == "Ed25519" || algorithm == "Ed448":
		switch n {
		case 64:
			return "Ed25519", "Ed25519"
		case 114:
			return "Ed448", "Ed448"
		}
		return "no EdDSA key", ""
	case strings.HasPrefix(algorithm, "ML-DSA-"):
		switch n {
		case 2420:
			return "ML-DSA-44", "ML-DSA-44"
		case 3309:
			return "ML-DSA-65", "ML-DSA-65"
		case 4627:
			return "ML-DSA-87", "ML-DSA-87"
		}
		return "no ML-DSA parameter set", ""
	}
	return "", ""
}
