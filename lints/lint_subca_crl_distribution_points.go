package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subca_crl_distribution_points",
			Description: "An S/MIME subordinate CA certificate has a non-critical " +
				"cRLDistributionPoints extension with the HTTP URL of the CA's CRL service (OTH-18)",
			Citation:                "SBR v1.0.16 §7.1.2.2(b)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCACRLDistributionPoints,
	})
}

type subCACRLDistributionPoints struct{ caScope }

// NewSubCACRLDistributionPoints returns the lint for rule OTH-18 (b).
func NewSubCACRLDistributionPoints() lint.CertificateLintInterface {
	return &subCACRLDistributionPoints{}
}

func (l *subCACRLDistributionPoints) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMESubCA(c)
}

func (l *subCACRLDistributionPoints) Execute(c *x509.Certificate) *lint.LintResult {
	present, critical := smime.Extension(c, smime.OIDCRLDistribution)
	switch {
	case !present:
		return errorf("no cRLDistributionPoints; an S/MIME subordinate CA certificate requires one")
	case critical:
		return errorf("cRLDistributionPoints is marked critical; SBR §7.1.2.2(b) says it SHALL NOT be")
	case !smime.HasHTTPURL(c.CRLDistributionPoints):
		return errorf("cRLDistributionPoints holds no http:// URL of the CA's CRL service")
	}
	return pass()
}
