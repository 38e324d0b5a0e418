package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subca_eku",
			Description: "An S/MIME subordinate CA certificate has an extKeyUsage with " +
				"id-kp-emailProtection and without id-kp-serverAuth, id-kp-codeSigning, " +
				"id-kp-timeStamping or anyExtendedKeyUsage. A certificate configured as a Cross " +
				"Certificate (cross_certificate = true) may omit the extension but never holds " +
				"anyExtendedKeyUsage. A sub-CA is in S/MIME scope when it has emailProtection, a " +
				"reserved S/MIME policy or an rfc822Name permitted subtree (EKU-SUBCA, EKU-CROSS)",
			Citation:                "SBR v1.0.16 §7.1.2.2(g)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCAEKU,
	})
}

// subCAEKU is configurable: the certificate alone cannot show that it is a
// Cross Certificate (SBR §1.6.1), so the caller says so.
type subCAEKU struct {
	CrossCertificate bool `comment:"Lint the certificate as a Cross Certificate (SBR §7.1.2.2(g)): the extKeyUsage MAY be absent, anyExtendedKeyUsage stays forbidden."`
}

// NewSubCAEKU returns the lint for rules EKU-SUBCA and the anyEKU part of
// EKU-CROSS.
func NewSubCAEKU() lint.CertificateLintInterface { return &subCAEKU{} }

// Configure lets zlint's configuration mark the certificate as a Cross
// Certificate.
func (l *subCAEKU) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *subCAEKU) UnmarshalTOML(section any) error { return decodeSettings(section, l) }

func (l *subCAEKU) CheckApplies(c *x509.Certificate) bool {
	return smime.IsSMIMESubCA(c)
}

func (l *subCAEKU) Execute(c *x509.Certificate) *lint.LintResult {
	eku := &smime.Inspect(c).EKU
	switch {
	case !eku.Present && l.CrossCertificate:
		return pass()
	case !eku.Present:
		return errorf("no extKeyUsage; an S/MIME subordinate CA certificate requires one with id-kp-emailProtection " +
			"(configure cross_certificate = true for a Cross Certificate)")
	case eku.Err != nil:
		return errorf("%v", eku.Err)
	case l.CrossCertificate && eku.Has(smime.OIDAnyExtKeyUsage):
		return errorf("a Cross Certificate's extKeyUsage holds anyExtendedKeyUsage")
	case l.CrossCertificate:
		return pass()
	case !eku.Has(smime.OIDEmailProtection):
		return errorf("extKeyUsage lacks id-kp-emailProtection, which an S/MIME subordinate CA certificate requires")
	}
	if bad, ok := eku.Forbidden(); ok {
		return errorf("extKeyUsage holds %s, which an S/MIME subordinate CA certificate never holds", smime.EKUName(bad))
	}
	return pass()
}
