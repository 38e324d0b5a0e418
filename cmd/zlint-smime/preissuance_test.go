package main

import (
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/smimelint/zlint-smime/internal/fixtures"
)

func fixtureFile(name string) string { return filepath.Join("..", "..", "testdata", name) }

func fixtureCert(t *testing.T, name string) *x509.Certificate {
	t.Helper()
	b, err := os.ReadFile(fixtureFile(name))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(b)
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// resign writes the TBS with its own algorithm and a signature by the
// stored key name, as a hook that signs with a throwaway key does.
func resign(t *testing.T, c *x509.Certificate, key string) []byte {
	t.Helper()
	s, err := fixtures.StoredSigner(key)
	if err != nil {
		t.Fatal(err)
	}
	d := sha256.Sum256(c.RawTBSCertificate)
	sig, err := s.Sign(rand.Reader, d[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	in := cryptobyte.String(c.Raw)
	var body, tbs, alg cryptobyte.String
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1Element(&tbs, cbasn1.SEQUENCE) || !body.ReadASN1Element(&alg, cbasn1.SEQUENCE) {
		t.Fatal("not a certificate")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddBytes(alg)
		b.AddASN1BitString(sig)
	})
	return b.BytesOrPanic()
}

// TestIssuer lints a certificate the ways a pre-issuance hook has it: the
// bare TBS, re-signed with a throwaway key, and signed, each with and
// without -issuer. The certificate is issued from 2027-09-15 by a CA whose
// RSA key has 2048 bits, which KEY-03 forbids.
func TestIssuer(t *testing.T) {
	const key03 = "e_smimelint_issuer_rsa_key_under_3072"
	c := fixtureCert(t, "key03_rsa2048_issuer_fail.pem")
	dir := t.TempDir()
	issuer := fixtureFile("ca_smime_rsa2048.pem")
	wrong := fixtureFile("ca_smime_rsa4096.pem")
	tbs := writeFile(t, dir, "tbs.pem", pemOf("TBS CERTIFICATE", c.RawTBSCertificate))
	tbsDER := writeFile(t, dir, "tbs.der", c.RawTBSCertificate)
	throwaway := writeFile(t, dir, "throwaway.pem", pemOf("CERTIFICATE", resign(t, c, "rsa4096")))
	leafAsIssuer := fixtureFile("baseline_strict_mailbox.pem")
	badTBS := writeFile(t, dir, "bad.pem", join(pemOf("TBS CERTIFICATE", []byte{0x30, 0x03, 0x02, 0x01, 0x01}), pemOf("TBS CERTIFICATE", c.RawTBSCertificate)))
	for _, tt := range []struct {
		name     string
		args     []string
		wantCode int
		kind     string
		has      []string // lints reported
		hasNot   []string
		stderr   string
	}{
		{"signed, no issuer: the signature's length shows RSA 2048", []string{fixtureFile("key03_rsa2048_issuer_fail.pem")}, 1, "certificate", []string{key03}, nil, ""},
		{"TBS, no issuer: nothing to read the issuer's key from", []string{tbs}, 0, "tbs", nil, []string{key03}, ""},
		{"TBS DER, no issuer", []string{tbsDER}, 0, "tbs", nil, []string{key03}, ""},
		{"TBS with the issuer", []string{"-issuer", issuer, tbs}, 1, "tbs", []string{key03}, nil, ""},
		{"throwaway RSA 4096 key, no issuer: a false negative", []string{throwaway}, 0, "certificate", nil, []string{key03}, ""},
		{"throwaway RSA 4096 key with the issuer", []string{"-issuer", issuer, throwaway}, 1, "certificate", []string{key03}, []string{"n_smimelint_issuer_signature_not_verified"}, ""},
		{"signed, another issuer of the same key size", []string{"-issuer", wrong, fixtureFile("key03_rsa2048_issuer_fail.pem")}, 1, "certificate",
			[]string{"e_smimelint_issuer_name_mismatch", "e_smimelint_issuer_key_identifier_mismatch"}, []string{key03}, ""},
		{"issuer that is no CA", []string{"-issuer", leafAsIssuer, tbs}, 2, "", nil, nil, "is not a CA certificate"},
		{"issuer file missing", []string{"-issuer", filepath.Join(dir, "none.pem"), tbs}, 2, "", nil, nil, "-issuer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, nil, tt.args...)
			if r.code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %s", r.code, tt.wantCode, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.stderr)
			}
			if tt.kind == "" {
				return
			}
			if len(r.lines) != 1 || r.lines[0].Kind != tt.kind || r.lines[0].Error != "" {
				t.Fatalf("records %+v, want one %s", r.lines, tt.kind)
			}
			got := r.lines[0].lints()
			for _, l := range tt.has {
				if !slices.Contains(got, l) {
					t.Errorf("no %s in %v", l, got)
				}
			}
			for _, l := range tt.hasNot {
				if slices.Contains(got, l) {
					t.Errorf("%s in %v", l, got)
				}
			}
		})
	}

	// A TBS that does not parse is an error record that says what it
	// was; the next item is still linted.
	r := runCmd(t, nil, "-issuer", issuer, badTBS)
	if r.code != 2 || len(r.lines) != 2 {
		t.Fatalf("exit %d, %d records: %+v", r.code, len(r.lines), r.lines)
	}
	if l := r.lines[0]; !strings.Contains(l.Error, "TBSCertificate") {
		t.Errorf("bad TBS: %+v", l)
	}
	if l := r.lines[1]; l.Kind != "tbs" || l.Error != "" || !slices.Contains(l.lints(), key03) {
		t.Errorf("good TBS after a bad one: %+v", l)
	}
}
