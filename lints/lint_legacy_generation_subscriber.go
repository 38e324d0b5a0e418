package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_legacy_generation_subscriber",
			Description: "S/MIME subscriber certificates are not issued under the Legacy Generation " +
				"profiles 2.23.140.1.5.{1,2,3,4}.1 from 2025-07-15; subordinate CA certificates may " +
				"still carry those identifiers (SMC08-01)",
			Citation:      "SBR v1.0.16 §7.1.6.1, §7.1.6.3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC08LegacyBanDate,
		},
		Lint: NewLegacyGenerationSubscriber,
	})
}

type legacyGenerationSubscriber struct{}

// NewLegacyGenerationSubscriber returns the lint for rule SMC08-01. It
// supersedes upstream's e_legacy_generation_deprecated, which also fires on
// subordinate CA certificates.
func NewLegacyGenerationSubscriber() lint.CertificateLintInterface {
	return &legacyGenerationSubscriber{}
}

func (l *legacyGenerationSubscriber) CheckApplies(c *x509.Certificate) bool {
	return smime.HasReservedPolicy(c.PolicyIdentifiers) && smime.RoleOf(c) == smime.Subscriber
}

func (l *legacyGenerationSubscriber) Execute(c *x509.Certificate) *lint.LintResult {
	p, legacy := smime.LegacyPolicyOf(c)
	if !legacy {
		return pass()
	}
	return errorf("policy %s in a subscriber certificate issued %s; Legacy profiles are banned from %s",
		p, day(c.NotBefore), day(smime.SMC08LegacyBanDate))
}
