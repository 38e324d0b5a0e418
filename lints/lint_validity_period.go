package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_validity_period_too_long",
			Description: "The validity period of a subscriber certificate is at most 825 days for " +
				"Strict and Multipurpose and 1185 days for Legacy, a day being 86,400 seconds and " +
				"any part of a day counting as a day; notAfter is inclusive (OTH-01)",
			Citation:      "SBR v1.0.16 §6.3.2; RFC 5280 §4.1.2.5",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewValidityPeriodTooLong,
	})
}

type validityPeriodTooLong struct{}

// NewValidityPeriodTooLong returns the Error half of rule OTH-01.
func NewValidityPeriodTooLong() lint.CertificateLintInterface { return &validityPeriodTooLong{} }

func (l *validityPeriodTooLong) CheckApplies(c *x509.Certificate) bool {
	return hasKnownGeneration(c)
}

func (l *validityPeriodTooLong) Execute(c *x509.Certificate) *lint.LintResult {
	v := smime.ValidityOf(c)
	if v.Period > v.Max {
		return errorf("%s validity period is %s, more than the %s maximum of %d days",
			v.Generation, v.Describe(), v.Generation, v.MaxDays)
	}
	return pass()
}
