package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "w_smimelint_rsa_modulus_weak",
			Description: "The RSA modulus of an S/MIME certificate should be odd, not the power of a " +
				"prime, and have no factors smaller than 752 (KEY-11)",
			Citation:                "SBR v1.0.16 §6.1.6",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewRSAModulusWeak,
	})
}

type rsaModulusWeak struct{ caScope }

// NewRSAModulusWeak returns the lint for rule KEY-11. Upstream's [CABF_BR]
// modulus lints do not run on S/MIME certificates.
func NewRSAModulusWeak() lint.CertificateLintInterface { return &rsaModulusWeak{} }

func (l *rsaModulusWeak) CheckApplies(c *x509.Certificate) bool {
	return hasRSAKeyInScope(c, l.Declared)
}

func (l *rsaModulusWeak) Execute(c *x509.Certificate) *lint.LintResult {
	k, _ := smime.RSAKey(c)
	if err := smime.CheckModulus(k.N); err != nil {
		return warnf("RSA modulus %v", err)
	}
	return pass()
}
