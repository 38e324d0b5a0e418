package zlintsmime

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	stdx509 "crypto/x509"
	"crypto/x509/pkix"
	stdasn1 "encoding/asn1"
	"encoding/pem"
	"io/fs"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/lints"
	"github.com/smimelint/zlint-smime/smime"
)

// screenCorpus is a certificate of the corpora the screen is tested on.
type screenCorpus struct {
	name string
	der  []byte
}

// screenCorpora reads every CERTIFICATE block of the fixtures, of the peer
// corpus and of upstream zlint's test certificates.
var screenCorpora = sync.OnceValues(func() ([]screenCorpus, error) {
	var dirs = []string{"testdata"}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/zmap/zlint/v3").Output()
	if err != nil {
		return nil, err
	}
	dirs = append(dirs, filepath.Join(strings.TrimSpace(string(out)), "testdata"))
	var certs []screenCorpus
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".pem") {
				return err
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for {
				var b *pem.Block
				if b, raw = pem.Decode(raw); b == nil {
					break
				}
				if b.Type == "CERTIFICATE" {
					certs = append(certs, screenCorpus{path, b.Bytes})
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return certs, nil
})

func corpora(t testing.TB) []screenCorpus {
	t.Helper()
	c, err := screenCorpora()
	if err != nil {
		t.Fatal(err)
	}
	if len(c) < 1500 {
		t.Fatalf("only %d corpus certificates", len(c))
	}
	return c
}

// knownRegistry is the largest registry the screen may serve: every
// registered certificate lint it knows to be S/MIME-only.
func knownRegistry(t testing.TB) lint.Registry {
	t.Helper()
	var names []string
	for _, l := range lint.GlobalRegistry().CertificateLints().Lints() {
		if screenKnows(l) {
			names = append(names, l.Name)
		}
	}
	reg, err := lint.GlobalRegistry().Filter(lint.FilterOptions{IncludeNames: names})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// screenConfigs are the configurations the superset is checked under: the
// defaults, Cross Certificate, and an S/MIME subordinate CA as the issuer,
// which turns the issuer-aware lints on.
func screenConfigs(t testing.TB, reg lint.Registry) map[string]*Linter {
	t.Helper()
	issuer, err := ParseCertificate(fixtureBlock(t, "ekusubca_client_auth_2027_pass"))
	if err != nil {
		t.Fatal(err)
	}
	ls := map[string]*Linter{}
	for name, o := range map[string]Options{
		"default": {Registry: reg},
		"cross":   {Registry: reg, CrossCertificate: true},
		"issuer":  {Registry: reg, Issuer: issuer},
	} {
		l, err := NewLinter(o)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !l.screen {
			t.Fatalf("%s: the known registry is not screened", name)
		}
		ls[name] = l
	}
	return ls
}

func fixtureBlock(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name+".pem"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pem.Decode(raw)
	if b == nil {
		t.Fatalf("%s: no PEM", name)
	}
	return b.Bytes
}

// checkSkipped fails unless every lint of l returns NA or NE on c.
func checkSkipped(t testing.TB, what string, l *Linter, c *x509.Certificate) {
	t.Helper()
	for _, cl := range l.reg.CertificateLints().Lints() {
		if res := cl.Execute(c, l.cfg); res == nil || res.Status > lint.NE {
			t.Errorf("%s: screened out, yet %s returns %+v", what, cl.Name, res)
		}
	}
}

// TestScreenSuperset: wherever the screen says skip, every lint the screen
// knows returns NA or NE, under each configuration.
func TestScreenSuperset(t *testing.T) {
	ls := screenConfigs(t, knownRegistry(t))
	skipped, unparsed, total := 0, 0, 0
	for _, cc := range corpora(t) {
		total++
		if smime.MayBeInScope(cc.der) {
			continue
		}
		skipped++
		c, err := ParseCertificate(cc.der)
		if err != nil {
			unparsed++
			continue
		}
		for name, l := range ls {
			checkSkipped(t, cc.name+" ("+name+")", l, c)
		}
	}
	t.Logf("%d certificates, %d screened out (%d of them unparseable)", total, skipped, unparsed)
	if skipped < 500 {
		t.Errorf("only %d of %d certificates screened out: is the screen working?", skipped, total)
	}
}

// TestScreenKeepsInScope checks the other direction on the corpora: a
// certificate in S/MIME scope is never screened out.
func TestScreenKeepsInScope(t *testing.T) {
	for _, cc := range corpora(t) {
		c, err := ParseCertificate(cc.der)
		if err != nil {
			continue
		}
		if smime.InScope(c) && !smime.MayBeInScope(cc.der) {
			t.Errorf("%s: in S/MIME scope, screened out", cc.name)
		}
	}
}

// TestLintDERScreenedEqualsParsed: LintDER with the screen gives the
// findings of the parsed certificate, for a screened registry and for the
// recommended one.
func TestLintDERScreenedEqualsParsed(t *testing.T) {
	known, err := NewLinter(Options{Registry: knownRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	reg := Registry()
	for _, cc := range corpora(t) {
		c, err := ParseCertificate(cc.der)
		if err != nil {
			continue
		}
		got, err := known.LintDER(cc.der)
		if err != nil {
			t.Fatalf("%s: %v", cc.name, err)
		}
		if diff := cmp.Diff(known.Lint(c), got); diff != "" {
			t.Errorf("%s: known registry, LintDER differs from Lint (-want +got):\n%s", cc.name, diff)
		}
		got, err = LintDER(cc.der)
		if err != nil {
			t.Fatalf("%s: %v", cc.name, err)
		}
		if diff := cmp.Diff(LintWith(reg, c), got); diff != "" {
			t.Errorf("%s: LintDER differs from LintWith(Registry()) (-want +got):\n%s", cc.name, diff)
		}
	}
}

// TestScreenAudit keeps screenAudited in step with the library's lints
// that override zlint's framework filter: a new one must be read and added
// (or it turns the screen off wherever it is registered).
func TestScreenAudit(t *testing.T) {
	overrides := map[string]bool{}
	for _, l := range lint.GlobalRegistry().CertificateLints().Lints() {
		if _, scoped := l.Lint().(smime.ScopedLint); scoped {
			continue // a companion: it declares its scope itself
		}
		if l.OverrideFrameworkFilter && lints.NameRule.MatchString(l.Name) {
			overrides[l.Name] = true
			if _, ok := screenAudited[l.Name]; !ok {
				t.Errorf("%s overrides the framework filter and is not in screenAudited: read its "+
					"CheckApplies and add it if it needs smime.InScope or stricter", l.Name)
			}
		}
	}
	for name := range screenAudited {
		if !overrides[name] {
			t.Errorf("screenAudited names %s, which is no registered override lint", name)
		}
	}
}

// TestScreenable decides per registry: -all (the global registry) holds TLS
// lints and is not screened; the library's S/MIME lints are.
func TestScreenable(t *testing.T) {
	if ok, _ := Screenable(lint.GlobalRegistry()); ok {
		t.Error("the global registry (-all) is screened")
	}
	if ok, b := Screenable(knownRegistry(t)); !ok {
		t.Errorf("the known registry is not screened: %s", b)
	}
	tls, err := lint.GlobalRegistry().Filter(lint.FilterOptions{IncludeSources: lint.SourceList{lint.CABFBaselineRequirements}})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := Screenable(tls); ok {
		t.Error("the TLS BR registry is screened")
	}
	// The recommended registry is screened once every companion is scoped
	// to S/MIME certificates (smime.ScopedLint or the CABF_SMIME_BR source).
	ok, b := Screenable(recommendedRegistry())
	scoped := true
	for name := range lints.Companions {
		if l := recommendedRegistry().CertificateLints().ByName(name); l != nil && !screenKnows(l) {
			scoped = false
		}
	}
	if ok != scoped {
		t.Errorf("recommended registry: screened %v (blocker %q), companions scoped %v", ok, b, scoped)
	}
	t.Logf("recommended registry screened: %v (blocker %q)", ok, b)
}

func TestScreenDoesNotAllocate(t *testing.T) {
	cs := corpora(t)
	for _, cc := range []screenCorpus{cs[0], cs[len(cs)/2], cs[len(cs)-1]} {
		if n := testing.AllocsPerRun(20, func() { smime.MayBeInScope(cc.der) }); n != 0 {
			t.Errorf("%s: %v allocations", cc.name, n)
		}
	}
}

// FuzzScreen checks the superset property on mutated certificates: where
// the screen says skip and zcrypto parses, every known lint returns NA or
// NE, under each configuration. Besides the mutated DER, each input gives a
// certificate with one extension the screen reads (which) set to value, so
// that the mutations land where the screen and zcrypto could disagree.
//
//	go test -run '^$' -fuzz '^FuzzScreen$' .
func FuzzScreen(f *testing.F) {
	cs := corpora(f)
	for i := 0; i < len(cs); i += 7 {
		f.Add(cs[i].der, uint8(i), []byte{0x30, 0x03, 0x81, 0x01, 'a'})
	}
	ls := screenConfigs(f, knownRegistry(f))
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	check := func(t *testing.T, der []byte) {
		if smime.MayBeInScope(der) {
			return
		}
		c, err := ParseCertificate(der)
		if err != nil {
			return
		}
		for name, l := range ls {
			checkSkipped(t, name, l, c)
		}
	}
	f.Fuzz(func(t *testing.T, der []byte, which uint8, value []byte) {
		check(t, der)
		oid := screenFuzzExtensions[int(which)%len(screenFuzzExtensions)]
		tmpl := &stdx509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "fuzz"},
			NotBefore:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			NotAfter:     time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			// A CA with a subject of its own and no policies: whichever
			// extension value makes it an S/MIME CA, the CA lints apply.
			IsCA:                  which&0x80 != 0,
			BasicConstraintsValid: true,
			ExtraExtensions:       []pkix.Extension{{Id: oid, Value: value}},
		}
		issuer := &stdx509.Certificate{Subject: pkix.Name{CommonName: "issuer"}}
		*issuer = *tmpl
		issuer.Subject = pkix.Name{CommonName: "issuer"}
		cert, err := stdx509.CreateCertificate(rand.Reader, tmpl, issuer, &key.PublicKey, key)
		if err != nil {
			return // crypto/x509 refuses some values
		}
		check(t, cert)
	})
}

// screenFuzzExtensions are the extensions the screen reads.
var screenFuzzExtensions = []stdasn1.ObjectIdentifier{
	{2, 5, 29, 17}, {2, 5, 29, 18}, {2, 5, 29, 37}, {2, 5, 29, 32}, {2, 5, 29, 30},
}

// TestOptionsScreenable decides as NewLinter does: from the registry and
// Options.Config, where declared S/MIME CAs turn the screen off.
func TestOptionsScreenable(t *testing.T) {
	declared, err := ConfigTextWithDeclaredCAs("", []string{strings.Repeat("ab", 32)})
	if err != nil {
		t.Fatal(err)
	}
	recommended, _ := Screenable(recommendedRegistry())
	for _, tc := range []struct {
		name    string
		o       Options
		ok      bool
		blocker string // a part of the reason; "" when screened
	}{
		{"recommended", Options{}, recommended, ""},
		{"known registry", Options{Registry: knownRegistry(t)}, true, ""},
		{"declared CAs", Options{Registry: knownRegistry(t), Config: declared}, false, "smime_ca_sha256"},
		{"global registry", Options{Registry: lint.GlobalRegistry()}, false, "_"},
		{"unreadable configuration", Options{Registry: knownRegistry(t), Config: "[Global"}, false, "configuration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, b := tc.o.Screenable()
			if ok != tc.ok || !strings.Contains(b, tc.blocker) {
				t.Errorf("Screenable() = %v, %q; want %v, %q", ok, b, tc.ok, tc.blocker)
			}
			if l, err := NewLinter(tc.o); err == nil && l.screen != ok {
				t.Errorf("NewLinter screens: %v; Screenable: %v", l.screen, ok)
			}
		})
	}
}

// TestScopedLintsReadDeclaredCAs checks that every lint of the library that
// applies by a CA's S/MIME scope (its screenAudited condition) reads the
// declared S/MIME CAs: a Declared *smime.DeclaredCAs setting, which zlint
// fills from [Global]. A CA rule without it misses the declared roots.
func TestScopedLintsReadDeclaredCAs(t *testing.T) {
	want := reflect.TypeOf((*smime.DeclaredCAs)(nil))
	for name, cond := range screenAudited {
		// A lint that also needs id-kp-emailProtection needs the S/MIME
		// signal itself: a declaration cannot widen it.
		if !strings.Contains(cond, "IsSMIME") && !strings.Contains(cond, "InScope") || strings.Contains(cond, "emailProtection") {
			continue
		}
		l := lint.GlobalRegistry().CertificateLints().ByName(name)
		if l == nil {
			t.Errorf("%s is not registered", name)
			continue
		}
		c, ok := l.Lint().(lint.Configurable)
		if !ok {
			t.Errorf("%s (%s) takes no configuration, so no declared S/MIME CAs", name, cond)
			continue
		}
		f, ok := reflect.Indirect(reflect.ValueOf(c.Configure())).Type().FieldByName("Declared")
		if !ok || f.Type != want {
			t.Errorf("%s (%s) has no Declared %v setting", name, cond, want)
		}
	}
}
