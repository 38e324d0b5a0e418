package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subca_authority_key_identifier",
			Description: "The authorityKeyIdentifier of an S/MIME subordinate CA certificate holds a " +
				"keyIdentifier and neither authorityCertIssuer nor authorityCertSerialNumber (OTH-18)",
			Citation:                "SBR v1.0.16 §7.1.2.2(h)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCAAuthorityKeyIdentifier,
	})
}

type subCAAuthorityKeyIdentifier struct{ caScope }

// NewSubCAAuthorityKeyIdentifier returns the field part of rule OTH-18 (h);
// criticality and absence are upstream's RFC 5280 lints.
func NewSubCAAuthorityKeyIdentifier() lint.CertificateLintInterface {
	return &subCAAuthorityKeyIdentifier{}
}

func (l *subCAAuthorityKeyIdentifier) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDAuthorityKeyID)
	return present && l.Declared.IsSMIMESubCA(c)
}

func (l *subCAAuthorityKeyIdentifier) Execute(c *x509.Certificate) *lint.LintResult {
	keyID, issuer, serial, err := smime.AuthorityKeyIDFields(c)
	switch {
	case err != nil:
		return errorf("%v", err)
	case !keyID:
		return errorf("authorityKeyIdentifier has no keyIdentifier, which SBR §7.1.2.2(h) requires")
	case issuer || serial:
		return errorf("authorityKeyIdentifier holds authorityCertIssuer or authorityCertSerialNumber, which SBR §7.1.2.2(h) forbids")
	}
	return pass()
}
