package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name:                    "w_smimelint_subca_certificate_policies_critical",
			Description:             "The certificatePolicies extension of an S/MIME subordinate CA certificate should not be marked critical (OTH-18)",
			Citation:                "SBR v1.0.16 §7.1.2.2(a)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCACertificatePoliciesCritical,
	})
}

type subCACertificatePoliciesCritical struct{ caScope }

// NewSubCACertificatePoliciesCritical returns the criticality part of rule
// OTH-18 (a).
func NewSubCACertificatePoliciesCritical() lint.CertificateLintInterface {
	return &subCACertificatePoliciesCritical{}
}

func (l *subCACertificatePoliciesCritical) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDCertificatePolicies)
	return present && l.Declared.IsSMIMESubCA(c)
}

func (l *subCACertificatePoliciesCritical) Execute(c *x509.Certificate) *lint.LintResult {
	if _, critical := smime.Extension(c, smime.OIDCertificatePolicies); critical {
		return warnf("certificatePolicies is marked critical; SBR §7.1.2.2(a) says it SHOULD NOT be")
	}
	return pass()
}
