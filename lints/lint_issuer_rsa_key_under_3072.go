package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_issuer_rsa_key_under_3072",
			Description: "From 2027-09-15, no certificate with id-kp-emailProtection and an email " +
				"subjectAltName is issued by a CA whose RSA key is under 3072 bits. With the issuing CA " +
				"certificate known, its modulus decides (ISS-01); without it, the modulus is read from " +
				"the signature, which RSASSA-PKCS1-v1_5 and RSASSA-PSS make exactly as long as the " +
				"modulus (RFC 8017 §8), unless the signature is empty or a placeholder (a TBS, a " +
				"dummy signature), which shows nothing. Delegated OCSP responder certificates carry " +
				"no emailProtection and are exempt (KEY-03)",
			Citation:      "SBR v1.0.16 §6.1.5; RFC 8017 §8.1.1, §8.2.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC017IssuerRSA3072Date,
		},
		Lint: NewIssuerRSAKeyUnder3072,
	})
}

type issuerRSAKeyUnder3072 struct {
	Issuer string `comment:"The issuing CA certificate, base64 DER or PEM; without it the issuer's key size is read from the signature."`
}

// NewIssuerRSAKeyUnder3072 returns the lint for rule KEY-03 (ballot
// SMC017v2).
func NewIssuerRSAKeyUnder3072() lint.CertificateLintInterface { return &issuerRSAKeyUnder3072{} }

func (l *issuerRSAKeyUnder3072) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *issuerRSAKeyUnder3072) UnmarshalTOML(section any) error { return decodeSettings(section, l) }

// minIssuerSignatureOctets is the signature length of a 3072-bit key.
const minIssuerSignatureOctets = 3072 / 8

func (l *issuerRSAKeyUnder3072) CheckApplies(c *x509.Certificate) bool {
	if c.IsCA || !smime.MayBeSMIMESubscriber(c) {
		return false
	}
	ci := smime.Inspect(c)
	if !ci.Class.SMIME {
		return false
	}
	if l.Issuer != "" {
		iss := issuerOf(l.Issuer)
		return iss != nil && iss.Key.IsRSA()
	}
	return smime.IsRSASignature(ci.Algorithms.Signature)
}

func (l *issuerRSAKeyUnder3072) Execute(c *x509.Certificate) *lint.LintResult {
	if l.Issuer != "" {
		if bits := issuerOf(l.Issuer).Key.RSABits; bits < 3072 {
			return errorf("the issuing CA's RSA key is %d bits; from %s S/MIME subscriber certificates are "+
				"issued only by CAs with RSA keys of at least 3072 bits", bits, day(smime.SMC017IssuerRSA3072Date))
		}
		return pass()
	}
	if smime.SignatureCannotBeReal(c.Signature) {
		return notEffectivef("the signature is empty or a placeholder, so it does not show the issuing CA's key " +
			"size; give the issuing CA certificate to decide this rule")
	}
	if n := len(c.Signature); n < minIssuerSignatureOctets {
		return errorf("the RSA signature is %d octets, so the issuing CA's key is at most %d bits; from %s "+
			"S/MIME subscriber certificates are issued only by CAs with RSA keys of at least 3072 bits",
			n, n*8, day(smime.SMC017IssuerRSA3072Date))
	}
	return pass()
}
