package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_smtputf8mailbox_ascii_local_part",
			Description: "An SmtpUTF8Mailbox is used only when the local part of the address holds a " +
				"non-ASCII character; an address with an ASCII local part is an rfc822Name, " +
				"whatever its domain (EAI-07)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSmtpUTF8MailboxASCIILocalPart,
	})
}

type smtpUTF8MailboxASCIILocalPart struct{}

// NewSmtpUTF8MailboxASCIILocalPart returns the lint for rule EAI-07.
func NewSmtpUTF8MailboxASCIILocalPart() lint.CertificateLintInterface {
	return &smtpUTF8MailboxASCIILocalPart{}
}

func (l *smtpUTF8MailboxASCIILocalPart) CheckApplies(c *x509.Certificate) bool {
	return hasSmtpUTF8Mailbox(c)
}

func (l *smtpUTF8MailboxASCIILocalPart) Execute(c *x509.Certificate) *lint.LintResult {
	for _, m := range smime.Inspect(c).Mailboxes {
		if m.Parsed() && smime.IsASCII(m.Mailbox.LocalPart) {
			return errorf("%s: the local part is ASCII-only; RFC 9598 §3 requires an rfc822Name for it", m.Describe())
		}
	}
	return pass()
}
