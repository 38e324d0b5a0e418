package lints

import (
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_issuer_name_constraints_violated",
			Description: "With the issuing CA certificate known, every rfc822Name and SmtpUTF8Mailbox of the " +
				"subjectAltName lies within the issuer's rfc822Name and SmtpUTF8Mailbox permitted subtrees " +
				"and outside its excluded subtrees, domains compared as A-labels (ISS-05)",
			Citation:                "SBR v1.0.16 §7.1.5; RFC 5280 §4.2.1.10; RFC 9598 §6",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewIssuerNameConstraintsViolated,
	})
}

type issuerNameConstraintsViolated struct {
	Issuer string `comment:"The issuing CA certificate, base64 DER or PEM; empty when not known (then this rule does not apply)."`
}

// NewIssuerNameConstraintsViolated returns the name-constraint part of rule
// ISS-05.
func NewIssuerNameConstraintsViolated() lint.CertificateLintInterface {
	return &issuerNameConstraintsViolated{}
}

func (l *issuerNameConstraintsViolated) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *issuerNameConstraintsViolated) UnmarshalTOML(section any) error {
	return decodeSettings(section, l)
}

func (l *issuerNameConstraintsViolated) CheckApplies(c *x509.Certificate) bool {
	iss, ok := signedByIssuerInScope(c, l.Issuer)
	if !ok || !smime.HasNameConstraints(iss.Cert) {
		return false
	}
	ci := smime.Inspect(c)
	return len(smime.Inspect(iss.Cert).NameConstraints.EmailSubtrees()) > 0 && (len(ci.RFC822Names) > 0 || len(ci.Mailboxes) > 0)
}

func (l *issuerNameConstraintsViolated) Execute(c *x509.Certificate) *lint.LintResult {
	iss := issuerOf(l.Issuer)
	if v := smime.EmailConstraintViolations(smime.Inspect(c), &smime.Inspect(iss.Cert).NameConstraints); len(v) > 0 {
		if len(v) > maxListed {
			v = append(v[:maxListed], fmt.Sprintf("and %d more", len(v)-maxListed))
		}
		return errorf("%s", strings.Join(v, "; "))
	}
	return pass()
}

// maxListed bounds the addresses a finding lists.
const maxListed = 5
