package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subca_policy_cps_uri",
			Description: "In an S/MIME subordinate CA certificate, the value of every id-qt-cps policy " +
				"qualifier is an HTTP or HTTPS URL (OTH-18)",
			Citation:                "SBR v1.0.16 §7.1.2.2(a)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCAPolicyCPSURI,
	})
}

type subCAPolicyCPSURI struct{ caScope }

// NewSubCAPolicyCPSURI returns the CPS qualifier part of rule OTH-18(a).
func NewSubCAPolicyCPSURI() lint.CertificateLintInterface { return &subCAPolicyCPSURI{} }

func (l *subCAPolicyCPSURI) CheckApplies(c *x509.Certificate) bool {
	return smime.HasQualifier(c, smime.OIDQualifierCPS) && l.Declared.IsSMIMESubCA(c)
}

func (l *subCAPolicyCPSURI) Execute(c *x509.Certificate) *lint.LintResult {
	return checkCPSQualifiers(c, "§7.1.2.2(a)")
}
