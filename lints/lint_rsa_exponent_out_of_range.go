package lints

import (
	"math/big"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name:                    "w_smimelint_rsa_exponent_out_of_range",
			Description:             "The RSA public exponent of an S/MIME certificate should be between 2^16 + 1 and 2^256 - 1 (KEY-10)",
			Citation:                "SBR v1.0.16 §6.1.6",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewRSAExponentOutOfRange,
	})
}

var (
	three          = big.NewInt(3)
	minExponent    = big.NewInt(1<<16 + 1)
	maxExponent, _ = new(big.Int).SetString("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16)
)

type rsaExponentOutOfRange struct{ caScope }

// NewRSAExponentOutOfRange returns the lint for rule KEY-10.
func NewRSAExponentOutOfRange() lint.CertificateLintInterface { return &rsaExponentOutOfRange{} }

func (l *rsaExponentOutOfRange) CheckApplies(c *x509.Certificate) bool {
	return hasRSAKeyInScope(c, l.Declared)
}

func (l *rsaExponentOutOfRange) Execute(c *x509.Certificate) *lint.LintResult {
	k, _ := smime.RSAKey(c)
	if k.E.Cmp(minExponent) < 0 || k.E.Cmp(maxExponent) > 0 {
		return warnf("RSA public exponent is %s, outside the recommended range 2^16 + 1 to 2^256 - 1", exponentString(k))
	}
	return pass()
}
