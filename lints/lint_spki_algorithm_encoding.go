package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_spki_algorithm_encoding",
			Description: "The subjectPublicKeyInfo AlgorithmIdentifier of an S/MIME certificate, " +
				"subscriber or CA, is byte for byte one of the encodings of SBR §7.1.3.1: RSA with " +
				"NULL, P-256, P-384, P-521, Ed25519, Ed448, and from 2025-08-22 ML-DSA-44/65/87 and " +
				"ML-KEM-512/768/1024; no other key type, curve or parameter set (ALG-SPKI, KEY-04 " +
				"to KEY-08)",
			Citation:                "SBR v1.0.16 §7.1.3.1, §6.1.5",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSPKIAlgorithmEncoding,
	})
}

type spkiAlgorithmEncoding struct{}

// NewSPKIAlgorithmEncoding returns the lint for rule ALG-SPKI. It
// supersedes upstream's e_invalid_spki_algoid and
// e_invalid_legacy_spki_algoid: the latter accepts ML-DSA and ML-KEM keys
// before SBR v1.0.11 admitted them, and neither runs on S/MIME CA
// certificates that fail zlint's S/MIME pre-filter.
func NewSPKIAlgorithmEncoding() lint.CertificateLintInterface { return &spkiAlgorithmEncoding{} }

func (l *spkiAlgorithmEncoding) CheckApplies(c *x509.Certificate) bool {
	return smime.InScope(c)
}

func (l *spkiAlgorithmEncoding) Execute(c *x509.Certificate) *lint.LintResult {
	a := &smime.Inspect(c).Algorithms
	if a.Err != nil {
		return errorf("%v", a.Err)
	}
	e, ok := smime.Lookup(smime.SPKIEncodings, a.SPKI)
	switch {
	case !ok:
		return errorf("subjectPublicKeyInfo algorithm %s is not one of the encodings SBR §7.1.3.1 permits",
			util.HexQuote(a.SPKI))
	case !e.From.IsZero() && c.NotBefore.Before(e.From):
		return errorf("subjectPublicKeyInfo algorithm is %s in a certificate issued %s; SBR §7.1.3.1 permits it from %s",
			e.Name, day(c.NotBefore), day(e.From))
	}
	return pass()
}
