package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_policy_user_notice",
			Description: "In an S/MIME subscriber certificate, every id-qt-unotice policy qualifier " +
				"contains explicitText and no noticeRef (OTH-14)",
			Citation:      "SBR v1.0.16 §7.1.2.3(a)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewPolicyUserNotice,
	})
}

type policyUserNotice struct{}

// NewPolicyUserNotice returns the userNotice part of rule OTH-14. Upstream's
// w_ext_cert_policy_contains_noticeref [RFC5280] warns of a noticeRef in
// any certificate; the SBR makes it an error. The explicitText encoding and
// length are upstream's e_ext_cert_policy_explicit_text_* [RFC5280].
func NewPolicyUserNotice() lint.CertificateLintInterface { return &policyUserNotice{} }

func (l *policyUserNotice) CheckApplies(c *x509.Certificate) bool {
	return smime.HasQualifier(c, smime.OIDQualifierUserNotice) && isSMIMESubscriber(c)
}

func (l *policyUserNotice) Execute(c *x509.Certificate) *lint.LintResult {
	return checkUserNotices(c, "§7.1.2.3(a)")
}
