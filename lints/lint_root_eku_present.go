package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_root_eku_present",
			Description: "An S/MIME root CA certificate has no extKeyUsage extension; a root is in " +
				"S/MIME scope when it carries id-kp-emailProtection, a reserved S/MIME policy or " +
				"an rfc822Name permitted subtree (OTH-19)",
			Citation:                "SBR v1.0.16 §7.1.2.1(d)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewRootEKUPresent,
	})
}

type rootEKUPresent struct{ caScope }

// NewRootEKUPresent returns the lint for rule OTH-19 (d). The [CABF_BR]
// root EKU lint does not run on a root whose EKU is emailProtection only,
// exactly the root this rule targets.
func NewRootEKUPresent() lint.CertificateLintInterface { return &rootEKUPresent{} }

func (l *rootEKUPresent) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMERoot(c)
}

func (l *rootEKUPresent) Execute(c *x509.Certificate) *lint.LintResult {
	if present, _ := smime.Extension(c, smime.OIDExtKeyUsage); present {
		return errorf("a root CA certificate has an extKeyUsage extension, which SBR §7.1.2.1(d) forbids")
	}
	return pass()
}
