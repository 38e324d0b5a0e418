package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "w_smimelint_subscriber_certificate_policies_critical",
			Description: "The certificatePolicies extension of an S/MIME subscriber certificate is not " +
				"marked critical (OTH-14)",
			Citation:      "SBR v1.0.16 §7.1.2.3(a)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubscriberCertificatePoliciesCritical,
	})
}

type subscriberCertificatePoliciesCritical struct{}

// NewSubscriberCertificatePoliciesCritical returns the criticality part of
// rule OTH-14. The reserved policy count is upstream's
// e_exactly_one_smime_policy.
func NewSubscriberCertificatePoliciesCritical() lint.CertificateLintInterface {
	return &subscriberCertificatePoliciesCritical{}
}

func (l *subscriberCertificatePoliciesCritical) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDCertificatePolicies)
	return present && isSMIMESubscriber(c)
}

func (l *subscriberCertificatePoliciesCritical) Execute(c *x509.Certificate) *lint.LintResult {
	if _, critical := smime.Extension(c, smime.OIDCertificatePolicies); critical {
		return warnf("certificatePolicies is marked critical; SBR §7.1.2.3(a) says it SHOULD NOT be")
	}
	return pass()
}
