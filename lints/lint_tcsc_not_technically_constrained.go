package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "n_smimelint_tcsc_not_technically_constrained",
			Description: "An S/MIME subordinate CA certificate with id-kp-emailProtection and " +
				"nameConstraints is Technically Constrained only with rfc822Name and directoryName " +
				"permitted subtrees and no anyExtendedKeyUsage; otherwise it is audited as an " +
				"unconstrained CA, which is allowed (OTH-20)",
			Citation:                "SBR v1.0.16 §7.1.5",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewTCSCNotTechnicallyConstrained,
	})
}

type tcscNotTechnicallyConstrained struct{}

// NewTCSCNotTechnicallyConstrained returns the Notice part of rule OTH-20.
func NewTCSCNotTechnicallyConstrained() lint.CertificateLintInterface {
	return &tcscNotTechnicallyConstrained{}
}

func (l *tcscNotTechnicallyConstrained) CheckApplies(c *x509.Certificate) bool {
	return (&tcscRFC822Constraints{}).CheckApplies(c)
}

func (l *tcscNotTechnicallyConstrained) Execute(c *x509.Certificate) *lint.LintResult {
	ci := smime.Inspect(c)
	var rfc822, dirName bool
	for _, st := range ci.NameConstraints.Permitted {
		rfc822 = rfc822 || st.Base.Tag == smime.RFC822NameTag
		dirName = dirName || st.Base.Tag == smime.DirectoryNameTag
	}
	switch {
	case !rfc822 || !dirName:
		return noticef("nameConstraints lacks a permitted rfc822Name or directoryName subtree, so the CA is " +
			"not Technically Constrained (SBR §7.1.5) and is audited as an unconstrained CA")
	case ci.EKU.Has(smime.OIDAnyExtKeyUsage):
		// SBR §7.1.5 counts a CA whose EKU holds anyExtendedKeyUsage as
		// unconstrained whatever its name constraints; §7.1.2.2(g) also
		// forbids the value, which is e_smimelint_subca_eku's Error.
		return noticef("extKeyUsage holds anyExtendedKeyUsage, so the CA is not Technically Constrained " +
			"(SBR §7.1.5) whatever its nameConstraints, and is audited as an unconstrained CA")
	}
	return pass()
}
