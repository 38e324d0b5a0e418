package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subscriber_eku_realignment",
			Description: "From 2027-07-01, Multipurpose and Legacy subscriber certificates carry " +
				"only id-kp-emailProtection and, optionally, id-kp-clientAuth in their " +
				"extKeyUsage (EKU-SUB, ballot SMC018)",
			Citation:      "SBR v1.0.16 §7.1.2.3(f)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC018EKURealignmentDate,
		},
		Lint: NewSubscriberEKURealignment,
	})
}

type subscriberEKURealignment struct{}

// NewSubscriberEKURealignment returns the 2027 part of rule EKU-SUB; the
// rest is upstream's e_smime_legacy_multipurpose_eku_check.
func NewSubscriberEKURealignment() lint.CertificateLintInterface {
	return &subscriberEKURealignment{}
}

func (l *subscriberEKURealignment) CheckApplies(c *x509.Certificate) bool {
	return hasGeneration(c, smime.Multipurpose, smime.Legacy) && smime.Inspect(c).EKU.Present
}

func (l *subscriberEKURealignment) Execute(c *x509.Certificate) *lint.LintResult {
	if other, ok := smime.Inspect(c).EKU.OutsideRealigned(); ok {
		return errorf("extKeyUsage holds %s in a %s subscriber certificate issued %s; from %s only "+
			"id-kp-emailProtection and id-kp-clientAuth are allowed", smime.EKUName(other),
			smime.Inspect(c).Class.Generation(), day(c.NotBefore), day(smime.SMC018EKURealignmentDate))
	}
	return pass()
}
