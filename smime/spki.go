package smime

import (
	"crypto/elliptic"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/zmap/zcrypto/encoding/asn1"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/smimelint/zlint-smime/util"
)

// SPKIAlgorithmProblem says what is wrong with the subjectPublicKeyInfo
// AlgorithmIdentifier alg (DER) of a certificate issued at notBefore, by
// the table of SBR §7.1.3.1, or "" when the table permits it. It reads only
// alg, so it can judge a key zcrypto cannot parse.
func SPKIAlgorithmProblem(alg []byte, notBefore time.Time) string {
	e, ok := Lookup(SPKIEncodings, alg)
	switch {
	case !ok:
		return fmt.Sprintf("subjectPublicKeyInfo algorithm %s%s is not one of the encodings SBR §7.1.3.1 permits",
			util.HexQuote(alg), describeKeyAlgorithm(alg))
	case !e.From.IsZero() && notBefore.Before(e.From):
		return fmt.Sprintf("subjectPublicKeyInfo algorithm is %s in a certificate issued %s; SBR §7.1.3.1 permits it from %s",
			e.Name, notBefore.UTC().Format("2006-01-02"), e.From.UTC().Format("2006-01-02"))
	}
	return ""
}

// Named curves that zcrypto does not support, for the details of a finding
// on a key it cannot parse (RFC 5639 §4.1 brainpool OIDs).
var (
	oidECPublicKey = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	curveNames     = map[string]string{
		"1.3.36.3.3.2.8.1.1.1":  "brainpoolP160r1",
		"1.3.36.3.3.2.8.1.1.3":  "brainpoolP192r1",
		"1.3.36.3.3.2.8.1.1.5":  "brainpoolP224r1",
		"1.3.36.3.3.2.8.1.1.7":  "brainpoolP256r1",
		"1.3.36.3.3.2.8.1.1.9":  "brainpoolP320r1",
		"1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
		"1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
		"1.3.132.0.10":          "secp256k1",
		"1.3.132.0.33":          "secp224r1",
	}
)

// describeKeyAlgorithm names the algorithm and, for id-ecPublicKey, the
// named curve of alg, as " (id-ecPublicKey, namedCurve brainpoolP256r1
// 1.3.36.3.3.2.8.1.1.7)"; "" when alg is no id-ecPublicKey with a named curve.
func describeKeyAlgorithm(alg []byte) string {
	oid, params, err := algorithmOID(alg)
	if err != nil || !oid.Equal(oidECPublicKey) {
		return ""
	}
	var curve asn1.ObjectIdentifier
	if !readOID(&params, &curve) {
		return ""
	}
	name := curveNames[curve.String()]
	if name != "" {
		name += " "
	}
	return " (id-ecPublicKey, namedCurve " + name + curve.String() + ")"
}

// SPKIAlgorithmOf returns the AlgorithmIdentifier (DER) of the
// subjectPublicKeyInfo spki.
func SPKIAlgorithmOf(spki []byte) ([]byte, error) {
	s := cryptobyte.String(spki)
	var body cryptobyte.String
	var alg []byte
	if !s.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1Element((*cryptobyte.String)(&alg), cbasn1.SEQUENCE) {
		return nil, errors.New("subjectPublicKeyInfo.algorithm is not a DER AlgorithmIdentifier")
	}
	return alg, nil
}

// ReplaceSPKI returns the DER certificate der with its
// subjectPublicKeyInfo replaced by spki, and the subjectPublicKeyInfo it
// held. Everything else, the signature included, is kept as it is: the
// result's signature does not verify, and is not meant to.
func ReplaceSPKI(der, spki []byte) (out, original []byte, err error) {
	in := cryptobyte.String(der)
	var cert, tbs cryptobyte.String
	if !in.ReadASN1(&cert, cbasn1.SEQUENCE) || !in.Empty() || !cert.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return nil, nil, errors.New("not a DER certificate")
	}
	rest := []byte(cert) // signatureAlgorithm and signature, unchanged
	var before []byte
	start := tbs
	// [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject.
	if !tbs.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) || !tbs.SkipASN1(cbasn1.INTEGER) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) || !tbs.SkipASN1(cbasn1.SEQUENCE) || !tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) {
		return nil, nil, errors.New("tbsCertificate fields before subjectPublicKeyInfo are not DER")
	}
	before = start[:len(start)-len(tbs)]
	if !tbs.ReadASN1Element((*cryptobyte.String)(&original), cbasn1.SEQUENCE) {
		return nil, nil, errors.New("subjectPublicKeyInfo is not a DER SEQUENCE")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddBytes(before)
			b.AddBytes(spki)
			b.AddBytes(tbs)
		})
		b.AddBytes(rest)
	})
	out, err = b.Bytes()
	return out, original, err
}

// PlaceholderSPKIs are two subjectPublicKeyInfos of different key types,
// RSA 2048 and P-256, that zcrypto parses: a certificate whose own key it
// cannot parse is linted once with each in its place, and only the results
// that the two runs share can be the certificate's, not the placeholder's.
var PlaceholderSPKIs = [2][]byte{placeholderRSA(), placeholderP256()}

func placeholderRSA() []byte {
	n := new(big.Int).Lsh(big.NewInt(1), 2047)
	n.Add(n, big.NewInt(0x1d)) // odd, 2048 bits; never a real key
	key := build(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1BigInt(n)
			b.AddASN1Int64(65537)
		})
	})
	return spkiDER([]byte{0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00}, key)
}

func placeholderP256() []byte {
	p := elliptic.P256().Params()
	point := make([]byte, 65)
	point[0] = 4 // uncompressed: the curve's base point
	p.Gx.FillBytes(point[1:33])
	p.Gy.FillBytes(point[33:])
	alg := []byte{0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}
	return spkiDER(alg, point)
}

func spkiDER(alg, key []byte) []byte {
	return build(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddBytes(alg)
			b.AddASN1BitString(key)
		})
	})
}

func build(f cryptobyte.BuilderContinuation) []byte {
	var b cryptobyte.Builder
	f(&b)
	return b.BytesOrPanic()
}
