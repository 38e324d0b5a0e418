package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_smtputf8mailbox_domain_uppercase",
			Description: "In an SmtpUTF8Mailbox, all NR-LDH and A-label labels of the domain part are " +
				"encoded with lowercase letters only, so values compare octet for octet (EAI-05)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSmtpUTF8MailboxDomainUppercase,
	})
}

type smtpUTF8MailboxDomainUppercase struct{}

// NewSmtpUTF8MailboxDomainUppercase returns the lint for rule EAI-05.
func NewSmtpUTF8MailboxDomainUppercase() lint.CertificateLintInterface {
	return &smtpUTF8MailboxDomainUppercase{}
}

func (l *smtpUTF8MailboxDomainUppercase) CheckApplies(c *x509.Certificate) bool {
	return hasSmtpUTF8Mailbox(c)
}

func (l *smtpUTF8MailboxDomainUppercase) Execute(c *x509.Certificate) *lint.LintResult {
	for _, m := range smime.Inspect(c).Mailboxes {
		if m.Parsed() && smime.HasUpperASCII(m.Mailbox.Domain) {
			return errorf("%s: the domain part has uppercase letters; RFC 9598 §3 requires lowercase", m.Describe())
		}
	}
	return pass()
}
