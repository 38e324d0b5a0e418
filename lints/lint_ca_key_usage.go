package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_ca_key_usage",
			Description: "An S/MIME root or subordinate CA certificate has a critical keyUsage " +
				"extension with keyCertSign and cRLSign set (OTH-18, OTH-19)",
			Citation:                "SBR v1.0.16 §7.1.2.1(b), §7.1.2.2(e)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewCAKeyUsage,
	})
}

type caKeyUsage struct{ caScope }

// NewCAKeyUsage returns the lint for rules OTH-18 (e) and OTH-19 (b). The
// [CABF_BR] root keyUsage lints do not run on roots with emailProtection.
func NewCAKeyUsage() lint.CertificateLintInterface { return &caKeyUsage{} }

func (l *caKeyUsage) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMECA(c)
}

func (l *caKeyUsage) Execute(c *x509.Certificate) *lint.LintResult {
	present, critical := smime.Extension(c, smime.OIDKeyUsage)
	role := smime.RoleOf(c)
	switch {
	case !present:
		return errorf("no keyUsage; an S/MIME %s certificate requires a critical one with keyCertSign and cRLSign", role)
	case !critical:
		return errorf("keyUsage is not marked critical; SBR %s requires it to be", sbrCAKeyUsage(role))
	case c.KeyUsage&x509.KeyUsageCertSign == 0 || c.KeyUsage&x509.KeyUsageCRLSign == 0:
		return errorf("keyUsage is %s; an S/MIME %s certificate sets keyCertSign and cRLSign",
			smime.KeyUsageNames(c.KeyUsage), role)
	}
	return pass()
}

// sbrCAKeyUsage is the keyUsage item of the CA's profile.
func sbrCAKeyUsage(r smime.Role) string {
	if r == smime.Root {
		return "§7.1.2.1(b)"
	}
	return "§7.1.2.2(e)"
}
