package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name:                    "e_smimelint_rsa_exponent_invalid",
			Description:             "The RSA public exponent of an S/MIME certificate, subscriber or CA, is an odd number equal to 3 or more (KEY-09)",
			Citation:                "SBR v1.0.16 §6.1.6",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewRSAExponentInvalid,
	})
}

type rsaExponentInvalid struct{ caScope }

// NewRSAExponentInvalid returns the lint for rule KEY-09. Upstream's
// [CABF_BR] exponent lints do not run on S/MIME certificates.
func NewRSAExponentInvalid() lint.CertificateLintInterface { return &rsaExponentInvalid{} }

func (l *rsaExponentInvalid) CheckApplies(c *x509.Certificate) bool {
	return hasRSAKeyInScope(c, l.Declared)
}

func (l *rsaExponentInvalid) Execute(c *x509.Certificate) *lint.LintResult {
	k, _ := smime.RSAKey(c)
	if k.E.Bit(0) == 0 || k.E.Cmp(three) < 0 {
		return errorf("RSA public exponent is %s; it must be odd and at least 3", exponentString(k))
	}
	return pass()
}
