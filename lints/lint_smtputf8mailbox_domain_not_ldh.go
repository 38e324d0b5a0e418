package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_smtputf8mailbox_domain_not_ldh",
			Description: "In an SmtpUTF8Mailbox, ASCII domain labels follow the NR-LDH rules of " +
				"RFC 5890 §2.3.1: 1 to 63 letters, digits and hyphens, no leading or trailing " +
				"hyphen, no \"--\" in positions 3 and 4 unless an xn-- A-label, at most 253 " +
				"octets in all, and no address literal (EAI-04)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §3; RFC 5890 §2.3.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSmtpUTF8MailboxDomainNotLDH,
	})
}

type smtpUTF8MailboxDomainNotLDH struct{}

// NewSmtpUTF8MailboxDomainNotLDH returns the lint for rule EAI-04.
func NewSmtpUTF8MailboxDomainNotLDH() lint.CertificateLintInterface {
	return &smtpUTF8MailboxDomainNotLDH{}
}

func (l *smtpUTF8MailboxDomainNotLDH) CheckApplies(c *x509.Certificate) bool {
	return hasSmtpUTF8Mailbox(c)
}

func (l *smtpUTF8MailboxDomainNotLDH) Execute(c *x509.Certificate) *lint.LintResult {
	for _, m := range smime.Inspect(c).Mailboxes {
		if !m.Parsed() {
			continue
		}
		if err := smime.CheckLDH(m.Mailbox.Domain); err != nil {
			return errorf("%s: %v; RFC 9598 §3 requires NR-LDH labels (RFC 5890 §2.3.1)", m.Describe(), err)
		}
	}
	return pass()
}
