package smime

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	stdasn1 "encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/smimelint/zlint-smime/util"
)

// SignatureCannotBeReal reports whether a certificate's signature value is
// one that no signing produced, so that nothing about the signing key can
// be read from it: an empty signature (a bare TBS wrapped by WrapTBS, or
// pkimetal's wrapping of an RSA TBS), one of zero octets only, or an ECDSA
// Ecdsa-Sig-Value whose r equals its s or is zero (pkimetal's fixed dummy
// ECDSA signatures repeat one integer; a real signature has r = s with
// negligible probability). It does not allocate.
func SignatureCannotBeReal(signature []byte) bool {
	if len(signature) == 0 {
		return true
	}
	zero := true
	for _, b := range signature {
		if b != 0 {
			zero = false
			break
		}
	}
	if zero {
		return true
	}
	in := cryptobyte.String(signature)
	var seq, r, s cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !in.Empty() ||
		!seq.ReadASN1(&r, cbasn1.INTEGER) || !seq.ReadASN1(&s, cbasn1.INTEGER) || !seq.Empty() {
		return false
	}
	return bytes.Equal(r, s) || isZeroInteger(r) || isZeroInteger(s)
}

func isZeroInteger(v []byte) bool { return len(v) == 1 && v[0] == 0 }

// Key describes a public key as the SBR's tables name it.
type Key struct {
	// Algorithm is the SBR §7.1.3.1 table entry of the key's
	// AlgorithmIdentifier ("rsaEncryption", "ecPublicKey P-384", "Ed25519",
	// "ML-DSA-65", ...), or "" when the encoding is not in the table.
	Algorithm string
	// RSABits is the modulus length of an RSA key.
	RSABits int
	// Public is the key as Go's crypto packages take it, for the key types
	// they verify (RSA, ECDSA P-256/384/521, Ed25519); nil otherwise.
	Public crypto.PublicKey
}

// IsRSA reports whether the key is an RSA key.
func (k Key) IsRSA() bool { return k.Algorithm == "rsaEncryption" }

// Describe names the key for finding details: "RSA 3072", "P-384", "Ed25519".
func (k Key) Describe() string {
	switch {
	case k.IsRSA():
		return fmt.Sprintf("RSA %d", k.RSABits)
	case strings.HasPrefix(k.Algorithm, "ecPublicKey "):
		return strings.TrimPrefix(k.Algorithm, "ecPublicKey ")
	case k.Algorithm == "":
		return "a key outside the SBR's table"
	}
	return k.Algorithm
}

// SignatureAlgorithms names the SBR §7.1.3.2 signature algorithms that the
// key signs with: for ECDSA the curve fixes the hash (§7.1.3.2.2), for
// EdDSA and ML-DSA the key's own algorithm; RSA keys sign with any of the
// RSA entries (§7.1.3.2.1).
func (k Key) SignatureAlgorithms() []string {
	switch k.Algorithm {
	case "rsaEncryption":
		return []string{"sha256WithRSAEncryption", "sha384WithRSAEncryption", "sha512WithRSAEncryption",
			"RSASSA-PSS SHA-256", "RSASSA-PSS SHA-384", "RSASSA-PSS SHA-512"}
	case "ecPublicKey P-256":
		return []string{"ecdsa-with-SHA256"}
	case "ecPublicKey P-384":
		return []string{"ecdsa-with-SHA384"}
	case "ecPublicKey P-521":
		return []string{"ecdsa-with-SHA512"}
	case "Ed25519", "Ed448", "ML-DSA-44", "ML-DSA-65", "ML-DSA-87":
		return []string{k.Algorithm}
	}
	return nil
}

// KeyOf describes c's subject public key from its raw SubjectPublicKeyInfo.
func KeyOf(c *x509.Certificate) Key {
	k := Key{}
	if e, ok := Lookup(SPKIEncodings, Inspect(c).Algorithms.SPKI); ok {
		k.Algorithm = e.Name
	}
	if rk, ok := RSAKey(c); ok {
		k.RSABits = rk.N.BitLen()
		if k.IsRSA() && rk.E.IsInt64() && rk.E.Int64() > 1 && rk.E.Int64() < 1<<31 {
			k.Public = &rsa.PublicKey{N: rk.N, E: int(rk.E.Int64())}
		}
	}
	if k.Public == nil {
		k.Public = goPublicKey(k.Algorithm, c.RawSubjectPublicKeyInfo)
	}
	return k
}

// goPublicKey reads an ECDSA or Ed25519 key from the raw SPKI for Go's
// verifiers.
func goPublicKey(algorithm string, spki []byte) crypto.PublicKey {
	in := cryptobyte.String(spki)
	var body, alg cryptobyte.String
	var bits stdasn1.BitString
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&alg, cbasn1.SEQUENCE) || !body.ReadASN1BitString(&bits) {
		return nil
	}
	point := bits.Bytes
	switch algorithm {
	case "Ed25519":
		if len(point) == ed25519.PublicKeySize {
			return ed25519.PublicKey(point)
		}
	case "ecPublicKey P-256", "ecPublicKey P-384", "ecPublicKey P-521":
		curve := map[string]elliptic.Curve{
			"ecPublicKey P-256": elliptic.P256(), "ecPublicKey P-384": elliptic.P384(), "ecPublicKey P-521": elliptic.P521(),
		}[algorithm]
		size := (curve.Params().BitSize + 7) / 8
		if len(point) != 1+2*size || point[0] != 4 {
			return nil
		}
		return &ecdsa.PublicKey{Curve: curve, X: new(big.Int).SetBytes(point[1 : 1+size]), Y: new(big.Int).SetBytes(point[1+size:])}
	}
	return nil
}

// Verified says whether a signature verifies under a key.
type Verified uint8

// Verification outcomes.
const (
	// CannotVerify: the algorithm or key is one Go's crypto packages do not
	// verify (Ed448, ML-DSA), or the signature cannot be real.
	CannotVerify Verified = iota
	Verifies
	DoesNotVerify
)

// VerifySignature checks c's signature under key, with the hash and padding
// that c's signature AlgorithmIdentifier names (SBR §7.1.3.2 encodings).
func VerifySignature(c *x509.Certificate, key Key) Verified {
	if SignatureCannotBeReal(c.Signature) || key.Public == nil {
		return CannotVerify
	}
	e, ok := Lookup(SignatureEncodings, Inspect(c).Algorithms.Signature)
	if !ok {
		return CannotVerify
	}
	hashes := map[string]crypto.Hash{"256": crypto.SHA256, "384": crypto.SHA384, "512": crypto.SHA512}
	var h crypto.Hash
	for suffix, hh := range hashes {
		if strings.Contains(e.Name, "SHA"+suffix) || strings.Contains(e.Name, "sha"+suffix) || strings.Contains(e.Name, "SHA-"+suffix) {
			h = hh
		}
	}
	digest := func() []byte {
		switch h {
		case crypto.SHA256:
			d := sha256.Sum256(c.RawTBSCertificate)
			return d[:]
		case crypto.SHA384:
			d := sha512.Sum384(c.RawTBSCertificate)
			return d[:]
		case crypto.SHA512:
			d := sha512.Sum512(c.RawTBSCertificate)
			return d[:]
		}
		return nil
	}
	ok = false
	switch pub := key.Public.(type) {
	case *rsa.PublicKey:
		switch {
		case h == 0:
			return CannotVerify
		case strings.HasPrefix(e.Name, "RSASSA-PSS"):
			ok = rsa.VerifyPSS(pub, h, digest(), c.Signature, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto, Hash: h}) == nil
		case strings.HasSuffix(e.Name, "WithRSAEncryption"):
			ok = rsa.VerifyPKCS1v15(pub, h, digest(), c.Signature) == nil
		}
	case *ecdsa.PublicKey:
		if h == 0 || !strings.HasPrefix(e.Name, "ecdsa-with-") {
			return DoesNotVerify
		}
		ok = ecdsa.VerifyASN1(pub, digest(), c.Signature)
	case ed25519.PublicKey:
		if e.Name != "Ed25519" {
			return DoesNotVerify
		}
		ok = ed25519.Verify(pub, c.RawTBSCertificate, c.Signature)
	default:
		return CannotVerify
	}
	if ok {
		return Verifies
	}
	return DoesNotVerify
}

// Issuer is the issuing CA certificate of the certificate being linted, as
// a pre-issuance hook or a CT log entry's chain gives it, with the facts
// the issuer-aware rules read.
type Issuer struct {
	Cert *x509.Certificate
	Key  Key
	// SubjectKeyID is the issuer's subjectKeyIdentifier, nil without one.
	SubjectKeyID []byte
	// SMIMECA is IsSMIMECA of the issuer.
	SMIMECA bool
}

// NewIssuer checks that c can issue certificates at all (a CA certificate)
// and returns its facts.
func NewIssuer(c *x509.Certificate) (*Issuer, error) {
	if c == nil {
		return nil, errors.New("no issuer certificate")
	}
	if !c.IsCA || !c.BasicConstraintsValid {
		return nil, fmt.Errorf("the issuer certificate (subject %s) is not a CA certificate: basicConstraints cA is not TRUE",
			quoteSubject(c))
	}
	return &Issuer{Cert: c, Key: KeyOf(c), SubjectKeyID: c.SubjectKeyId, SMIMECA: IsSMIMECA(c)}, nil
}

func quoteSubject(c *x509.Certificate) string { return util.Quote(c.Subject.String()) }

// IssuerConfigHelp says how a lint's configuration names the issuer.
const IssuerConfigHelp = "The issuing CA certificate, base64 DER or PEM; empty when not known (then the issuer-aware rules do not apply)."

// ParseIssuerConfig returns the issuer a lint's configuration names: a
// base64 DER or PEM certificate. The parse is memoised by the text itself,
// so the lints of one certificate, and every certificate of the same
// issuer, share one parse; the memo holds only what the text determines,
// so it changes no result, and it is emptied when it grows past a bound.
func ParseIssuerConfig(text string) (*Issuer, error) {
	if text == "" {
		return nil, nil
	}
	if v, ok := issuerMemo.Load(text); ok {
		e := v.(issuerEntry)
		return e.issuer, e.err
	}
	iss, err := parseIssuerText(text)
	if issuerMemoSize.Add(1) > maxIssuerMemo {
		issuerMemo.Clear()
		issuerMemoSize.Store(0)
	}
	issuerMemo.Store(text, issuerEntry{iss, err})
	return iss, err
}

type issuerEntry struct {
	issuer *Issuer
	err    error
}

// maxIssuerMemo bounds the memo: a CT log's entries come from some
// thousands of issuing CAs.
const maxIssuerMemo = 4096

var (
	issuerMemo     sync.Map
	issuerMemoSize atomic.Int64
)

func parseIssuerText(text string) (*Issuer, error) {
	der, err := IssuerDER([]byte(text))
	if err != nil {
		return nil, err
	}
	c, err := parseCertificateSafely(der)
	if err != nil {
		// zcrypto's messages quote certificate bytes raw: escape and bound them.
		return nil, fmt.Errorf("issuer certificate does not parse: %s", util.Quote(err.Error()))
	}
	return NewIssuer(c)
}

// IssuerDER reads a certificate given as PEM (the first CERTIFICATE block),
// base64 DER or DER.
func IssuerDER(b []byte) ([]byte, error) {
	if block, _ := pem.Decode(b); block != nil {
		if block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("issuer: a PEM %s block where a CERTIFICATE block belongs", util.Quote(block.Type))
		}
		return block.Bytes, nil
	}
	if len(b) > 0 && b[0] == 0x30 {
		return b, nil
	}
	trimmed := strings.Join(strings.Fields(string(b)), "")
	der, err := base64.StdEncoding.DecodeString(trimmed)
	if err != nil {
		return nil, errors.New("issuer: neither PEM, DER nor base64 DER")
	}
	return der, nil
}

func parseCertificateSafely(der []byte) (c *x509.Certificate, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("parser panicked: %v", r)
		}
	}()
	return x509.ParseCertificate(der)
}

// SignatureFitsKey reports whether c's signature could have been made by
// key as far as its algorithm and length show: the algorithm is one the key
// signs with (Key.SignatureAlgorithms), an RSA signature is exactly as long
// as the modulus, and an ECDSA or EdDSA signature's length fits the curve.
func SignatureFitsKey(c *x509.Certificate, key Key) bool {
	e, ok := Lookup(SignatureEncodings, Inspect(c).Algorithms.Signature)
	if !ok {
		return false
	}
	fits := false
	for _, a := range key.SignatureAlgorithms() {
		if a == e.Name {
			fits = true
		}
	}
	switch {
	case !fits:
		return false
	case key.IsRSA():
		return len(c.Signature)*8 == (key.RSABits+7)/8*8
	}
	_, want := SignerFromSignature(e.Name, c.Signature)
	return want == e.Name
}
