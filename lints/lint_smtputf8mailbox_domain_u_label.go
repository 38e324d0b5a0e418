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
			Name: "e_smimelint_smtputf8mailbox_domain_u_label",
			Description: "In an SmtpUTF8Mailbox, domain labels that include non-ASCII characters are " +
				"stored as A-labels, never U-labels; until SBR v1.0.6 adopted RFC 9598, RFC 8398 " +
				"required U-labels, so earlier certificates are not evaluated (EAI-03)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC08RFC9598Date,
		},
		Lint: NewSmtpUTF8MailboxDomainULabel,
	})
}

type smtpUTF8MailboxDomainULabel struct{}

// NewSmtpUTF8MailboxDomainULabel returns the lint for rule EAI-03.
func NewSmtpUTF8MailboxDomainULabel() lint.CertificateLintInterface {
	return &smtpUTF8MailboxDomainULabel{}
}

func (l *smtpUTF8MailboxDomainULabel) CheckApplies(c *x509.Certificate) bool {
	return hasSmtpUTF8Mailbox(c)
}

func (l *smtpUTF8MailboxDomainULabel) Execute(c *x509.Certificate) *lint.LintResult {
	for _, m := range smime.Inspect(c).Mailboxes {
		if !m.Parsed() {
			continue
		}
		if label, ok := smime.FirstULabel(m.Mailbox.Domain); ok {
			required := "its A-label"
			if a := util.ToALabel(label); a != "" {
				required = "the A-label " + util.Quote(a)
			}
			return errorf("%s: domain label %s is a U-label; RFC 9598 §3 requires %s",
				m.Describe(), util.Quote(label), required)
		}
	}
	return pass()
}
