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
			Name: "e_smimelint_issuer_not_smime_ca",
			Description: "With the issuing CA certificate known, an S/MIME subscriber certificate is issued by " +
				"a subordinate CA in S/MIME scope (id-kp-emailProtection, a reserved S/MIME policy, an " +
				"rfc822Name permitted subtree, or declared), and from 2027-07-01 by one whose extKeyUsage holds " +
				"id-kp-emailProtection (ISS-05)",
			Citation:                "SBR v1.0.16 §7.1.2.2(g), §7.1.5",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewIssuerNotSMIMECA,
	})
}

type issuerNotSMIMECA struct {
	// Declared are the declared S/MIME CAs, from zlint\'s [Global] table.
	Declared *smime.DeclaredCAs
	Issuer   string `comment:"The issuing CA certificate, base64 DER or PEM; empty when not known (then this rule does not apply)."`
}

// NewIssuerNotSMIMECA returns the scope part of rule ISS-05. A root issuer
// is not judged: a root SHALL NOT carry an extKeyUsage and SHOULD NOT carry
// certificatePolicies (SBR §7.1.2.1), so nothing in it shows S/MIME scope.
func NewIssuerNotSMIMECA() lint.CertificateLintInterface { return &issuerNotSMIMECA{} }

func (l *issuerNotSMIMECA) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *issuerNotSMIMECA) UnmarshalTOML(section any) error { return decodeSettings(section, l) }

func (l *issuerNotSMIMECA) CheckApplies(c *x509.Certificate) bool {
	if l.Issuer == "" || !isSMIMESubscriber(c) {
		return false
	}
	iss := issuerOf(l.Issuer)
	return iss != nil && smime.RoleOf(iss.Cert) == smime.SubordinateCA
}

func (l *issuerNotSMIMECA) Execute(c *x509.Certificate) *lint.LintResult {
	iss := issuerOf(l.Issuer)
	subject := util.Quote(iss.Cert.Subject.String())
	switch {
	case !iss.SMIMECA && !l.Declared.Declares(iss.Cert):
		return errorf("the issuing CA %s is not in S/MIME scope: no id-kp-emailProtection, no reserved "+
			"S/MIME policy and no rfc822Name permitted subtree", subject)
	case !c.NotBefore.Before(smime.SMC018EKURealignmentDate) && !smime.HasEmailProtection(iss.Cert):
		return errorf("the issuing CA %s has no id-kp-emailProtection in its extKeyUsage; S/MIME subscriber "+
			"certificates issued from %s come from subordinate CAs that have it", subject, day(smime.SMC018EKURealignmentDate))
	}
	return pass()
}
