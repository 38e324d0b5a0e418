package lints

import (
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_smtputf8mailbox_bom",
			Description: "The UTF8String of an SmtpUTF8Mailbox contains no byte-order mark (U+FEFF) " +
				"anywhere (EAI-08)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSmtpUTF8MailboxBOM,
	})
}

type smtpUTF8MailboxBOM struct{}

// NewSmtpUTF8MailboxBOM returns the lint for rule EAI-08.
func NewSmtpUTF8MailboxBOM() lint.CertificateLintInterface { return &smtpUTF8MailboxBOM{} }

func (l *smtpUTF8MailboxBOM) CheckApplies(c *x509.Certificate) bool {
	return hasSmtpUTF8Mailbox(c)
}

func (l *smtpUTF8MailboxBOM) Execute(c *x509.Certificate) *lint.LintResult {
	for _, m := range smime.Inspect(c).Mailboxes {
		if m.ValueErr != nil {
			continue
		}
		if i := strings.IndexRune(m.Value, '\uFEFF'); i >= 0 {
			return errorf("%s has a byte-order mark (U+FEFF) at octet %d; RFC 9598 §3 forbids it", m.Describe(), i)
		}
	}
	return pass()
}
