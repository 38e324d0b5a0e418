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
			Name: "e_smimelint_issuer_key_identifier_mismatch",
			Description: "With the issuing CA certificate known, the authorityKeyIdentifier keyIdentifier " +
				"of a certificate in S/MIME scope equals the issuer's subjectKeyIdentifier (ISS-02)",
			Citation:                "SBR v1.0.16 §7.1.2.2(h), §7.1.2.3(g); RFC 5280 §4.2.1.1",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewIssuerKeyIdentifierMismatch,
	})
}

type issuerKeyIdentifierMismatch struct {
	Issuer string `comment:"The issuing CA certificate, base64 DER or PEM; empty when not known (then this rule does not apply)."`
}

// NewIssuerKeyIdentifierMismatch returns the lint for rule ISS-02. A
// certificate without an authorityKeyIdentifier keyIdentifier, or an
// issuer without a subjectKeyIdentifier, is left to the rules that require
// them (upstream's e_ext_authority_key_identifier_no_key_identifier and
// e_ext_subject_key_identifier_missing_ca).
func NewIssuerKeyIdentifierMismatch() lint.CertificateLintInterface {
	return &issuerKeyIdentifierMismatch{}
}

func (l *issuerKeyIdentifierMismatch) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *issuerKeyIdentifierMismatch) UnmarshalTOML(section any) error {
	return decodeSettings(section, l)
}

func (l *issuerKeyIdentifierMismatch) CheckApplies(c *x509.Certificate) bool {
	iss, ok := signedByIssuerInScope(c, l.Issuer)
	return ok && len(iss.SubjectKeyID) > 0 && len(c.AuthorityKeyId) > 0
}

func (l *issuerKeyIdentifierMismatch) Execute(c *x509.Certificate) *lint.LintResult {
	iss := issuerOf(l.Issuer)
	if !bytes.Equal(c.AuthorityKeyId, iss.SubjectKeyID) {
		return errorf("authorityKeyIdentifier keyIdentifier %s is not the issuing CA's subjectKeyIdentifier %s",
			util.HexQuote(c.AuthorityKeyId), util.HexQuote(iss.SubjectKeyID))
	}
	return pass()
}
