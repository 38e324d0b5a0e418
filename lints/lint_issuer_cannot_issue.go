package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_issuer_cannot_issue",
			Description: "With the issuing CA certificate known, the issuer may issue the certificate: its " +
				"keyUsage, when present, asserts keyCertSign, and a pathLenConstraint of 0 leaves no room " +
				"for a CA certificate below it (ISS-06)",
			Citation:                "RFC 5280 §4.2.1.3, §4.2.1.9; SBR v1.0.16 §7.1.2.1(b), §7.1.2.2(e)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewIssuerCannotIssue,
	})
}

type issuerCannotIssue struct {
	Issuer string `comment:"The issuing CA certificate, base64 DER or PEM; empty when not known (then this rule does not apply)."`
}

// NewIssuerCannotIssue returns the lint for rule ISS-06. The issuer's
// basicConstraints cA is checked when the issuer is given: a certificate
// that is not a CA is refused as an issuer, with the reason.
func NewIssuerCannotIssue() lint.CertificateLintInterface { return &issuerCannotIssue{} }

func (l *issuerCannotIssue) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *issuerCannotIssue) UnmarshalTOML(section any) error { return decodeSettings(section, l) }

func (l *issuerCannotIssue) CheckApplies(c *x509.Certificate) bool {
	_, ok := signedByIssuerInScope(c, l.Issuer)
	return ok
}

func (l *issuerCannotIssue) Execute(c *x509.Certificate) *lint.LintResult {
	iss := issuerOf(l.Issuer).Cert
	subject := util.Quote(iss.Subject.String())
	switch {
	case smime.HasKeyUsage(iss) && iss.KeyUsage&x509.KeyUsageCertSign == 0:
		return errorf("the issuing CA %s has a keyUsage without keyCertSign (%s), so it cannot sign certificates",
			subject, smime.KeyUsageNames(iss.KeyUsage))
	case c.IsCA && smime.RoleOf(c) != smime.Root && iss.MaxPathLen == 0:
		return errorf("the issuing CA %s has pathLenConstraint 0, which allows no CA certificate below it, "+
			"yet this certificate is a CA certificate", subject)
	}
	return pass()
}
