package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name:                    "w_smimelint_root_certificate_policies",
			Description:             "An S/MIME root CA certificate should not have a certificatePolicies extension (OTH-19)",
			Citation:                "SBR v1.0.16 §7.1.2.1(c)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewRootCertificatePolicies,
	})
}

type rootCertificatePolicies struct{ caScope }

// NewRootCertificatePolicies returns the lint for rule OTH-19 (c).
func NewRootCertificatePolicies() lint.CertificateLintInterface { return &rootCertificatePolicies{} }

func (l *rootCertificatePolicies) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMERoot(c)
}

func (l *rootCertificatePolicies) Execute(c *x509.Certificate) *lint.LintResult {
	if present, _ := smime.Extension(c, smime.OIDCertificatePolicies); present {
		return warnf("a root CA certificate has a certificatePolicies extension; SBR §7.1.2.1(c) says it SHOULD NOT")
	}
	return pass()
}
