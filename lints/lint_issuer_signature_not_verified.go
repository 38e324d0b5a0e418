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
			Name: "n_smimelint_issuer_signature_not_verified",
			Description: "With the issuing CA certificate known, a signature made by a key of the issuer's " +
				"type and size that does not verify under the issuer's key shows that the certificate " +
				"was not signed by that issuer, or was signed for linting with a throwaway key; the " +
				"issuer-aware findings then describe the given issuer, not the signer (ISS-04)",
			Citation:                "RFC 5280 §6.1.3(a)(1); SBR v1.0.16 §4.3.1.2",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewIssuerSignatureNotVerified,
	})
}

type issuerSignatureNotVerified struct {
	Issuer string `comment:"The issuing CA certificate, base64 DER or PEM; empty when not known (then this rule does not apply)."`
}

// NewIssuerSignatureNotVerified returns the lint that tells a wrong issuer
// from a pre-issuance stand-in. A signature that visibly comes from another
// kind of key (another RSA size, another curve, another algorithm), an
// empty or placeholder signature, and algorithms Go cannot verify (Ed448,
// ML-DSA) give no finding: the first two are how pre-issuance hooks lint,
// and linting with the issuer given must not depend on the stand-in
// signature.
func NewIssuerSignatureNotVerified() lint.CertificateLintInterface {
	return &issuerSignatureNotVerified{}
}

func (l *issuerSignatureNotVerified) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *issuerSignatureNotVerified) UnmarshalTOML(section any) error {
	return decodeSettings(section, l)
}

func (l *issuerSignatureNotVerified) CheckApplies(c *x509.Certificate) bool {
	iss, ok := signedByIssuerInScope(c, l.Issuer)
	if !ok || smime.SignatureCannotBeReal(c.Signature) {
		return false
	}
	return smime.SignatureFitsKey(c, iss.Key)
}

func (l *issuerSignatureNotVerified) Execute(c *x509.Certificate) *lint.LintResult {
	iss := issuerOf(l.Issuer)
	if smime.VerifySignature(c, iss.Key) == smime.DoesNotVerify {
		return noticef("the signature does not verify under the %s key of the given issuing CA %s: the "+
			"certificate was signed by another key (a throwaway key of the same type and size, or another "+
			"issuer)", iss.Key.Describe(), util.Quote(iss.Cert.Subject.String()))
	}
	return pass()
}
