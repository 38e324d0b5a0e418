package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_ed448_key_usage",
			Description: "In an S/MIME subscriber certificate with an Ed448 key, keyUsage has digitalSignature " +
				"and may have nonRepudiation, nothing else (OTH-12)",
			Citation:      "SBR v1.0.16 §7.1.2.3(e)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewEd448KeyUsage,
	})
}

type ed448KeyUsage struct{}

// NewEd448KeyUsage returns the Ed448 part of rule OTH-12: the EdDSA row of
// the §7.1.2.3(e) table, which upstream's e_edwardspublickey_key_usages
// applies to Ed25519 keys only (zcrypto does not know Ed448). A missing
// keyUsage is upstream's e_key_usage_presence.
func NewEd448KeyUsage() lint.CertificateLintInterface { return &ed448KeyUsage{} }

func (l *ed448KeyUsage) CheckApplies(c *x509.Certificate) bool {
	return smime.HasKeyUsage(c) && smime.HasEd448Key(c) && isSMIMESubscriber(c)
}

func (l *ed448KeyUsage) Execute(c *x509.Certificate) *lint.LintResult {
	ku := c.KeyUsage
	if ku&x509.KeyUsageDigitalSignature == 0 || ku&^(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) != 0 {
		return errorf("keyUsage is %s with an Ed448 key; it must be digitalSignature, optionally with nonRepudiation",
			smime.KeyUsageNames(ku))
	}
	return pass()
}
