package main

import (
	"github.com/smimelint/zlint-smime/smime"

	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fixtureCRL returns the DER of a CRL fixture of the repository.
func fixtureCRL(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(raw)
	if block == nil || block.Type != "X509 CRL" {
		t.Fatalf("%s holds no X509 CRL block", name)
	}
	return block.Bytes
}

// TestCRLs checks that the command lints CRLs in every input format, next
// to certificates, with the revocation-list lints, and reports a broken CRL
// as one.
func TestCRLs(t *testing.T) {
	held := fixtureCRL(t, "oth22_crl_ca_hold_fail.pem")
	clean := fixtureCRL(t, "crl_baseline.pem")
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		path string
		want [][]string // error lints per item; nil for an unreadable one
		err  string
	}{
		{"PEM", writeFile(t, dir, "held.pem", pemOf("X509 CRL", held)), [][]string{{"e_smimelint_crl_ca_certificate_hold"}}, ""},
		{"DER", writeFile(t, dir, "held.crl", held), [][]string{{"e_smimelint_crl_ca_certificate_hold"}}, ""},
		{"base64 lines", writeFile(t, dir, "crls.b64", join(b64Line(clean), b64Line(held))),
			[][]string{{}, {"e_smimelint_crl_ca_certificate_hold"}}, ""},
		{"a CRL next to a certificate", writeFile(t, dir, "mixed.pem", join(pemOf("X509 CRL", clean), pemOf("CERTIFICATE", leaf("alice@example.com", 1)))),
			[][]string{{}, {}}, ""},
		{"truncated CRL in PEM", writeFile(t, dir, "trunc.pem", pemOf("X509 CRL", held[:len(held)-40])), nil, "trunc.pem: block 0: parsing CRL: "},
		{"truncated DER, which shows no CRL shape", writeFile(t, dir, "trunc.crl", held[:len(held)-40]), nil, "trunc.crl: parsing certificate: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCmd(t, nil, tc.path)
			if tc.err != "" {
				if len(r.lines) != 1 || !strings.Contains(r.lines[0].Error, tc.err) {
					t.Fatalf("lines %+v; want one error holding %q", r.lines, tc.err)
				}
				return
			}
			if len(r.lines) != len(tc.want) {
				t.Fatalf("%d lines, want %d: %s", len(r.lines), len(tc.want), r.stdout)
			}
			for i, l := range r.lines {
				if got := l.errorLints(); l.Error != "" || !slices.Equal(got, tc.want[i]) && !(len(got) == 0 && len(tc.want[i]) == 0) {
					t.Errorf("item %d: error %q, error lints %v; want %v", i, l.Error, got, tc.want[i])
				}
			}
		})
	}
}

// TestIsCRL checks the shape test that tells CRLs from certificates.
func TestIsCRL(t *testing.T) {
	for _, tc := range []struct {
		name string
		der  []byte
		want bool
	}{
		{"CRL", fixtureCRL(t, "crl_baseline.pem"), true},
		{"empty CRL", fixtureCRL(t, "crl_baseline_empty.pem"), true},
		{"certificate", leaf("alice@example.com", 1), false},
		{"garbage", []byte{0x30, 0x03, 0x02, 0x01, 0x01}, false},
		{"nothing", nil, false},
	} {
		if got := smime.ShapeOf(tc.der) == smime.CRLShape; got != tc.want {
			t.Errorf("%s: a CRL = %v, want %v", tc.name, got, tc.want)
		}
	}
}
