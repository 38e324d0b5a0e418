package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name:                    "w_smimelint_subca_eku_critical",
			Description:             "The extKeyUsage of an S/MIME subordinate CA or Cross Certificate should not be marked critical (EKU-SUBCA, EKU-CROSS)",
			Citation:                "SBR v1.0.16 §7.1.2.2(g)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCAEKUCritical,
	})
}

type subCAEKUCritical struct{ caScope }

// NewSubCAEKUCritical returns the criticality part of rules EKU-SUBCA and
// EKU-CROSS.
func NewSubCAEKUCritical() lint.CertificateLintInterface { return &subCAEKUCritical{} }

func (l *subCAEKUCritical) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMESubCA(c) && smime.Inspect(c).EKU.Present
}

func (l *subCAEKUCritical) Execute(c *x509.Certificate) *lint.LintResult {
	if smime.Inspect(c).EKU.Critical {
		return warnf("extKeyUsage is marked critical; SBR §7.1.2.2(g) says it SHOULD NOT be")
	}
	return pass()
}
