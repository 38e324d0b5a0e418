package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "n_smimelint_cross_eku_non_dedicated",
			Description: "A Cross Certificate (cross_certificate = true) whose extKeyUsage holds more than " +
				"id-kp-emailProtection and id-kp-clientAuth breaks the SBR if its issuer hierarchy is " +
				"non-dedicated and its subject is dedicated to S/MIME; the certificate cannot show either, " +
				"so the CA is asked to check (EKU-CROSS)",
			Citation:                "SBR v1.0.16 §7.1.2.2(g)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SMC018PublishedDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewCrossEKUNonDedicated,
	})
}

type crossEKUNonDedicated struct {
	CrossCertificate bool `comment:"Lint the certificate as a Cross Certificate (SBR §7.1.2.2(g)): only then does this rule apply."`
}

// NewCrossEKUNonDedicated returns the part of rule EKU-CROSS that depends on
// facts outside the certificate.
func NewCrossEKUNonDedicated() lint.CertificateLintInterface { return &crossEKUNonDedicated{} }

// Configure lets zlint's configuration mark the certificate as a Cross
// Certificate.
func (l *crossEKUNonDedicated) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *crossEKUNonDedicated) UnmarshalTOML(section any) error { return decodeSettings(section, l) }

func (l *crossEKUNonDedicated) CheckApplies(c *x509.Certificate) bool {
	if !l.CrossCertificate || !smime.IsSMIMESubCA(c) {
		return false
	}
	// anyExtendedKeyUsage is an Error of e_smimelint_subca_eku already.
	eku := &smime.Inspect(c).EKU
	return eku.Present && !eku.Has(smime.OIDAnyExtKeyUsage)
}

func (l *crossEKUNonDedicated) Execute(c *x509.Certificate) *lint.LintResult {
	if other, ok := smime.Inspect(c).EKU.OutsideRealigned(); ok {
		return noticef("the Cross Certificate's extKeyUsage holds %s: if the issuer hierarchy is non-dedicated "+
			"and the subject is dedicated to S/MIME, only id-kp-emailProtection, optionally with "+
			"id-kp-clientAuth, SHALL be present", smime.EKUName(other))
	}
	return pass()
}
