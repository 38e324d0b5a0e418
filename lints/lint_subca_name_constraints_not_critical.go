package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "w_smimelint_subca_name_constraints_not_critical",
			Description: "The nameConstraints extension of an S/MIME subordinate CA certificate " +
				"should be marked critical; the SBR allows non-critical use, unlike RFC 5280 (OTH-18)",
			Citation:                "SBR v1.0.16 §7.1.2.2(f); RFC 5280 §4.2.1.10",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCANameConstraintsCritical,
	})
}

type subCANameConstraintsCritical struct{}

// NewSubCANameConstraintsCritical returns the lint for rule OTH-18 (f).
func NewSubCANameConstraintsCritical() lint.CertificateLintInterface {
	return &subCANameConstraintsCritical{}
}

func (l *subCANameConstraintsCritical) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDNameConstraints)
	return present && smime.IsSMIMESubCA(c)
}

func (l *subCANameConstraintsCritical) Execute(c *x509.Certificate) *lint.LintResult {
	if _, critical := smime.Extension(c, smime.OIDNameConstraints); !critical {
		return warnf("nameConstraints is not marked critical; SBR §7.1.2.2(f) says it SHOULD be")
	}
	return pass()
}
