package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	_ "github.com/smimelint/zlint-smime/internal/golden"
)

// Test certificates, made once per test binary: an S/MIME mailbox-validated
// strict leaf (policy 2.23.140.1.5.1.3, id-kp-emailProtection, notBefore
// 2025-10-01) issued by a test CA. With a non-ASCII rfc822Name it trips
// e_smimelint_rfc822name_non_ascii (error), and its commonName, which an
// rfc822Name cannot repeat, e_smimelint_subject_mailbox_not_in_san; with an
// ASCII one no lint reports an error.
const (
	nonASCIILint        = "e_smimelint_rfc822name_non_ascii"
	mailboxNotInSANLint = "e_smimelint_subject_mailbox_not_in_san"
)

// registryFacts are lints and sources the tests of the selection flags use.
// They are looked up rather than named, so that the tests hold while the
// recommended set and the library's lints change.
type registryFacts struct {
	// warnLint gives the good certificate a warning.
	warnLint string
	// outsideLint reports on the good certificate but is not in the
	// recommended registry, nor of source CABF_SMIME_BR.
	outsideLint string
	// outsideSource is a source of which the recommended registry holds no
	// lint.
	outsideSource lint.LintSource
}

var facts = sync.OnceValues(func() (registryFacts, error) {
	var f registryFacts
	recommended := map[string]bool{}
	sources := map[lint.LintSource]bool{}
	for _, l := range zlintsmime.Registry().CertificateLints().Lints() {
		recommended[l.Name] = true
		sources[l.Source] = true
	}
	c, err := zlintsmime.ParseCertificate(goodDER())
	if err != nil {
		return f, err
	}
	for _, fd := range zlintsmime.LintWith(lint.GlobalRegistry(), c) {
		if fd.Status == lint.Warn && f.warnLint == "" {
			f.warnLint = fd.Lint
		}
		if !recommended[fd.Lint] && fd.Source != lint.CABFSMIMEBaselineRequirements && f.outsideLint == "" {
			f.outsideLint = fd.Lint
		}
	}
	all := lint.GlobalRegistry().Sources()
	sort.Sort(all)
	for _, src := range all {
		if !sources[src] {
			f.outsideSource = src
			break
		}
	}
	if f.warnLint == "" || f.outsideLint == "" || f.outsideSource == "" {
		return f, fmt.Errorf("the registries changed: no lint or source for the tests: %+v", f)
	}
	return f, nil
})

// mustFacts returns the facts or fails the test.
func mustFacts(t *testing.T) registryFacts {
	t.Helper()
	f, err := facts()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var testCA = sync.OnceValues(func() (*x509.Certificate, *ecdsa.PrivateKey) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	ca, err := x509.ParseCertificate(selfSignedCA(key, 1, "zlint-smime Test CA", "Test"))
	if err != nil {
		panic(err)
	}
	return ca, key
})

// selfSignedCA returns the DER of a self-signed CA certificate of key, valid
// 2025 to 2030.
func selfSignedCA(key *ecdsa.PrivateKey, serial int64, cn, o string) []byte {
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{o}, Country: []string{"US"}},
		NotBefore:             time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	return der
}

var leafKey = sync.OnceValue(func() *ecdsa.PrivateKey {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	return key
})

// leaf returns the DER of an S/MIME leaf for the mailbox, with the serial
// number making certificates distinct. crypto/x509 refuses a non-ASCII
// rfc822Name, so the subjectAltName is built by hand.
func leaf(mailbox string, serial int64) []byte {
	ca, caKey := testCA()
	san, err := asn1.Marshal([]asn1.RawValue{{Class: asn1.ClassContextSpecific, Tag: 1, Bytes: []byte(mailbox)}})
	if err != nil {
		panic(err)
	}
	policy, err := x509.OIDFromInts([]uint64{2, 23, 140, 1, 5, 1, 3})
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial),
		Subject:               pkix.Name{CommonName: mailbox},
		NotBefore:             time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		Policies:              []x509.OID{policy},
		CRLDistributionPoints: []string{"http://crl.example.com/ca.crl"},
		IssuingCertificateURL: []string{"http://ca.example.com/ca.crt"},
		ExtraExtensions:       []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Value: san}},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &leafKey().PublicKey, caKey)
	if err != nil {
		panic(err)
	}
	return der
}

var (
	badDER  = sync.OnceValue(func() []byte { return leaf("jörg@example.com", 100) })
	goodDER = sync.OnceValue(func() []byte { return leaf("joerg@example.com", 101) })
)

func pemOf(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func b64Line(der []byte) []byte {
	return []byte(base64.StdEncoding.EncodeToString(der) + "\n")
}

func sha(der []byte) string {
	s := sha256.Sum256(der)
	return hex.EncodeToString(s[:])
}

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// writeFile writes data to name in dir and returns the path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// line is one JSON output line, certificate or error.
type line struct {
	Input    string     `json:"input"`
	Index    int        `json:"index"`
	Kind     string     `json:"kind"`
	SHA256   string     `json:"sha256"`
	Findings *[]finding `json:"findings"`
	Error    string     `json:"error"`
	// CT entries and the screen (ct_test.go).
	LogIndex  *int64 `json:"log_index"`
	EntryType string `json:"entry_type"`
	Screened  bool   `json:"screened"`
}

type finding struct {
	Lint     string `json:"lint"`
	Status   string `json:"status"`
	Details  string `json:"details"`
	Citation string `json:"citation"`
	Source   string `json:"source"`
}

func (l line) lints() []string {
	var names []string
	if l.Findings != nil {
		for _, f := range *l.Findings {
			names = append(names, f.Lint)
		}
	}
	return names
}

// errorLints returns the names of the findings at error or fatal.
func (l line) errorLints() []string {
	var names []string
	if l.Findings != nil {
		for _, f := range *l.Findings {
			if f.Status == "error" || f.Status == "fatal" {
				names = append(names, f.Lint)
			}
		}
	}
	return names
}

// result is what one run of the command did.
type result struct {
	code   int
	stdout string
	stderr string
	lines  []line
}

// runCmd runs the command with stdin and parses its JSON lines unless told
// the output is not JSON.
func runCmd(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errOut)
	r := result{code: code, stdout: out.String(), stderr: errOut.String()}
	for _, a := range args {
		if a == "-summary" || a == "-list-lints" {
			return r
		}
	}
	for _, s := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		if s == "" {
			continue
		}
		var l line
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("output line %q: %v", s, err)
		}
		if (l.Error == "") == (l.Findings == nil) {
			t.Errorf("output line %q: want exactly one of findings and error", s)
		}
		r.lines = append(r.lines, l)
	}
	return r
}
