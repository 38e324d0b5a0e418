package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
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

type spkiAlgorithmEncoding struct{ caScope }

// NewSPKIAlgorithmEncoding returns the lint for rule ALG-SPKI. It
// supersedes upstream's e_invalid_spki_algoid and
// e_invalid_legacy_spki_algoid: the latter accepts ML-DSA and ML-KEM keys
// before SBR v1.0.11 admitted them, and neither runs on S/MIME CA
// certificates that fail zlint's S/MIME pre-filter.
//
// A certificate whose key zcrypto cannot parse (a brainpool curve: "x509:
// unsupported elliptic curve") never reaches a lint; zlintsmime.LintDER
// reports this lint's finding for it from the raw DER with the same
// smime.SPKIAlgorithmProblem.
func NewSPKIAlgorithmEncoding() lint.CertificateLintInterface { return &spkiAlgorithmEncoding{} }

func (l *spkiAlgorithmEncoding) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.InScope(c)
}

func (l *spkiAlgorithmEncoding) Execute(c *x509.Certificate) *lint.LintResult {
	a := &smime.Inspect(c).Algorithms
	if a.Err != nil {
		return errorf("%v", a.Err)
	}
	if problem := smime.SPKIAlgorithmProblem(a.SPKI, c.NotBefore); problem != "" {
		return errorf("%s", problem)
	}
	return pass()
}
