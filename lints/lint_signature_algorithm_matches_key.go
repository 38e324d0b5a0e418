package lints

import (
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_signature_algorithm_matches_key",
			Description: "The signature algorithm of an S/MIME certificate fits the signing key, as " +
				"far as the signature's length shows it: ecdsa-with-SHA256 for P-256, -SHA384 for " +
				"P-384, -SHA512 for P-521 (before 2025-03-15; upstream's Mozilla lint from then), " +
				"and EdDSA and ML-DSA signatures of their parameter set's exact length; with the " +
				"issuing CA certificate known, e_smimelint_issuer_signature_algorithm_mismatch decides " +
				"from its key instead, and an empty or placeholder signature shows nothing (ALG-SIG-03)",
			Citation:                "SBR v1.0.16 §7.1.3.2.2-§7.1.3.2.4",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSignatureAlgorithmMatchesKey,
	})
}

type signatureAlgorithmMatchesKey struct {
	Issuer string `comment:"The issuing CA certificate, base64 DER or PEM; when given, the rule is decided from its key by e_smimelint_issuer_signature_algorithm_mismatch."`
}

// NewSignatureAlgorithmMatchesKey returns the lint for rule ALG-SIG-03,
// read without the issuer certificate. RSA signatures fit any RSA key.
func NewSignatureAlgorithmMatchesKey() lint.CertificateLintInterface {
	return &signatureAlgorithmMatchesKey{}
}

func (l *signatureAlgorithmMatchesKey) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *signatureAlgorithmMatchesKey) UnmarshalTOML(section any) error {
	return decodeSettings(section, l)
}

func (l *signatureAlgorithmMatchesKey) CheckApplies(c *x509.Certificate) bool {
	if l.Issuer != "" || smime.IsRSASignatureOID(c.SignatureAlgorithmOID) || !smime.InScope(c) {
		return false
	}
	e, ok := smime.Lookup(smime.SignatureEncodings, smime.Inspect(c).Algorithms.Signature)
	if !ok {
		return false // not an SBR encoding: e_smimelint_signature_algorithm_encoding's finding
	}
	key, _ := smime.SignerFromSignature(e.Name, c.Signature)
	return key != "" && (!isECDSA(e.Name) || c.NotBefore.Before(smime.MozillaECDSASignatureDate))
}

func (l *signatureAlgorithmMatchesKey) Execute(c *x509.Certificate) *lint.LintResult {
	if smime.SignatureCannotBeReal(c.Signature) {
		return notEffectivef("the signature is empty or a placeholder, so it does not show the signing key; " +
			"give the issuing CA certificate to decide this rule")
	}
	e, _ := smime.Lookup(smime.SignatureEncodings, smime.Inspect(c).Algorithms.Signature)
	key, want := smime.SignerFromSignature(e.Name, c.Signature)
	switch {
	case want == "":
		// The length is not quoted: ECDSA signature lengths vary from one
		// signature to the next, and the finding must not.
		return errorf("the length of the %s signature fits %s", e.Name, key)
	case want != e.Name:
		return errorf("the signature's length shows a %s signing key, which signs with %s, not %s",
			key, want, e.Name)
	}
	return pass()
}

func isECDSA(name string) bool { return strings.HasPrefix(name, "ecdsa-with-") }
