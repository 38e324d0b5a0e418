package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name:                    "w_smimelint_subca_aia_ca_issuers",
			Description:             "The authorityInformationAccess of an S/MIME subordinate CA certificate should hold the HTTP URL of the issuing CA's certificate (OTH-18)",
			Citation:                "SBR v1.0.16 §7.1.2.2(c)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCAAIACAIssuers,
	})
}

type subCAAIACAIssuers struct{ caScope }

// NewSubCAAIACAIssuers returns the caIssuers part of rule OTH-18 (c); a
// critical AIA is upstream's e_ext_aia_marked_critical.
func NewSubCAAIACAIssuers() lint.CertificateLintInterface { return &subCAAIACAIssuers{} }

func (l *subCAAIACAIssuers) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMESubCA(c)
}

func (l *subCAAIACAIssuers) Execute(c *x509.Certificate) *lint.LintResult {
	if !smime.HasHTTPURL(c.IssuingCertificateURL) {
		return warnf("authorityInformationAccess holds no http:// caIssuers URL for the issuing CA's certificate")
	}
	return pass()
}
