package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_smtputf8mailbox_not_mailbox",
			Description: "An SmtpUTF8Mailbox is a bare RFC 6531 Mailbox, Local-part \"@\" Domain, " +
				"with no display name, comment, angle brackets or other padding (EAI-06)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1, §1.6.1; RFC 9598 §3; RFC 6531 §3.3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSmtpUTF8MailboxNotMailbox,
	})
}

type smtpUTF8MailboxNotMailbox struct{}

// NewSmtpUTF8MailboxNotMailbox returns the lint for rule EAI-06.
func NewSmtpUTF8MailboxNotMailbox() lint.CertificateLintInterface {
	return &smtpUTF8MailboxNotMailbox{}
}

func (l *smtpUTF8MailboxNotMailbox) CheckApplies(c *x509.Certificate) bool {
	return hasSmtpUTF8Mailbox(c)
}

func (l *smtpUTF8MailboxNotMailbox) Execute(c *x509.Certificate) *lint.LintResult {
	for _, m := range smime.Inspect(c).Mailboxes {
		if m.ValueErr == nil && m.SyntaxErr != nil {
			return errorf("%s %v; RFC 9598 §3 requires a bare RFC 6531 Mailbox", m.Describe(), m.SyntaxErr)
		}
	}
	return pass()
}
