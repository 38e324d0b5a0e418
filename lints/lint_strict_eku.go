package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_strict_eku",
			Description: "A Strict subscriber certificate has an extKeyUsage with " +
				"id-kp-emailProtection and no other KeyPurposeId, including ones zcrypto does " +
				"not know (EKU-SUB)",
			Citation:      "SBR v1.0.16 §7.1.2.3(f)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewStrictEKU,
	})
}

type strictEKU struct{}

// NewStrictEKU returns the Strict part of rule EKU-SUB. It supersedes
// upstream's e_smime_strict_eku_check, which ignores KeyPurposeIds that
// zcrypto does not know (c.UnknownExtKeyUsage) and gives no details.
func NewStrictEKU() lint.CertificateLintInterface { return &strictEKU{} }

func (l *strictEKU) CheckApplies(c *x509.Certificate) bool {
	return hasGeneration(c, smime.Strict)
}

func (l *strictEKU) Execute(c *x509.Certificate) *lint.LintResult {
	eku := &smime.Inspect(c).EKU
	switch {
	case !eku.Present:
		return errorf("no extKeyUsage; a Strict subscriber certificate requires id-kp-emailProtection")
	case eku.Err != nil:
		return errorf("%v", eku.Err)
	case !eku.Has(smime.OIDEmailProtection):
		return errorf("extKeyUsage lacks id-kp-emailProtection, which a Strict subscriber certificate requires")
	}
	if other, ok := eku.OtherThan(smime.OIDEmailProtection); ok {
		return errorf("extKeyUsage holds %s; a Strict subscriber certificate holds id-kp-emailProtection only",
			smime.EKUName(other))
	}
	return pass()
}
