package zlintsmime_test

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/fixtures"
	"github.com/smimelint/zlint-smime/smime"
)

// The guarantees of pre-issuance linting, checked on every certificate
// fixture whose issuer is a fixture too:
//
//	(a) a bare TBS plus the issuer gets the findings of the signed
//	    certificate plus the issuer;
//	(b) the certificate dummy-signed as pkimetal does, with no issuer, gets
//	    no finding the signed certificate does not get;
//	(c) re-signed with a throwaway key of another type or size, with the
//	    issuer, it gets the findings of the signed certificate.
//
// Fixtures whose outer signatureAlgorithm differs from
// tbsCertificate.signature are about the signed structure itself, which a
// TBS does not have; they are left out of (a) and (c). So is
// n_smimelint_issuer_signature_not_verified, whose subject is the signature
// value itself. Self-issued certificates are left out of (c): a root
// re-signed by another key is no longer self-signed, and RFC 5280 then asks
// it for an authorityKeyIdentifier; lint a root's TBS instead.

type preIssuanceCase struct {
	file   string
	cert   *x509.Certificate
	linter *zlintsmime.Linter
	// issuerKey describes the issuer's key: "RSA 4096", "P-384", ...
	issuerKey string
}

func preIssuanceCases(t *testing.T) []preIssuanceCase {
	t.Helper()
	all, err := fixtures.CertificatesWithIssuers()
	if err != nil {
		t.Fatal(err)
	}
	linters := map[string]*zlintsmime.Linter{}
	keys := map[string]string{}
	var cases []preIssuanceCase
	for _, f := range all {
		c, err := zlintsmime.ParseCertificate(f.DER)
		if err != nil {
			t.Fatalf("%s: %v", f.File, err)
		}
		key := string(f.Issuer)
		if linters[key] == nil {
			issuer, err := zlintsmime.ParseCertificate(f.Issuer)
			if err != nil {
				t.Fatalf("issuer of %s: %v", f.File, err)
			}
			if !issuer.IsCA {
				continue // a self-issued end-entity fixture: no issuer to give
			}
			if linters[key], err = zlintsmime.NewLinter(zlintsmime.Options{Issuer: issuer}); err != nil {
				t.Fatalf("issuer of %s: %v", f.File, err)
			}
			keys[key] = smime.KeyOf(issuer).Describe()
		}
		cases = append(cases, preIssuanceCase{f.File, c, linters[key], keys[key]})
	}
	if len(cases) < 300 {
		t.Fatalf("only %d fixtures with a known issuer", len(cases))
	}
	return cases
}

// findingKeys writes findings as "lint status" lines, details left out: a
// detail may quote the signature's length, which is what differs.
func findingKeys(fs []zlintsmime.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		if f.Lint == "n_smimelint_issuer_signature_not_verified" {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s", f.Lint, f.Status))
	}
	return out
}

// outerMatchesTBS reports whether the outer signatureAlgorithm is
// tbsCertificate.signature, byte for byte.
func outerMatchesTBS(t *testing.T, c *x509.Certificate) bool {
	t.Helper()
	in := cryptobyte.String(c.Raw)
	var body, tbs, alg cryptobyte.String
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&tbs, cbasn1.SEQUENCE) || !body.ReadASN1Element(&alg, cbasn1.SEQUENCE) {
		t.Fatal("not a certificate")
	}
	tbsAlg, err := tbsSignatureAlgorithm(c.RawTBSCertificate)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(alg, tbsAlg)
}

func tbsSignatureAlgorithm(tbs []byte) ([]byte, error) {
	in := cryptobyte.String(tbs)
	var body cryptobyte.String
	var alg cryptobyte.String
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) ||
		!body.SkipOptionalASN1(cbasn1.Tag(0).ContextSpecific().Constructed()) ||
		!body.SkipASN1(cbasn1.INTEGER) || !body.ReadASN1Element(&alg, cbasn1.SEQUENCE) {
		return nil, fmt.Errorf("no signature AlgorithmIdentifier in the TBS")
	}
	return alg, nil
}

// signedDER writes SEQUENCE { tbs, the TBS's own algorithm, signature }.
func signedDER(t *testing.T, tbs, signature []byte) []byte {
	t.Helper()
	alg, err := tbsSignatureAlgorithm(tbs)
	if err != nil {
		t.Fatal(err)
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddBytes(alg)
		b.AddASN1BitString(signature)
	})
	return b.BytesOrPanic()
}

// pkimetalDummy is a signature shaped as pkimetal writes it for a TBS: an
// Ecdsa-Sig-Value whose r and s are the same fixed integer, sized for
// ecdsa-with-SHA256 or -SHA384, and nothing for other algorithms.
func pkimetalDummy(c *x509.Certificate) []byte {
	var size int
	switch c.SignatureAlgorithmOID.String() {
	case "1.2.840.10045.4.3.2":
		size = 33
	case "1.2.840.10045.4.3.3":
		size = 49
	default:
		return nil
	}
	v := bytes.Repeat([]byte{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}, 8)[:size]
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) { b.AddBytes(v) })
		b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) { b.AddBytes(v) })
	})
	return b.BytesOrPanic()
}

func TestPreIssuanceTBSEqualsSigned(t *testing.T) {
	for _, pc := range preIssuanceCases(t) {
		if !outerMatchesTBS(t, pc.cert) {
			continue
		}
		signed := pc.linter.Lint(pc.cert)
		tbs, err := pc.linter.LintTBSDER(pc.cert.RawTBSCertificate)
		if err != nil {
			t.Errorf("%s: TBS: %v", pc.file, err)
			continue
		}
		if got, want := findingKeys(tbs), findingKeys(signed); !slices.Equal(got, want) {
			t.Errorf("%s: TBS plus issuer gives %v, the signed certificate plus issuer %v", pc.file, got, want)
		}
	}
}

func TestPreIssuanceDummySignatureAddsNothing(t *testing.T) {
	for _, pc := range preIssuanceCases(t) {
		dummy := signedDER(t, pc.cert.RawTBSCertificate, pkimetalDummy(pc.cert))
		got, err := zlintsmime.LintDER(dummy)
		if err != nil {
			t.Errorf("%s: dummy-signed: %v", pc.file, err)
			continue
		}
		want := findingKeys(zlintsmime.Lint(pc.cert))
		for _, f := range findingKeys(got) {
			if !slices.Contains(want, f) {
				t.Errorf("%s: dummy-signed without issuer gets %s, which the signed certificate does not", pc.file, f)
			}
		}
	}
}

// throwaway keys of several types and sizes: each case is re-signed with
// every one whose type or size differs from the issuer's.
var throwaways = []string{"rsa2048", "rsa3072", "rsa4096", "p256", "p384", "ed25519"}

func TestPreIssuanceThrowawayKeyChangesNothing(t *testing.T) {
	signers := map[string]crypto.Signer{}
	for _, name := range throwaways {
		s, err := fixtures.StoredSigner(name)
		if err != nil {
			t.Fatal(err)
		}
		signers[name] = s
	}
	for _, pc := range preIssuanceCases(t) {
		if !outerMatchesTBS(t, pc.cert) || bytes.Equal(pc.cert.RawSubject, pc.cert.RawIssuer) {
			continue
		}
		want := findingKeys(pc.linter.Lint(pc.cert))
		for _, name := range throwaways {
			sig, err := signWith(signers[name], pc.cert.RawTBSCertificate)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(sig, pc.cert.Signature) {
				continue
			}
			got, err := pc.linter.LintDER(signedDER(t, pc.cert.RawTBSCertificate, sig))
			if err != nil {
				t.Errorf("%s re-signed with %s: %v", pc.file, name, err)
				continue
			}
			if !slices.Equal(findingKeys(got), want) && !sameTypeAndSize(pc, name) {
				t.Errorf("%s re-signed with a throwaway %s key, issuer given: %v, signed by the issuer: %v",
					pc.file, name, findingKeys(got), want)
			}
		}
	}
}

// signWith signs tbs with a throwaway key in its usual way (SHA-256), as a
// hook that re-signs a fixed TBS does; the TBS, and so the algorithm it
// names, stays as it is.
func signWith(s crypto.Signer, tbs []byte) ([]byte, error) {
	if strings.Contains(fmt.Sprintf("%T", s.Public()), "ed25519") {
		return s.Sign(rand.Reader, tbs, crypto.Hash(0))
	}
	d := sha256.Sum256(tbs)
	return s.Sign(rand.Reader, d[:], crypto.SHA256)
}

// sameTypeAndSize reports whether the throwaway key is of the issuer's
// type and size: then a signature that does not verify may be another
// issuer's, and n_smimelint_issuer_signature_not_verified says so.
func sameTypeAndSize(pc preIssuanceCase, name string) bool {
	return pc.issuerKey == map[string]string{
		"rsa2048": "RSA 2048", "rsa3072": "RSA 3072", "rsa4096": "RSA 4096", "p256": "P-256", "p384": "P-384", "ed25519": "Ed25519",
	}[name]
}
