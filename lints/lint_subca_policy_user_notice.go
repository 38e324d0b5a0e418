package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subca_policy_user_notice",
			Description: "In an S/MIME subordinate CA certificate, every id-qt-unotice policy qualifier " +
				"contains explicitText and no noticeRef (OTH-18)",
			Citation:                "SBR v1.0.16 §7.1.2.2(a)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCAPolicyUserNotice,
	})
}

type subCAPolicyUserNotice struct{ caScope }

// NewSubCAPolicyUserNotice returns the userNotice part of rule OTH-18(a).
func NewSubCAPolicyUserNotice() lint.CertificateLintInterface { return &subCAPolicyUserNotice{} }

func (l *subCAPolicyUserNotice) CheckApplies(c *x509.Certificate) bool {
	return smime.HasQualifier(c, smime.OIDQualifierUserNotice) && l.Declared.IsSMIMESubCA(c)
}

func (l *subCAPolicyUserNotice) Execute(c *x509.Certificate) *lint.LintResult {
	return checkUserNotices(c, "§7.1.2.2(a)")
}
