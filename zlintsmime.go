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
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/lints"
	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
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
// to (Linter.LintDER says when), and a certificate whose subject public key
// zcrypto cannot parse is still linted (LintDERWith says how).
func LintDER(der []byte) ([]Finding, error) {
	if recommendedScreen() && !smime.MayBeInScope(der) {
		return nil, nil
	}
	return lintDER(recommendedRegistry(), emptyConfig, der)
}

// SPKILint is the lint whose finding LintDERWith reports, from the raw DER,
// for a subject public key that zcrypto cannot parse.
const SPKILint = "e_smimelint_spki_algorithm_encoding"

// LintDERWith parses one DER certificate and runs every certificate lint of
// r on it.
//
// zcrypto refuses a whole certificate whose subject public key it cannot
// parse, e.g. a brainpool curve ("x509: unsupported elliptic curve"), so
// nothing would be linted; yet such a key in an S/MIME certificate is
// exactly what SBR §6.1.5 and §7.1.3.1 forbid. When the certificate parses
// with its subjectPublicKeyInfo replaced, LintDERWith therefore:
//
//   - reports SPKILint's finding, if r holds it and it applies (S/MIME scope,
//     effective date), from the raw AlgorithmIdentifier with the lint's own
//     check (smime.SPKIAlgorithmProblem), or, for a permitted algorithm
//     whose key zcrypto refuses (e.g. an RSA key with a negative exponent),
//     saying that the key does not parse;
//   - lints the rest: it runs r twice, once with each of two placeholder keys
//     of different types (smime.PlaceholderSPKIs, RSA 2048 and P-256), and
//     keeps only the findings that both runs give word for word. A result
//     that depends on the key (key size, key type against keyUsage or the
//     signature algorithm, the SPKI encoding) differs between the two
//     placeholders or is a pass in both, so no finding comes from a
//     placeholder; the key rules are in effect not evaluated (NE). What
//     zcrypto derives from the key by itself is set from the real
//     certificate instead: the fingerprints, and SelfSigned, which it finds
//     by verifying the signature and is taken as "self-issued".
//
// Any other parse failure is returned as the error.
func LintDERWith(r lint.Registry, der []byte) ([]Finding, error) {
	return lintDER(r, r.GetConfiguration(), der)
}

// lintDER is LintDERWith with the configuration given.
func lintDER(r lint.Registry, cfg lint.Configuration, der []byte) ([]Finding, error) {
	c, err := ParseCertificate(der)
	if err == nil {
		return lintCertificate(r, cfg, c), nil
	}
	if findings, ok := lintUnparsableKey(r, cfg, der, err); ok {
		return findings, nil
	}
	return nil, err
}

// lintUnparsableKey lints der, which zcrypto refused with parseErr, with
// placeholder keys; ok is false when the key is not what zcrypto refused.
func lintUnparsableKey(r lint.Registry, cfg lint.Configuration, der []byte, parseErr error) (findings []Finding, ok bool) {
	var runs [len(smime.PlaceholderSPKIs)][]Finding
	var c *x509.Certificate
	var original []byte
	tbs, ok := smime.TBSOf(der)
	if !ok {
		return nil, false
	}
	for i, placeholder := range smime.PlaceholderSPKIs {
		replaced, spki, err := smime.ReplaceSPKI(der, placeholder)
		if err != nil {
			return nil, false
		}
		if c, err = ParseCertificate(replaced); err != nil {
			return nil, false
		}
		// The fingerprints identify the certificate, not the placeholder:
		// a declared S/MIME CA (smime.DeclaredCAs) is recognised by them.
		c.FingerprintSHA256 = x509.SHA256Fingerprint(der)
		c.SPKIFingerprint = x509.SHA256Fingerprint(spki)
		// zcrypto sets SelfSigned by verifying the signature, which no
		// placeholder key verifies, so every placeholder run would agree
		// that a root is not self-signed (upstream lints then ask roots for
		// an authorityKeyIdentifier). Without the key, self-issued is the
		// best evidence, as smime.RoleOf holds too.
		c.SelfSigned = bytes.Equal(c.RawSubject, c.RawIssuer)
		// The signature is over the certificate's own TBSCertificate, not
		// the one with the placeholder: with it, the issuing CA's key
		// verifies the signature (n_smimelint_issuer_signature_not_verified),
		// as it does for the signed certificate. The fields before the
		// subjectPublicKeyInfo, which lints read from it, are the same.
		c.RawTBSCertificate = tbs
		original, runs[i] = spki, lintCertificate(r, cfg, c)
	}
	for _, f := range runs[0] {
		if slices.Contains(runs[1], f) {
			findings = append(findings, f)
		}
	}
	l := r.CertificateLints().ByName(SPKILint)
	if l == nil {
		return sortFindings(findings), true
	}
	// Configured as zlint would, so that declared S/MIME CAs are in scope.
	inst := l.Lint()
	if err := cfg.MaybeConfigure(inst, l.Name); err != nil {
		return sortFindings(append(findings, Finding{Lint: l.Name, Status: lint.Fatal, Details: err.Error(), Citation: l.Citation, Source: l.Source})), true
	}
	if !inst.CheckApplies(c) || !l.CheckEffective(c) {
		return sortFindings(findings), true
	}
	// The algorithm decides first; a permitted algorithm whose key zcrypto
	// still refuses (an RSA key with a negative exponent, an EC point off
	// the curve) holds a key no S/MIME certificate may hold either (SBR
	// §6.1.5, §6.1.6), so it is reported too, never passed in silence.
	// zcrypto's reason, without parseDER's "parsing certificate: " or
	// "parsing TBSCertificate: ", so that both give the same words.
	reason := parseErr.Error()
	if inner := errors.Unwrap(parseErr); inner != nil {
		reason = inner.Error()
	}
	details := ""
	if alg, err := smime.SPKIAlgorithmOf(original); err != nil {
		details = err.Error()
	} else if details = smime.SPKIAlgorithmProblem(alg, c.NotBefore); details == "" {
		details = "the subjectPublicKeyInfo algorithm is permitted, but its key does not parse"
	}
	findings = append(findings, Finding{
		Lint:   l.Name,
		Status: lint.Error,
		// zcrypto's reason can be an asn1 structure dump of any length, or
		// quote the input: util.Quote escapes and bounds it.
		Details:  details + "; zcrypto cannot parse the key (" + util.Quote(reason) + "), so the rules on the key itself were not evaluated",
		Citation: l.Citation,
		Source:   l.Source,
	})
	return sortFindings(findings), true
}

// ParseCertificate parses one DER certificate with zcrypto, the parser zlint
// uses, and turns a parser panic on hostile input into an error.
func ParseCertificate(der []byte) (*x509.Certificate, error) {
	c, err := parseDER("certificate", der, x509.ParseCertificate)
	if err == nil {
		selfSignedByShape(c)
	}
	return c, err
}

// selfSignedByShape sets SelfSigned on a self-issued certificate whose
// signature cannot be real (a bare TBS, a dummy signature): zcrypto finds
// SelfSigned by verifying the signature, which such a certificate cannot
// pass, and upstream lints would then ask a root for an
// authorityKeyIdentifier that the signed root will not need.
func selfSignedByShape(c *x509.Certificate) {
	if !c.SelfSigned && smime.SignatureCannotBeReal(c.Signature) && bytes.Equal(c.RawSubject, c.RawIssuer) {
		c.SelfSigned = true
	}
}

// ParseTBSCertificate parses a bare DER TBSCertificate: it is wrapped with
// its own signature AlgorithmIdentifier and an empty signature
// (smime.WrapTBS), which the lints recognise as no signature at all.
func ParseTBSCertificate(tbs []byte) (*x509.Certificate, error) {
	der, err := smime.WrapTBS(tbs)
	if err != nil {
		return nil, fmt.Errorf("parsing TBSCertificate: %w", err)
	}
	c, err := parseDER("TBSCertificate", der, x509.ParseCertificate)
	if err == nil {
		selfSignedByShape(c)
	}
	return c, err
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
