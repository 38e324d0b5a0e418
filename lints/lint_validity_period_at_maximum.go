package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "w_smimelint_validity_period_at_maximum",
			Description: "Subscriber certificates should not be issued for the maximum permissible " +
				"validity period (825 or 1185 days exactly), to leave room for the rule that any " +
				"part of a day counts as a day (OTH-01)",
			Citation:      "SBR v1.0.16 §6.3.2",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewValidityPeriodAtMaximum,
	})
}

type validityPeriodAtMaximum struct{}

// NewValidityPeriodAtMaximum returns the Warn half of rule OTH-01.
func NewValidityPeriodAtMaximum() lint.CertificateLintInterface { return &validityPeriodAtMaximum{} }

func (l *validityPeriodAtMaximum) CheckApplies(c *x509.Certificate) bool {
	return hasKnownGeneration(c)
}

func (l *validityPeriodAtMaximum) Execute(c *x509.Certificate) *lint.LintResult {
	v := smime.ValidityOf(c)
	if v.Period == v.Max {
		return warnf("%s validity period is exactly the maximum of %d days", v.Generation, v.MaxDays)
	}
	return pass()
}
