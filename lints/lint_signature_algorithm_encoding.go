package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_signature_algorithm_encoding",
			Description: "The signatureAlgorithm and tbsCertificate.signature of an S/MIME " +
				"certificate, subscriber or CA, are byte for byte one of the encodings of SBR " +
				"§7.1.3.2: RSASSA-PKCS1-v1_5 with SHA-256/384/512 and NULL, RSASSA-PSS with the " +
				"exact parameters given, ECDSA with SHA-256/384/512, Ed25519, Ed448, and from " +
				"2025-08-22 ML-DSA-44/65/87 (ALG-SIG-01)",
			Citation:                "SBR v1.0.16 §7.1.3.2",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSignatureAlgorithmEncoding,
	})
}

type signatureAlgorithmEncoding struct{ caScope }

// NewSignatureAlgorithmEncoding returns the lint for rule ALG-SIG-01.
func NewSignatureAlgorithmEncoding() lint.CertificateLintInterface {
	return &signatureAlgorithmEncoding{}
}

func (l *signatureAlgorithmEncoding) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.InScope(c)
}

func (l *signatureAlgorithmEncoding) Execute(c *x509.Certificate) *lint.LintResult {
	a := &smime.Inspect(c).Algorithms
	if a.Err != nil {
		return errorf("%v", a.Err)
	}
	return checkSignatureEncodings("", "certificate", "tbsCertificate.signature", a.TBSSignature, a.Signature, c.NotBefore)
}
