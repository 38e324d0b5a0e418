package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "w_smimelint_subscriber_aia_missing",
			Description: "An S/MIME subscriber certificate has an authorityInformationAccess " +
				"extension (OTH-10)",
			Citation:      "SBR v1.0.16 §7.1.2.3(c)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubscriberAIAMissing,
	})
}

type subscriberAIAMissing struct{}

// NewSubscriberAIAMissing returns the presence part of rule OTH-10. A
// critical AIA is upstream's e_ext_aia_marked_critical, the URL schemes
// e_smimelint_subscriber_aia_http_only (Strict and Multipurpose) and
// upstream's e_smime_legacy_aia_shall_have_one_http.
func NewSubscriberAIAMissing() lint.CertificateLintInterface { return &subscriberAIAMissing{} }

func (l *subscriberAIAMissing) CheckApplies(c *x509.Certificate) bool {
	return isSMIMESubscriber(c)
}

func (l *subscriberAIAMissing) Execute(c *x509.Certificate) *lint.LintResult {
	if present, _ := smime.Extension(c, smime.OIDAuthorityInfoAccess); !present {
		return warnf("no authorityInformationAccess; SBR §7.1.2.3(c) says it SHOULD be present in a subscriber certificate")
	}
	return pass()
}
