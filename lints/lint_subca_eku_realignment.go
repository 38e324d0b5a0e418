package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subca_eku_realignment",
			Description: "From 2027-07-01, an S/MIME subordinate CA certificate's extKeyUsage holds " +
				"only id-kp-emailProtection and, optionally, id-kp-clientAuth; Cross Certificates " +
				"(cross_certificate = true) are left to their own rule (EKU-SUBCA, ballot SMC018)",
			Citation:                "SBR v1.0.16 §7.1.2.2(g)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SMC018EKURealignmentDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCAEKURealignment,
	})
}

type subCAEKURealignment struct {
	CrossCertificate bool `comment:"Lint the certificate as a Cross Certificate: this rule then does not apply."`
}

// NewSubCAEKURealignment returns the 2027 part of rule EKU-SUBCA.
func NewSubCAEKURealignment() lint.CertificateLintInterface { return &subCAEKURealignment{} }

// Configure lets zlint's configuration mark the certificate as a Cross
// Certificate.
func (l *subCAEKURealignment) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *subCAEKURealignment) UnmarshalTOML(section any) error { return decodeSettings(section, l) }

func (l *subCAEKURealignment) CheckApplies(c *x509.Certificate) bool {
	return !l.CrossCertificate && smime.IsSMIMESubCA(c) && smime.Inspect(c).EKU.Present
}

func (l *subCAEKURealignment) Execute(c *x509.Certificate) *lint.LintResult {
	if other, ok := smime.Inspect(c).EKU.OutsideRealigned(); ok {
		return errorf("extKeyUsage holds %s in a subordinate CA certificate signed %s; from %s only "+
			"id-kp-emailProtection and id-kp-clientAuth are allowed", smime.EKUName(other),
			day(c.NotBefore), day(smime.SMC018EKURealignmentDate))
	}
	return pass()
}
