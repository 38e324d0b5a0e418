package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_smtputf8mailbox_not_utf8string",
			Description: "The value of an id-on-SmtpUTF8Mailbox otherName is a UTF8String of at " +
				"least one character holding valid UTF-8 (EAI-01)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSmtpUTF8MailboxNotUTF8String,
	})
}

type smtpUTF8MailboxNotUTF8String struct{}

// NewSmtpUTF8MailboxNotUTF8String returns the lint for rule EAI-01.
func NewSmtpUTF8MailboxNotUTF8String() lint.CertificateLintInterface {
	return &smtpUTF8MailboxNotUTF8String{}
}

func (l *smtpUTF8MailboxNotUTF8String) CheckApplies(c *x509.Certificate) bool {
	return hasSmtpUTF8Mailbox(c)
}

func (l *smtpUTF8MailboxNotUTF8String) Execute(c *x509.Certificate) *lint.LintResult {
	for _, m := range smime.Inspect(c).Mailboxes {
		if m.ValueErr != nil {
			return errorf("%s: %v; RFC 9598 §3 requires a non-empty UTF8String", m.Describe(), m.ValueErr)
		}
	}
	return pass()
}
