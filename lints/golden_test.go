package lints_test

// The golden matrix, testdata/golden.json, records what every lint of the
// library says about every fixture in testdata: a JSON object keyed by
// fixture file, each value an object keyed by lint name whose value is
// "<status>" or "<status>: <details>", with statuses as
// lint.LintStatus.String() writes them. NA entries are omitted to keep the
// file readable: a lint absent from a fixture's object returned NA.
//
// "go test ./... -update" rewrites the file after a fixture or a lint
// changes; the diff then shows every result that moved. The file is a
// cross-check, not the record of what is right: each fixture's row in
// internal/fixtures declares every finding it expects from every lint of the
// library (its own rule's Expect, also(...) for the others, and no finding
// from the rest), and checkDeclared holds the lints to that.

import (
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/internal/fixtures"
	"github.com/smimelint/zlint-smime/internal/golden"
	"github.com/smimelint/zlint-smime/lints"
)

const (
	testdata   = "../testdata"
	goldenFile = testdata + "/golden.json"
)

// matrix maps fixture file → lint name → "<status>[: <details>]".
type matrix map[string]map[string]string

// TestGolden runs every lint of the library on every fixture and compares
// the results with the golden matrix, then checks the invariants the README
// promises: each lint returns only the non-pass status its name prefix
// announces, never Fatal or nothing, and has fixtures for pass, a finding,
// NA and NE.
func TestGolden(t *testing.T) {
	got := lintDir(t, testdata)
	if *golden.Update {
		writeGolden(t, got)
	}
	if diff := cmp.Diff(readGolden(t), got); diff != "" {
		t.Errorf("lint results differ from %s (-golden +got); after checking the change, run go test ./... -update:\n%s", goldenFile, diff)
	}
	checkStatuses(t, got)
	checkCoverage(t, got)
	checkDeclared(t, got)
}

// checkDeclared holds every fixture to its declaration, whatever -update
// wrote: a finding from the lint of its rule if it expects Fail, one from the
// lint of each rule its row names in also(...), and from every other lint of
// the library pass, NA or NE. The lint of the fixture's own rule is
// TestFixtureExpectations' to check.
func checkDeclared(t *testing.T, got matrix) {
	t.Helper()
	ours := slices.Concat(lints.Ours(), lints.OursCRL())
	for _, f := range fixtures.All() {
		results, ok := got[f.File]
		if !ok {
			continue // TestFixturesRegenerate reports a fixture not generated
		}
		also := map[string]fixtures.Rule{}
		for _, r := range f.Also() {
			switch {
			case r.Lint == f.Rule.Lint:
				t.Errorf("%s: also(…, %s) names the fixture's own rule; its Expect declares that lint's result", f.File, r.Lint)
			case !slices.Contains(ours, r.Lint):
				t.Errorf("%s: also(…) names rule %s with lint %q, which is no lint of the library", f.File, r.ID, r.Lint)
			}
			also[r.Lint] = r
		}
		for _, name := range ours {
			if name == f.Rule.Lint {
				continue
			}
			entry := results[name]
			r, declared := also[name]
			switch finding := isFinding(status(entry)); {
			case finding && !declared:
				t.Errorf("%s: %s reports a finding the fixture does not declare:\n\t%s\n"+
					"\tIf the fixture should get it, declare it on the fixture's row in %s: write the builder as\n"+
					"\talso(<builder>, <the Rule variable whose Lint is %s>) and say why in the Change text or a\n"+
					"\tcomment. If it should not, fix the lint or the fixture.",
					f.File, name, entry, rowFile(f.File), name)
			case declared && !finding:
				t.Errorf("%s: the row in %s declares also(…, %s), but %s returned %s; remove it from also(…) if that is right",
					f.File, rowFile(f.File), r.ID, name, status(entry))
			}
		}
	}
}

// rowFile names the file of internal/fixtures that declares a fixture, for
// the messages of checkDeclared.
func rowFile(fixture string) string {
	paths, _ := filepath.Glob("../internal/fixtures/list*.go")
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil && strings.Contains(string(src), `{"`+fixture+`",`) {
			return "internal/fixtures/" + filepath.Base(p)
		}
	}
	return "internal/fixtures/list*.go"
}

// TestFixturesRegenerate regenerates the fixtures from the list and checks
// that they give the golden matrix, so that a change to the fixture list
// without go generate is caught.
func TestFixturesRegenerate(t *testing.T) {
	dir := t.TempDir()
	if err := fixtures.Generate(dir); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(readGolden(t), lintDir(t, dir)); diff != "" {
		t.Errorf("regenerated fixtures differ from %s (-golden +regenerated); run go generate ./... and go test ./... -update:\n%s", goldenFile, diff)
	}
}

// TestFixtureExpectations checks that every fixture gets from the lint of
// its rule what the fixture list says it expects, and that its notBefore is
// on the declared side of that lint's effective date. A baseline expects no
// finding from any lint of the library.
func TestFixtureExpectations(t *testing.T) {
	want := readGolden(t)
	ours := slices.Concat(lints.Ours(), lints.OursCRL())
	for _, f := range fixtures.All() {
		results, ok := want[f.File]
		if !ok {
			t.Errorf("%s: not in %s", f.File, goldenFile)
			continue
		}
		if f.Rule.Lint == "" {
			for name, r := range results {
				if isFinding(status(r)) {
					t.Errorf("%s: baseline has a finding: %s: %s", f.File, name, r)
				}
			}
			continue
		}
		if !slices.Contains(ours, f.Rule.Lint) {
			t.Errorf("%s: rule %s names %s, which is no lint of the library", f.File, f.Rule.ID, f.Rule.Lint)
			continue
		}
		got := status(results[f.Rule.Lint])
		if !expectationMet(f.Expect, got) {
			t.Errorf("%s: %s expected %s, got %s", f.File, f.Rule.Lint, f.Expect, results[f.Rule.Lint])
		}
		checkSide(t, f)
	}
}

func expectationMet(e fixtures.Expect, got string) bool {
	switch e {
	case fixtures.Pass:
		return got == lint.Pass.String()
	case fixtures.Fail:
		return isFinding(got) // checkStatuses holds it to the lint's prefix
	case fixtures.NA:
		return got == lint.NA.String()
	case fixtures.NE:
		return got == lint.NE.String()
	}
	return false
}

func checkSide(t *testing.T, f fixtures.Fixture) {
	t.Helper()
	if f.Side == fixtures.Undated {
		return
	}
	l := lints.Metadata(f.Rule.Lint)
	date := fixtureDate(t, filepath.Join(testdata, f.File))
	in := !date.Before(l.EffectiveDate) && (l.IneffectiveDate.IsZero() || date.Before(l.IneffectiveDate))
	if in != (f.Side == fixtures.OnOrAfter) {
		t.Errorf("%s: %s is not %s the effective period of %s", f.File, date, f.Side, f.Rule.Lint)
	}
}

// fixtureDate is the date zlint compares with a lint's effective date: a
// certificate's notBefore, a CRL's thisUpdate.
func fixtureDate(t *testing.T, path string) time.Time {
	t.Helper()
	f := readFixture(t, path)
	if f.crl != nil {
		return f.crl.ThisUpdate
	}
	return f.cert.NotBefore
}

// lintDir runs every lint of the library on every .pem file of dir: the
// certificate lints on certificates, the revocation-list lints on CRLs.
func lintDir(t *testing.T, dir string) matrix {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no fixtures in %s; run go generate ./...", dir)
	}
	certLints := lint.GlobalRegistry().CertificateLints()
	crlLints := lint.GlobalRegistry().RevocationListLints()
	cross := crossConfig(t)
	m := make(matrix, len(paths))
	for _, path := range paths {
		results := make(map[string]string)
		switch f := readFixture(t, path); {
		case f.crl != nil:
			for _, name := range lints.OursCRL() {
				record(results, name, crlLints.ByName(name).Execute(f.crl, lint.NewEmptyConfig()))
			}
		default:
			cfg := lint.NewEmptyConfig()
			switch {
			case f.issuer != "":
				cfg = issuerConfig(t, filepath.Join(dir, f.issuer), f.cross)
			case f.cross:
				cfg = cross
			}
			for _, name := range lints.Ours() {
				record(results, name, certLints.ByName(name).Execute(f.cert, cfg))
			}
		}
		m[filepath.Base(path)] = results
	}
	return m
}

// issuerConfig sets Issuer to the certificate of the fixture at path for
// every lint of the library that takes it, as zlintsmime.Options.Issuer
// does, and cross_certificate = true too when cross is set.
func issuerConfig(t *testing.T, path string, cross bool) lint.Configuration {
	t.Helper()
	issuer := readFixture(t, path).cert
	if issuer == nil {
		t.Fatalf("%s: the issuer fixture is no certificate", path)
	}
	var b strings.Builder
	for _, name := range lints.Ours() {
		b.WriteString("[" + name + "]\n")
		if hasSetting(name, "Issuer") {
			b.WriteString("Issuer = \"" + base64.StdEncoding.EncodeToString(issuer.Raw) + "\"\n")
		}
		if cross && hasSetting(name, "CrossCertificate") {
			b.WriteString("cross_certificate = true\n")
		}
	}
	cfg, err := lint.NewConfig(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// crossConfig sets cross_certificate = true for every lint of the library
// that takes it: how a CA or CT monitor lints a known Cross Certificate.
func crossConfig(t *testing.T) lint.Configuration {
	t.Helper()
	var b strings.Builder
	for _, name := range lints.Ours() {
		if hasSetting(name, "CrossCertificate") {
			b.WriteString("[" + name + "]\ncross_certificate = true\n")
		}
	}
	cfg, err := lint.NewConfig(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// hasSetting reports whether the lint of that name has the configuration
// field: the library's lints refuse keys they do not have.
func hasSetting(name, field string) bool {
	c, ok := lint.GlobalRegistry().CertificateLints().ByName(name).Lint().(lint.Configurable)
	if !ok {
		return false
	}
	_, ok = reflect.Indirect(reflect.ValueOf(c.Configure())).Type().FieldByName(field)
	return ok
}

// record writes one result into a fixture's row; NA is left out.
func record(results map[string]string, name string, res *lint.LintResult) {
	switch {
	case res == nil:
		results[name] = "fatal: lint returned no result"
	case res.Status == lint.NA:
	case res.Details == "":
		results[name] = res.Status.String()
	default:
		results[name] = res.Status.String() + ": " + res.Details
	}
}

// fixtureFile is a fixture as read from testdata: a certificate or a CRL,
// and whether its header marks it as a Cross Certificate.
type fixtureFile struct {
	cert  *x509.Certificate
	crl   *x509.RevocationList
	cross bool
	// issuer is the fixture file of the certificate's issuer when the
	// fixture is linted with it (fixtures.IssuerCertLine).
	issuer string
}

// readFixture reads and parses the fixture at path.
func readFixture(t *testing.T, path string) fixtureFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := fixtureFile{cross: strings.Contains(string(data), "\n# "+fixtures.CrossConfigLine+"\n")}
	if _, rest, ok := strings.Cut(string(data), "\n# "+fixtures.IssuerCertLine); ok {
		f.issuer, _, _ = strings.Cut(rest, "\n")
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("%s: no PEM block", path)
	}
	switch block.Type {
	case "CERTIFICATE":
		f.cert, err = x509.ParseCertificate(block.Bytes)
	case "X509 CRL":
		f.crl, err = x509.ParseRevocationList(block.Bytes)
	default:
		t.Fatalf("%s: PEM block %q is neither CERTIFICATE nor X509 CRL", path, block.Type)
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

func readGolden(t *testing.T) matrix {
	t.Helper()
	data, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (run go test ./... -update to create it)", err)
	}
	var m matrix
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", goldenFile, err)
	}
	return m
}

func writeGolden(t *testing.T, m matrix) {
	t.Helper()
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goldenFile, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// status returns the status part of a matrix entry; "" is NA.
func status(entry string) string {
	if entry == "" {
		return lint.NA.String()
	}
	s, _, _ := strings.Cut(entry, ": ")
	return s
}

// isFinding reports whether a status is a finding: neither pass, NA nor NE.
func isFinding(s string) bool {
	return s != lint.Pass.String() && s != lint.NA.String() && s != lint.NE.String()
}

// prefixStatus is the only finding a lint may return, by name prefix.
var prefixStatus = map[string]string{
	"e_": lint.Error.String(),
	"w_": lint.Warn.String(),
	"n_": lint.Notice.String(),
}

func checkStatuses(t *testing.T, m matrix) {
	t.Helper()
	for _, file := range slices.Sorted(maps.Keys(m)) {
		for _, name := range slices.Sorted(maps.Keys(m[file])) {
			entry := m[file][name]
			switch s := status(entry); {
			case s == lint.Fatal.String():
				t.Errorf("%s: %s is fatal: %s", file, name, entry)
			case isFinding(s) && s != prefixStatus[name[:2]]:
				t.Errorf("%s: %s returned %q; its prefix allows only %q", file, name, entry, prefixStatus[name[:2]])
			}
		}
	}
}

// checkCoverage checks that each lint of the library passes on some
// fixture, reports on some, and returns NA and NE on some, counting only the
// fixtures of its kind: certificates for certificate lints, CRLs for
// revocation-list lints. A lint in appliesToEvery needs no NA fixture.
func checkCoverage(t *testing.T, m matrix) {
	t.Helper()
	crls := map[string]bool{}
	for _, f := range fixtures.All() {
		crls[f.File] = f.IsCRL()
	}
	for _, kind := range []struct {
		crl   bool
		names []string
	}{{false, lints.Ours()}, {true, lints.OursCRL()}} {
		for _, name := range kind.names {
			seen := map[string]bool{}
			for file, results := range m {
				if crls[file] != kind.crl {
					continue
				}
				s := status(results[name])
				if isFinding(s) {
					s = "finding"
				}
				seen[s] = true
			}
			var missing []string
			for _, s := range []string{lint.Pass.String(), "finding", lint.NA.String(), lint.NE.String()} {
				if _, every := appliesToEvery[name]; !seen[s] && !(s == lint.NA.String() && every) {
					missing = append(missing, s)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s: no fixture gives %s; add them to internal/fixtures/", name, strings.Join(missing, ", "))
			}
		}
	}
}

// appliesToEvery are the lints that apply to every input of their kind, with
// the reason; they can have no NA fixture.
var appliesToEvery = map[string]string{
	"e_smimelint_crl_signature_algorithm_encoding": "a CRL does not show whether its issuer is an S/MIME CA, so " +
		"every CRL given to the library is taken for one",
}
