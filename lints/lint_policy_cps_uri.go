package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_policy_cps_uri",
			Description: "In an S/MIME subscriber certificate, the value of every id-qt-cps policy " +
				"qualifier is an HTTP or HTTPS URL (OTH-14)",
			Citation:      "SBR v1.0.16 §7.1.2.3(a)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewPolicyCPSURI,
	})
}

type policyCPSURI struct{}

// NewPolicyCPSURI returns the CPS qualifier part of rule OTH-14.
func NewPolicyCPSURI() lint.CertificateLintInterface { return &policyCPSURI{} }

func (l *policyCPSURI) CheckApplies(c *x509.Certificate) bool {
	return smime.HasQualifier(c, smime.OIDQualifierCPS) && isSMIMESubscriber(c)
}

func (l *policyCPSURI) Execute(c *x509.Certificate) *lint.LintResult {
	return checkCPSQualifiers(c, "§7.1.2.3(a)")
}
