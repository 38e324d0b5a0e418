package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_ca_rsa_key_under_4096",
			Description: "A Root, Subordinate or Cross CA certificate signed on or after 2026-09-15 " +
				"has an RSA modulus of at least 4096 bits, also when it certifies an older key. " +
				"A CA is in S/MIME scope when it has id-kp-emailProtection in its EKU, a reserved " +
				"S/MIME policy or an rfc822Name permitted subtree; a root with none of these (no " +
				"EKU, no policies) cannot be told from a TLS root and is not checked (KEY-02)",
			Citation:                "SBR v1.0.16 §6.1.5",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SMC017CARSA4096Date,
			OverrideFrameworkFilter: true,
		},
		Lint: NewCARSAKeyUnder4096,
	})
}

type caRSAKeyUnder4096 struct{ caScope }

// NewCARSAKeyUnder4096 returns the lint for rule KEY-02 (ballot SMC017v2).
func NewCARSAKeyUnder4096() lint.CertificateLintInterface { return &caRSAKeyUnder4096{} }

func (l *caRSAKeyUnder4096) CheckApplies(c *x509.Certificate) bool {
	_, rsa := smime.RSAKey(c)
	return rsa && l.Declared.IsSMIMECA(c)
}

func (l *caRSAKeyUnder4096) Execute(c *x509.Certificate) *lint.LintResult {
	k, _ := smime.RSAKey(c)
	if bits := k.N.BitLen(); bits < 4096 {
		return errorf("%s certificate signed %s has a %d-bit RSA key; from %s CA keys are at least 4096 bits",
			smime.RoleOf(c), day(c.NotBefore), bits, day(smime.SMC017CARSA4096Date))
	}
	return pass()
}
