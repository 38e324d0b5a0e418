// Package zlintsmime lints certificates against the CA/Browser Forum S/MIME
// Baseline Requirements with zlint's S/MIME lints and zlint-smime's own, in
// one call. Pre-issuance hooks and other programs use it:
//
//	findings, err := zlintsmime.LintDER(der)
//
// Settings such as a lint configuration or the Cross Certificate flag
// belong to a Linter the caller owns (NewLinter), never to a registry
// shared by the process:
//
//	cross, err := zlintsmime.NewLinter(zlintsmime.Options{CrossCertificate: true})
//	findings, err := cross.LintDER(der)
//
// Programs that run zlint themselves import the lints package instead and
// select the "smimelint_recommended" profile.
package zlintsmime

//go:generate go run ./internal/fixtures/gen -out testdata

import (
	"fmt"
	"sort"
	"sync"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/lints"
	"github.com/smimelint/zlint-smime/smime"
)

// Finding is one lint result other than pass, NA or NE.
type Finding struct {
	Lint     string          `json:"lint"`
	Status   lint.LintStatus `json:"status"`
	Details  string          `json:"details,omitempty"`
	Citation string          `json:"citation,omitempty"`
	Source   lint.LintSource `json:"source"`
}

// recommended is the library's own copy of the recommended registry, which
// it never hands out, so no caller can change its configuration.
var recommended = sync.OnceValues(newRecommended)

func newRecommended() (lint.Registry, error) {
	return lint.GlobalRegistry().Filter(lint.FilterOptions{IncludeNames: lints.Recommended()})
}

func recommendedRegistry() lint.Registry {
	r, err := recommended()
	if err != nil {
		// Every name comes from the global registry itself, so Filter cannot
		// fail unless zlint changes: a bug, not an input problem.
		panic("zlintsmime: building the recommended registry: " + err.Error())
	}
	return r
}

// emptyConfig is every lint at its default; the Configuration value is
// only read.
var emptyConfig = lint.NewEmptyConfig()

// Registry returns a new copy of the recommended registry: upstream zlint's
// CABF_SMIME_BR lints and the library's, without the upstream lints the
// library supersedes (lints.Superseded says which and why). Each call
// returns a registry of its own, so a configuration set on it
// (SetConfiguration) reaches no other caller; Lint and LintDER never use it.
// To lint with settings, build a Linter.
func Registry() lint.Registry {
	r, err := newRecommended()
	if err != nil {
		panic("zlintsmime: building the recommended registry: " + err.Error())
	}
	return r
}

// Lint runs the recommended registry on c, every lint at its default, and
// returns its findings, sorted by lint name.
func Lint(c *x509.Certificate) []Finding {
	return lintCertificate(recommendedRegistry(), emptyConfig, c)
}

// LintDER parses one DER certificate and runs the recommended registry on
// it. It skips, unparsed, a certificate no lint of the registry could apply
// to (Linter.LintDER says when).
func LintDER(der []byte) ([]Finding, error) {
	if recommendedScreen() && !smime.MayBeInScope(der) {
		return nil, nil
	}
	c, err := ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return Lint(c), nil
}

// ParseCertificate parses one DER certificate with zcrypto, the parser zlint
// uses, and turns a parser panic on hostile input into an error.
func ParseCertificate(der []byte) (*x509.Certificate, error) {
	return parseDER("certificate", der, x509.ParseCertificate)
}

// ParseTBSCertificate parses a bare DER TBSCertificate: it is wrapped with
// its own signature AlgorithmIdentifier and an empty signature
// (smime.WrapTBS), which the lints recognise as no signature at all.
func ParseTBSCertificate(tbs []byte) (*x509.Certificate, error) {
	der, err := smime.WrapTBS(tbs)
	if err != nil {
		return nil, fmt.Errorf("parsing TBSCertificate: %w", err)
	}
	return parseDER("TBSCertificate", der, x509.ParseCertificate)
}

// ParseTBSRevocationList parses a bare DER TBSCertList the same way.
func ParseTBSRevocationList(tbs []byte) (*x509.RevocationList, error) {
	der, err := smime.WrapTBS(tbs)
	if err != nil {
		return nil, fmt.Errorf("parsing TBSCertList: %w", err)
	}
	return parseDER("TBSCertList", der, x509.ParseRevocationList)
}

// parseDER parses der with zcrypto's parse, naming what in its errors, and
// turns a parser panic on hostile input into an error.
func parseDER[T any](what string, der []byte, parse func([]byte) (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			var zero T
			v, err = zero, fmt.Errorf("parsing %s: parser panicked: %v", what, r)
		}
	}()
	if len(der) == 0 {
		return v, fmt.Errorf("parsing %s: empty input", what)
	}
	if v, err = parse(der); err != nil {
		var zero T
		return zero, fmt.Errorf("parsing %s: %w", what, err)
	}
	return v, nil
}

// LintWith runs every certificate lint of r on c, with r's configuration,
// and returns the findings, sorted by lint name. A lint that returns no result is reported as Fatal,
// never skipped.
func LintWith(r lint.Registry, c *x509.Certificate) []Finding {
	return lintCertificate(r, r.GetConfiguration(), c)
}

func lintCertificate(r lint.Registry, cfg lint.Configuration, c *x509.Certificate) []Finding {
	var findings []Finding
	for _, l := range r.CertificateLints().Lints() {
		findings = appendFinding(findings, &l.LintMetadata, l.Execute(c, cfg))
	}
	return sortFindings(findings)
}

// appendFinding appends res unless it is pass, NA or NE.
func appendFinding(findings []Finding, l *lint.LintMetadata, res *lint.LintResult) []Finding {
	if res == nil {
		res = &lint.LintResult{Status: lint.Fatal, Details: "lint returned no result"}
	}
	if res.Status <= lint.Pass {
		return findings
	}
	return append(findings, Finding{
		Lint:     l.Name,
		Status:   res.Status,
		Details:  res.Details,
		Citation: l.Citation,
		Source:   l.Source,
	})
}

func sortFindings(findings []Finding) []Finding {
	sort.Slice(findings, func(i, j int) bool { return findings[i].Lint < findings[j].Lint })
	return findings
}

// LintRevocationList runs the recommended registry's revocation-list lints
// on a CRL (SBR §7.2.2 and §7.1.3.2) and returns the findings, sorted by lint
// name. The CRL alone does not show that it is an S/MIME CA's: give it the
// CRLs of S/MIME CAs.
func LintRevocationList(r *x509.RevocationList) []Finding {
	return lintRevocationList(recommendedRegistry(), emptyConfig, r)
}

// LintRevocationListWith runs every revocation-list lint of reg on r, with
// reg's configuration.
func LintRevocationListWith(reg lint.Registry, r *x509.RevocationList) []Finding {
	return lintRevocationList(reg, reg.GetConfiguration(), r)
}

func lintRevocationList(reg lint.Registry, cfg lint.Configuration, r *x509.RevocationList) []Finding {
	var findings []Finding
	for _, l := range reg.RevocationListLints().Lints() {
		findings = appendFinding(findings, &l.LintMetadata, l.Execute(r, cfg))
	}
	return sortFindings(findings)
}

// LintCRLDER parses one DER CRL and runs the recommended registry on it.
func LintCRLDER(der []byte) ([]Finding, error) {
	r, err := ParseRevocationList(der)
	if err != nil {
		return nil, err
	}
	return LintRevocationList(r), nil
}

// ParseRevocationList parses one DER CRL with zcrypto, and turns a parser
// panic on hostile input into an error.
func ParseRevocationList(der []byte) (*x509.RevocationList, error) {
	return parseDER("CRL", der, x509.ParseRevocationList)
}
