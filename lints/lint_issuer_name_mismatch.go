package lints

import (
	"bytes"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_issuer_name_mismatch",
			Description: "With the issuing CA certificate known, the certificate's issuer Name is byte for " +
				"byte the issuer's subject Name, so that the certificate chains to it (ISS-03)",
			Citation:                "SBR v1.0.16 §7.1.4.1; RFC 5280 §4.1.2.4",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewIssuerNameMismatch,
	})
}

type issuerNameMismatch struct {
	Issuer string `comment:"The issuing CA certificate, base64 DER or PEM; empty when not known (then this rule does not apply)."`
}

// NewIssuerNameMismatch returns the lint for rule ISS-03.
func NewIssuerNameMismatch() lint.CertificateLintInterface { return &issuerNameMismatch{} }

func (l *issuerNameMismatch) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *issuerNameMismatch) UnmarshalTOML(section any) error { return decodeSettings(section, l) }

func (l *issuerNameMismatch) CheckApplies(c *x509.Certificate) bool {
	_, ok := signedByIssuerInScope(c, l.Issuer)
	return ok
}

func (l *issuerNameMismatch) Execute(c *x509.Certificate) *lint.LintResult {
	iss := issuerOf(l.Issuer)
	switch got, want := c.Issuer.String(), iss.Cert.Subject.String(); {
	case bytes.Equal(c.RawIssuer, iss.Cert.RawSubject):
		return pass()
	case got != want:
		return errorf("the issuer Name %s is not the issuing CA's subject Name %s", util.Quote(got), util.Quote(want))
	default:
		return errorf("the issuer Name reads as the issuing CA's subject %s but is encoded differently "+
			"(DER %s, the CA's %s); it must be the same bytes", util.Quote(want),
			util.HexQuote(c.RawIssuer), util.HexQuote(iss.Cert.RawSubject))
	}
}
