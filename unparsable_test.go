package zlintsmime_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
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

// TestLintDERUnparsableKey lints the certificates whose subject key zcrypto
// cannot parse (brainpoolP256r1): LintDER reports the key from the raw DER
// where the SBR applies, and lints the rest without a finding from the
// placeholder keys.
func TestLintDERUnparsableKey(t *testing.T) {
	want := map[string][]string{ // fixture → the lints that report, all of them
		"key_brainpoolp256r1_fail.pem":          {zlintsmime.SPKILint},
		"key_brainpoolp256r1_validity_fail.pem": {zlintsmime.SPKILint, "e_smimelint_validity_period_too_long"},
		"key_brainpoolp256r1_subca_fail.pem":    {zlintsmime.SPKILint},
		"key_brainpoolp256r1_ne.pem":            nil, // issued before 2023-09-01
		"key_brainpoolp256r1_tls_na.pem":        nil, // out of S/MIME scope
		"key_brainpoolp256r1_root_na.pem":       nil, // no S/MIME signal, not declared
	}
	if len(fixtures.Unparsable()) != len(want) {
		t.Fatalf("%d unparsable fixtures, %d expectations", len(fixtures.Unparsable()), len(want))
	}
	for _, f := range fixtures.Unparsable() {
		t.Run(f.File, func(t *testing.T) {
			der := readDER(t, filepath.Join("testdata", fixtures.UnparsableDir, f.File))
			if _, err := zlintsmime.ParseCertificate(der); err == nil || !strings.Contains(err.Error(), "unsupported elliptic curve") {
				t.Fatalf("zcrypto parses the fixture (err %v); it no longer tests an unparsable key", err)
			}
			// The certificate and its bare TBSCertificate, without and with
			// the CA that signed it: the same findings each time (with the
			// issuer, the signature verifies over the certificate's own
			// TBSCertificate, not the one with a placeholder key).
			plain := defaultLinter(t)
			withIssuer := plain
			if ca := issuerOf(t, f.File); ca != nil {
				l, err := zlintsmime.NewLinter(zlintsmime.Options{Issuer: ca})
				if err != nil {
					t.Fatal(err)
				}
				withIssuer = l
			} else if !strings.Contains(f.File, "root") {
				t.Fatal("no CA fixture issued it")
			}
			tbs := tbsOf(t, der)
			var first []zlintsmime.Finding
			for i, run := range []struct {
				name string
				lint func() ([]zlintsmime.Finding, error)
			}{
				{"LintDER", func() ([]zlintsmime.Finding, error) { return plain.LintDER(der) }},
				{"LintTBSDER", func() ([]zlintsmime.Finding, error) { return plain.LintTBSDER(tbs) }},
				{"LintDER with the issuer", func() ([]zlintsmime.Finding, error) { return withIssuer.LintDER(der) }},
				{"LintTBSDER with the issuer", func() ([]zlintsmime.Finding, error) { return withIssuer.LintTBSDER(tbs) }},
			} {
				findings, err := run.lint()
				if err != nil {
					t.Fatalf("%s: %v", run.name, err)
				}
				var got []string
				for _, fd := range findings {
					got = append(got, fd.Lint)
					if fd.Lint == zlintsmime.SPKILint && !strings.Contains(fd.Details, "brainpoolP256r1 1.3.36.3.3.2.8.1.1.7") {
						t.Errorf("%s: details do not name the curve: %s", run.name, fd.Details)
					}
				}
				if strings.Join(got, " ") != strings.Join(want[f.File], " ") {
					t.Errorf("%s: findings %v, want %v: %+v", run.name, got, want[f.File], findings)
				}
				// Word for word, details included.
				if i == 0 {
					first = findings
				} else if !slices.Equal(findings, first) {
					t.Errorf("%s: %+v\nLintDER: %+v", run.name, findings, first)
				}
			}
		})
	}
}

// issuerOf is the CA certificate that signed the fixture file, from the
// generator's list, or nil for a self-issued one.
func issuerOf(t *testing.T, file string) *x509.Certificate {
	t.Helper()
	issuer, ok := fixtures.IssuerFile(file)
	if !ok {
		return nil
	}
	ca, err := zlintsmime.ParseCertificate(readDER(t, filepath.Join("testdata", issuer)))
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

// TestLintDERUnparsableOther checks that a certificate zcrypto refuses for
// another reason than its key is still a parse error.
func TestLintDERUnparsableOther(t *testing.T) {
	der := readDER(t, filepath.Join("testdata", fixtures.UnparsableDir, "key_brainpoolp256r1_fail.pem"))
	if _, err := zlintsmime.LintDER(der[:len(der)-1]); err == nil {
		t.Error("LintDER accepted a truncated certificate")
	}
}

func readDER(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pem.Decode(raw)
	if b == nil {
		t.Fatalf("%s: no PEM block", path)
	}
	return b.Bytes
}

// TestLintDERMalformedPermittedKey replaces the key of a conformant leaf by
// an RSA key with a negative exponent, which zcrypto refuses although
// rsaEncryption is permitted: the SPKI lint reports that the key does not
// parse, and nothing else is reported.
func TestLintDERMalformedPermittedKey(t *testing.T) {
	der := readDER(t, filepath.Join("testdata", "baseline_strict_mailbox.pem"))
	n := new(big.Int).Lsh(big.NewInt(1), 2047)
	n.Add(n, big.NewInt(0x1d))
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes([]byte{0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00})
		b.AddASN1BitString(func() []byte {
			var k cryptobyte.Builder
			k.AddASN1(cbasn1.SEQUENCE, func(k *cryptobyte.Builder) {
				k.AddASN1BigInt(n)
				k.AddASN1Int64(-65537)
			})
			return k.BytesOrPanic()
		}())
	})
	bad, _, err := smime.ReplaceSPKI(der, b.BytesOrPanic())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zlintsmime.ParseCertificate(bad); err == nil {
		t.Fatal("zcrypto parses an RSA key with a negative exponent; the test needs another malformed key")
	}
	findings, err := zlintsmime.LintDER(bad)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || findings[0].Lint != zlintsmime.SPKILint || !strings.Contains(findings[0].Details, "permitted, but its key does not parse") {
		t.Errorf("findings %+v", findings)
	}
}

// TestLintDERUnparsableDeclaredRoot declares the brainpool root without an
// S/MIME signal by the SHA-256 of its real subjectPublicKeyInfo: the
// placeholder runs still recognise it, and the key is reported.
func TestLintDERUnparsableDeclaredRoot(t *testing.T) {
	der := readDER(t, filepath.Join("testdata", fixtures.UnparsableDir, "key_brainpoolp256r1_root_na.pem"))
	_, spki, err := smime.ReplaceSPKI(der, smime.PlaceholderSPKIs[0])
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(spki)
	cfg, err := zlintsmime.ConfigWithDeclaredCAs("", []string{hex.EncodeToString(sum[:])})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := zlintsmime.NewRegistry(cfg)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := zlintsmime.LintDERWith(reg, der)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(findings, func(f zlintsmime.Finding) bool { return f.Lint == zlintsmime.SPKILint }) {
		t.Errorf("declared brainpool root: findings %+v", findings)
	}
}

func defaultLinter(t *testing.T) *zlintsmime.Linter {
	t.Helper()
	l, err := zlintsmime.NewLinter(zlintsmime.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// tbsOf is the TBSCertificate of a DER certificate.
func tbsOf(t *testing.T, der []byte) []byte {
	t.Helper()
	tbs, ok := smime.TBSOf(der)
	if !ok {
		t.Fatal("not a certificate")
	}
	return tbs
}
