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
			Name: "e_smimelint_name_constraints_email_form",
			Description: "A CA certificate with email address name constraints uses rfc822Name " +
				"constraints only, never SmtpUTF8Mailbox, and each is an IDNA2008-conformant " +
				"name with non-ASCII domains encoded as A-labels (EAI-14)",
			Citation:                "SBR v1.0.16 §7.1.2.2(f); RFC 9598 §6, §4",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewNameConstraintsEmailForm,
	})
}

type nameConstraintsEmailForm struct{}

// NewNameConstraintsEmailForm returns the lint for rule EAI-14.
func NewNameConstraintsEmailForm() lint.CertificateLintInterface { return &nameConstraintsEmailForm{} }

func (l *nameConstraintsEmailForm) CheckApplies(c *x509.Certificate) bool {
	return hasEmailNameConstraints(c)
}

func (l *nameConstraintsEmailForm) Execute(c *x509.Certificate) *lint.LintResult {
	for _, st := range smime.Inspect(c).NameConstraints.EmailSubtrees() {
		b := &st.Subtree.Base
		if b.IsSmtpUTF8Mailbox() {
			return errorf("nameConstraints %s subtree is an SmtpUTF8Mailbox; RFC 9598 §6 requires rfc822Name constraints only", st.Kind)
		}
		if i := util.FirstNonASCII(b.Value); i >= 0 {
			return errorf("nameConstraints %s rfc822Name %s has a non-ASCII octet at offset %d; "+
				"RFC 9598 §6 requires A-labels", st.Kind, util.QuoteBytes(b.Value), i)
		}
		domain := smime.ConstraintDomain(string(b.Value))
		if domain == "" {
			continue // no domain to judge
		}
		err := smime.CheckLDH(domain)
		if err == nil {
			err = smime.CheckALabels(domain)
		}
		if err != nil {
			return errorf("nameConstraints %s rfc822Name %s: %v; RFC 9598 §6 requires IDNA2008-conformant names",
				st.Kind, util.QuoteBytes(b.Value), err)
		}
	}
	return pass()
}
