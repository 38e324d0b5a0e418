package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_smime_capabilities_critical",
			Description: "The smimeCapabilities extension of an S/MIME subscriber certificate is not " +
				"marked critical (OTH-13)",
			Citation:      "SBR v1.0.16 §7.1.2.3(i)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSMIMECapabilitiesCritical,
	})
}

type smimeCapabilitiesCritical struct{}

// NewSMIMECapabilitiesCritical returns the smimeCapabilities part of rule
// OTH-13.
func NewSMIMECapabilitiesCritical() lint.CertificateLintInterface {
	return &smimeCapabilitiesCritical{}
}

func (l *smimeCapabilitiesCritical) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDSMIMECapabilities)
	return present && isSMIMESubscriber(c)
}

func (l *smimeCapabilitiesCritical) Execute(c *x509.Certificate) *lint.LintResult {
	if _, critical := smime.Extension(c, smime.OIDSMIMECapabilities); critical {
		return errorf("smimeCapabilities (%s) is marked critical; SBR §7.1.2.3(i) says it SHALL NOT be",
			smime.OIDSMIMECapabilities)
	}
	return pass()
}
