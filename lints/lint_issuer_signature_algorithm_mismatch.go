package lints

import (
	"slices"
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_issuer_signature_algorithm_mismatch",
			Description: "With the issuing CA certificate known, the certificate's signature algorithm is one " +
				"the issuer's key signs with: an RSA algorithm for an RSA key of a permitted size, " +
				"ecdsa-with-SHA256, -SHA384 or -SHA512 for a P-256, P-384 or P-521 key, the key's own " +
				"algorithm for EdDSA and ML-DSA (ISS-04)",
			Citation:                "SBR v1.0.16 §6.1.5, §7.1.3.2",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewIssuerSignatureAlgorithmMismatch,
	})
}

type issuerSignatureAlgorithmMismatch struct {
	Issuer string `comment:"The issuing CA certificate, base64 DER or PEM; empty when not known (then this rule does not apply)."`
}

// NewIssuerSignatureAlgorithmMismatch returns the lint for rule ISS-04. It
// reads the algorithm the certificate names in tbsCertificate.signature,
// never the signature value, so a certificate signed with a throwaway key
// for linting, or a bare TBS, is judged as the issuer will sign it; an
// algorithm outside the §7.1.3.2 table is e_smimelint_signature_algorithm_encoding's
// finding.
func NewIssuerSignatureAlgorithmMismatch() lint.CertificateLintInterface {
	return &issuerSignatureAlgorithmMismatch{}
}

func (l *issuerSignatureAlgorithmMismatch) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *issuerSignatureAlgorithmMismatch) UnmarshalTOML(section any) error {
	return decodeSettings(section, l)
}

func (l *issuerSignatureAlgorithmMismatch) CheckApplies(c *x509.Certificate) bool {
	if _, ok := signedByIssuerInScope(c, l.Issuer); !ok {
		return false
	}
	_, ok := smime.Lookup(smime.SignatureEncodings, smime.Inspect(c).Algorithms.TBSSignature)
	return ok
}

func (l *issuerSignatureAlgorithmMismatch) Execute(c *x509.Certificate) *lint.LintResult {
	key := issuerOf(l.Issuer).Key
	e, _ := smime.Lookup(smime.SignatureEncodings, smime.Inspect(c).Algorithms.TBSSignature)
	algs := key.SignatureAlgorithms()
	switch {
	case len(algs) == 0:
		return errorf("the issuing CA's key is %s, which SBR §7.1.3.1 does not permit, so no permitted "+
			"signature algorithm fits it", key.Describe())
	case key.IsRSA() && (key.RSABits < 2048 || key.RSABits%8 != 0):
		return errorf("the issuing CA's key is %s; SBR §6.1.5 requires an RSA modulus of at least 2048 bits "+
			"and divisible by 8", key.Describe())
	case !slices.Contains(algs, e.Name):
		return errorf("the certificate names %s, but the issuing CA's %s key signs with %s",
			e.Name, key.Describe(), strings.Join(algs, " or "))
	}
	return pass()
}
