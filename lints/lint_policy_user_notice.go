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
	return smime.MayBeSMIMESubscriber(c) && smime.HasQualifier(c, smime.OIDQualifierUserNotice) &&
		smime.Inspect(c).Class.IsSMIMESubscriber()
}

func (l *policyUserNotice) Execute(c *x509.Certificate) *lint.LintResult {
	cp := &smime.Inspect(c).Policies
	for i := range cp.Policies {
		p := &cp.Policies[i]
		for _, q := range p.Qualifiers {
			if !q.ID.Equal(smime.OIDQualifierUserNotice) {
				continue
			}
			n := &q.Notice
			switch {
			case q.Err != nil:
				return errorf("id-qt-unotice qualifier of policy %s is malformed: %v; a UserNotice SHALL "+
					"contain explicitText and SHALL NOT contain noticeRef", p.Name(), q.Err)
			case n.HasNoticeRef:
				return errorf("id-qt-unotice qualifier of policy %s contains noticeRef (organization %s); "+
					"SBR §7.1.2.3(a) says it SHALL NOT", p.Name(), n.NoticeRef.Organization)
			case !n.HasExplicit:
				return errorf("id-qt-unotice qualifier of policy %s contains no explicitText; SBR "+
					"§7.1.2.3(a) says it SHALL", p.Name())
			}
		}
	}
	if cp.Err != nil {
		return errorf("certificatePolicies is malformed (%v), so the id-qt-unotice qualifiers after the fault "+
			"cannot be checked", cp.Err)
	}
	return pass()
}
