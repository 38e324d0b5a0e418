package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subject_prohibited_attributes",
			Description: "The subject, and any subjectAltName directoryName, of an Organization-, " +
				"Sponsor- or Individual-validated subscriber certificate holds only the attributes " +
				"its type and generation allow: no personal names or title in Organization, no " +
				"organization attributes in Individual, no streetAddress or postalCode in Strict, " +
				"and no attribute outside the SBR's list in Multipurpose and Strict (OTH-08, SAN-DIRNAME)",
			Citation:      "SBR v1.0.16 §7.1.4.2.4-§7.1.4.2.6, §7.1.4.2.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubjectProhibitedAttributes,
	})
}

type subjectProhibitedAttributes struct{}

// NewSubjectProhibitedAttributes returns the prohibited half of rule
// OTH-08; Mailbox-validated subjects are upstream's
// e_mailbox_validated_enforce_subject_field_restrictions.
func NewSubjectProhibitedAttributes() lint.CertificateLintInterface {
	return &subjectProhibitedAttributes{}
}

func (l *subjectProhibitedAttributes) CheckApplies(c *x509.Certificate) bool {
	p := smime.PolicyOf(c)
	return p.Generation != smime.GenerationUnknown && p.Type != smime.MailboxValidated && isSMIMESubscriber(c)
}

func (l *subjectProhibitedAttributes) Execute(c *x509.Certificate) *lint.LintResult {
	ci := smime.Inspect(c)
	p := ci.Class.Policy
	for _, n := range ci.SubjectNames() {
		for i := range n.Name.Attributes {
			a := &n.Name.Attributes[i]
			if why := smime.ProhibitedAttribute(p, a.Type); why != "" {
				return errorf("%s has %s: %s", n.Where, smime.AttributeName(a.Type), why)
			}
		}
	}
	return pass()
}
