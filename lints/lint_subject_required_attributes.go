package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subject_required_attributes",
			Description: "The subject of an Organization- or Sponsor-validated subscriber " +
				"certificate holds organizationName and organizationIdentifier (OTH-08)",
			Citation:      "SBR v1.0.16 §7.1.4.2.4, §7.1.4.2.5",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubjectRequiredAttributes,
	})
}

type subjectRequiredAttributes struct{}

// NewSubjectRequiredAttributes returns the required half of rule OTH-08.
// The personal-name requirement of Sponsor- and Individual-validated
// certificates is upstream's e_invalid_individual_identity. It applies to
// the subject only: a subjectAltName directoryName need not repeat it.
func NewSubjectRequiredAttributes() lint.CertificateLintInterface {
	return &subjectRequiredAttributes{}
}

func (l *subjectRequiredAttributes) CheckApplies(c *x509.Certificate) bool {
	t := smime.PolicyOf(c).Type
	return (t == smime.OrganizationValidated || t == smime.SponsorValidated) && isSMIMESubscriber(c)
}

func (l *subjectRequiredAttributes) Execute(c *x509.Certificate) *lint.LintResult {
	ci := smime.Inspect(c)
	for _, oid := range [...]smimeOID{smime.OIDOrganizationName, smime.OIDOrganizationIdentifier} {
		if !ci.Subject.Has(oid) {
			return errorf("the subject lacks %s, which %s certificates require", smime.AttributeName(oid), ci.Class.Type())
		}
	}
	return pass()
}
