package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_sha1_signature",
			Description: "From 2026-09-15 no S/MIME certificate, subscriber or CA, is signed with a " +
				"signature algorithm that incorporates SHA-1, RSASSA-PSS with a SHA-1 hash or " +
				"MGF1 hash (or their defaults) included (SHA1-01, ballot SMC016)",
			Citation:                "SBR v1.0.16 §7.1.3.1.1; RFC 4055 §3.1",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SMC016SHA1SunsetDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSHA1Signature,
	})
}

type sha1Signature struct{ caScope }

// NewSHA1Signature returns the lint for rule SHA1-01. It overlaps
// e_smimelint_signature_algorithm_encoding on purpose, so that the SMC016
// sunset has its own finding and date.
func NewSHA1Signature() lint.CertificateLintInterface { return &sha1Signature{} }

func (l *sha1Signature) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.InScope(c)
}

func (l *sha1Signature) Execute(c *x509.Certificate) *lint.LintResult {
	a := &smime.Inspect(c).Algorithms
	for _, f := range [...]struct {
		name string
		der  []byte
	}{{"tbsCertificate.signature", a.TBSSignature}, {"signatureAlgorithm", a.Signature}} {
		if sha1, _ := smime.UsesSHA1(f.der); sha1 {
			return errorf("%s incorporates SHA-1 in a certificate signed %s; SHA-1 signatures end on %s",
				f.name, day(c.NotBefore), day(smime.SMC016SHA1SunsetDate))
		}
	}
	return pass()
}
