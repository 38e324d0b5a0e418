package records

import (
	"bytes"
	"crypto/rand"
	stdx509 "crypto/x509"
	"crypto/x509/pkix"
	stdasn1 "encoding/asn1"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/ctentry"
	"github.com/smimelint/zlint-smime/internal/cttest"
	"github.com/smimelint/zlint-smime/internal/fixtures"
	"github.com/smimelint/zlint-smime/internal/input"
	"github.com/smimelint/zlint-smime/smime"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain ASCII":      "plain ASCII",
		"jörg@example":     "jörg@example",
		"a\nb\tc\x1b[31m":  `a\nb\tc\x1b[31m`,
		"del\x7f c1\u0085": `del\x7f c1\u0085`,
		"bad \xff utf8":    `bad \xff utf8`,
		"zero\u200bwidth":  `zero\u200bwidth`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLintConcurrent lints every fixture from many goroutines at once, with
// and without an issuer, and checks that each gets the line it gets alone:
// the Linters and their cache are shared by the command's workers.
func TestLintConcurrent(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*.pem"))
	if err != nil || len(paths) < 100 {
		t.Fatalf("fixtures: %d, %v", len(paths), err)
	}
	var items []input.Item
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		input.Read(filepath.Base(p), f, input.FormatAuto, func(it input.Item) bool {
			items = append(items, it)
			return true
		})
		f.Close()
	}
	issuer := firstDER(t, filepath.Join("..", "..", "testdata", "ca_smime_rsa4096.pem"))
	for _, tc := range []struct {
		name   string
		issuer []byte
	}{{"no issuer", nil}, {"issuer", issuer}} {
		t.Run(tc.name, func(t *testing.T) {
			want := make([]string, len(items))
			alone := NewLinters(nil, "", tc.issuer)
			for i, it := range items {
				want[i] = line(t, alone.Lint(it))
			}
			shared := NewLinters(nil, "", tc.issuer)
			var wg sync.WaitGroup
			for g := range 8 {
				wg.Go(func() {
					for i := g; i < len(items); i += 8 {
						if got := line(t, shared.Lint(items[i])); got != want[i] {
							t.Errorf("%s: concurrent %s, alone %s", items[i].Input, got, want[i])
						}
					}
				})
			}
			wg.Wait()
		})
	}
}

func line(t *testing.T, r Record) string {
	b, err := r.JSONLine()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func firstDER(t *testing.T, path string) []byte {
	var der []byte
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	input.Read(path, f, input.FormatAuto, func(it input.Item) bool { der = it.DER; return false })
	if der == nil {
		t.Fatalf("%s holds no certificate", path)
	}
	return der
}

// TestIssuerCA pins the issuing CA each kind of record is counted under in
// the summaries (the command's -summary and Beam's issuer rows), whether it
// is screened, and that a key zcrypto cannot parse is linted, not an error,
// in a file and in a CT entry alike.
func TestIssuerCA(t *testing.T) {
	td := filepath.Join("..", "..", "testdata")
	const (
		rsa4096 = "zlint-smime Test S/MIME RSA 4096 CA"
		p384    = "zlint-smime Test S/MIME ECDSA P-384 CA"
	)
	leaf := firstDER(t, filepath.Join(td, "baseline_strict_mailbox.pem"))
	brainpool := firstDER(t, filepath.Join(td, "unparsable", "key_brainpoolp256r1_fail.pem"))
	tls := firstDER(t, filepath.Join(td, "tls_server.pem"))
	caRSA := firstDER(t, filepath.Join(td, "ca_smime_rsa4096.pem"))
	caP384 := firstDER(t, filepath.Join(td, "ca_smime_p384.pem"))
	brainpoolCA := firstDER(t, filepath.Join(td, "unparsable", "key_brainpoolp256r1_subca_fail.pem"))
	badLeaf := firstDER(t, filepath.Join(td, "eai02_rfc822_non_ascii_fail.pem"))
	declared, err := zlintsmime.ConfigTextWithDeclaredCAs("", []string{strings.Repeat("ab", 32)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		it       input.Item
		issuer   []byte // NewLinters' issuer, for items that are no CT entry
		config   string
		ca       string
		screened bool
		lint     string // a lint the record must hold; "" for none
		err      string // a part of the record's error; "" for none
	}{
		{name: "certificate", it: fileItem(t, td, "baseline_strict_mailbox.pem"), ca: rsa4096},
		// -issuer gives the issuer's key and name to the lints; the record
		// still counts under the certificate's own issuer name.
		{name: "certificate with another -issuer", it: fileItem(t, td, "baseline_strict_mailbox.pem"), issuer: caP384, ca: rsa4096,
			lint: "e_smimelint_issuer_name_mismatch"},
		{name: "tbs", it: fileItem(t, td, "algsig01_tbs_rsa_no_null_fail.pem"), ca: rsa4096},
		{name: "crl", it: fileItem(t, td, "crl_baseline.pem"), ca: rsa4096},
		// DER with trailing data is named as what it is, not parsed as a
		// certificate whose fields do not fit.
		{name: "crl and a byte", it: input.Item{Input: "crl.der", DER: append(firstDER(t, filepath.Join(td, "crl_baseline.pem")), 0)},
			err: "1 byte follows the DER CRL"},
		{name: "unparsable key", it: fileItem(t, td, filepath.Join("unparsable", "key_brainpoolp256r1_fail.pem")), ca: unreadIssuer,
			lint: zlintsmime.SPKILint},
		{name: "tbs, unparsable key", it: input.Item{Input: "tbs", DER: tbsOf(t, brainpool)}, ca: unreadIssuer, lint: zlintsmime.SPKILint},
		{name: "screened", it: fileItem(t, td, "tls_server.pem"), screened: true},
		// Declared S/MIME CAs turn the screen off, from the configuration
		// alone (the registry's own says nothing).
		{name: "not screened with declared CAs", it: fileItem(t, td, "tls_server.pem"), config: declared, ca: "zlint-smime Test S/MIME Root R1"},
		{name: "ct entry: the chain's CA", it: ctItem(leaf, caP384), ca: p384, lint: "e_smimelint_issuer_name_mismatch"},
		{name: "ct entry without a chain", it: ctItem(leaf), ca: rsa4096},
		{name: "ct entry, unparsable key", it: ctItem(brainpool, caRSA), ca: rsa4096, lint: zlintsmime.SPKILint},
		{name: "ct entry, unparsable key, no chain", it: ctItem(brainpool), ca: unreadIssuer, lint: zlintsmime.SPKILint},
		{name: "ct entry screened", it: ctItem(tls, caRSA), screened: true},
		// A chain CA that cannot be the issuer: linted as without a chain.
		{name: "ct entry, chain CA zcrypto cannot parse", it: ctItem(leaf, brainpoolCA), ca: rsa4096},
		// A chain certificate that is no CA: the error is what a monitor
		// must see.
		{name: "ct entry, chain certificate no CA", it: ctItem(badLeaf, leaf), err: "is not a CA certificate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := NewLinters(nil, tc.config, tc.issuer).Lint(tc.it)
			if tc.err != "" || rec.Err != "" {
				if tc.err == "" || !strings.Contains(rec.Err, tc.err) {
					t.Fatalf("error %q, want one with %q", rec.Err, tc.err)
				}
				return
			}
			if rec.IssuerCA != tc.ca || rec.Screened != tc.screened {
				t.Errorf("issuer CA %q, screened %v; want %q, %v", rec.IssuerCA, rec.Screened, tc.ca, tc.screened)
			}
			found := tc.lint == ""
			for _, f := range rec.Findings {
				found = found || f.Lint == tc.lint
			}
			if !found {
				t.Errorf("no %s in %s", tc.lint, line(t, rec))
			}
		})
	}
}

// fileItem is the first item the reader gives for a fixture file.
func fileItem(t *testing.T, dir, name string) input.Item {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var it *input.Item
	input.Read(name, f, input.FormatAuto, func(i input.Item) bool { it = &i; return false })
	if it == nil || it.Err != nil {
		t.Fatalf("%s: %+v", name, it)
	}
	return *it
}

// ctItem is the item of an RFC 6962 x509_entry of der with chain.
func ctItem(der []byte, chain ...[]byte) input.Item {
	e := cttest.X509Entry(der, chain...)
	return input.Item{Input: "entries", CT: &ctentry.Raw{LeafInput: e.LeafInput, ExtraData: e.ExtraData, LogIndex: 42}}
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

// TestPrecertSigningCertificate logs a precertificate signed by a
// Precertificate Signing Certificate (RFC 6962 §3.1), chain [PSC, CA]: the
// precertificate names the PSC as its issuer, and the leaf's TBSCertificate
// (§3.2) names the CA. The entry gets the findings of the final
// certificate linted with the CA as its issuer, not issuer-name and key
// identifier errors against the PSC.
func TestPrecertSigningCertificate(t *testing.T) {
	td := filepath.Join("..", "..", "testdata")
	caDER := firstDER(t, filepath.Join(td, "ca_smime_rsa4096.pem"))
	ca, err := stdx509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	caKey, err := fixtures.StoredSigner("ca-rsa4096")
	if err != nil {
		t.Fatal(err)
	}
	pscKey, err := fixtures.StoredSigner("p384")
	if err != nil {
		t.Fatal(err)
	}
	pscDER, err := stdx509.CreateCertificate(rand.Reader, &stdx509.Certificate{
		SerialNumber: big.NewInt(99), Subject: pkix.Name{CommonName: "Precertificate Signing", Organization: []string{"zlint-smime Test"}},
		NotBefore: ca.NotBefore, NotAfter: ca.NotAfter, IsCA: true, BasicConstraintsValid: true,
		KeyUsage:           stdx509.KeyUsageCertSign | stdx509.KeyUsageDigitalSignature,
		UnknownExtKeyUsage: []stdasn1.ObjectIdentifier{{1, 3, 6, 1, 4, 1, 11129, 2, 4, 4}},
		SubjectKeyId:       bytes.Repeat([]byte{7}, 20),
	}, ca, pscKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	brainpoolCA := firstDER(t, filepath.Join(td, "unparsable", "key_brainpoolp256r1_subca_fail.pem"))
	psc, err := stdx509.ParseCertificate(pscDER)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"baseline_strict_mailbox.pem", "baseline_legacy_organization.pem", "oth07_pseudonym_personal_name_cn_fail.pem", "oth10_aia_ocsp_only_fail.pem"} {
		t.Run(file, func(t *testing.T) {
			leaf, err := stdx509.ParseCertificate(firstDER(t, filepath.Join(td, file)))
			if err != nil {
				t.Fatal(err)
			}
			tmpl := *leaf
			final, err := stdx509.CreateCertificate(rand.Reader, &tmpl, ca, leaf.PublicKey, caKey)
			if err != nil {
				t.Fatal(err)
			}
			tmpl.SignatureAlgorithm = stdx509.UnknownSignatureAlgorithm // the PSC's key decides
			tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{
				Id: stdasn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}, Critical: true, Value: []byte{5, 0}})
			precert, err := stdx509.CreateCertificate(rand.Reader, &tmpl, psc, leaf.PublicKey, pscKey)
			if err != nil {
				t.Fatal(err)
			}
			want := NewLinters(nil, "", caDER).Lint(input.Item{Input: "final", DER: final})
			got := NewLinters(nil, "", nil).Lint(ctPrecertItem(precert, tbsOf(t, final), pscDER, caDER))
			if got.Err != "" || want.Err != "" {
				t.Fatalf("errors: entry %q, final %q", got.Err, want.Err)
			}
			if strings.HasSuffix(file, "_fail.pem") == (len(want.Findings) == 0) {
				t.Fatalf("final certificate: %s", line(t, want))
			}
			if !slices.Equal(got.Findings, want.Findings) || got.IssuerCA != want.IssuerCA || got.EntryType != "precert" {
				t.Errorf("entry: %s\nfinal: %s", line(t, got), line(t, want))
			}
			// A CA after the PSC that zcrypto cannot parse: linted without
			// an issuer, still counted under the CA the TBS names.
			bp := NewLinters(nil, "", nil).Lint(ctPrecertItem(precert, tbsOf(t, final), pscDER, brainpoolCA))
			if bp.Err != "" || bp.IssuerCA != want.IssuerCA {
				t.Errorf("chain [PSC, unparsable CA]: %s", line(t, bp))
			}
		})
	}
}

// ctPrecertItem is the item of an RFC 6962 precert_entry: tbs in the leaf,
// the precertificate and chain in extra_data.
func ctPrecertItem(precert, tbs []byte, chain ...[]byte) input.Item {
	e := cttest.PrecertEntry(precert, tbs, chain...)
	return input.Item{Input: "entries", CT: &ctentry.Raw{LeafInput: e.LeafInput, ExtraData: e.ExtraData, LogIndex: 7}}
}
