package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subject_pseudonym_with_name",
			Description: "givenName and surname are not present with pseudonym in the subject, or a " +
				"subjectAltName directoryName, of an S/MIME subscriber certificate (OTH-07, SAN-DIRNAME)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(e), §7.1.4.2.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubjectPseudonymWithName,
	})
}

type subjectPseudonymWithName struct{}

// NewSubjectPseudonymWithName returns the first part of rule OTH-07.
func NewSubjectPseudonymWithName() lint.CertificateLintInterface { return &subjectPseudonymWithName{} }

func (l *subjectPseudonymWithName) CheckApplies(c *x509.Certificate) bool {
	return isSMIMESubscriber(c)
}

func (l *subjectPseudonymWithName) Execute(c *x509.Certificate) *lint.LintResult {
	for _, n := range smime.Inspect(c).SubjectNames() {
		if n.Name.Has(smime.OIDPseudonym) && (n.Name.Has(smime.OIDGivenName) || n.Name.Has(smime.OIDSurname)) {
			return errorf("%s has pseudonym together with givenName or surname", n.Where)
		}
	}
	return pass()
}
