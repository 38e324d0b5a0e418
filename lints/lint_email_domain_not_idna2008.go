package lints

import (
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_email_domain_not_idna2008",
			Description: "Every email address domain (SmtpUTF8Mailbox and rfc822Name in the " +
				"subjectAltName and issuerAltName, subject:emailAddress) conforms to IDNA2008: " +
				"each xn-- label is a valid A-label that decodes, is valid IDNA2008 and " +
				"re-encodes to itself; an rfc822Name domain is a valid domain name; before " +
				"SBR v1.0.6, SmtpUTF8Mailbox U-labels are valid IDNA2008 U-labels in NFC (EAI-10)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §4; RFC 8398 §3, §4; RFC 5891 §5.4",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewEmailDomainNotIDNA2008,
	})
}

type emailDomainNotIDNA2008 struct{}

// NewEmailDomainNotIDNA2008 returns the lint for rule EAI-10.
func NewEmailDomainNotIDNA2008() lint.CertificateLintInterface { return &emailDomainNotIDNA2008{} }

func (l *emailDomainNotIDNA2008) CheckApplies(c *x509.Certificate) bool {
	if !smime.MayBeSMIMESubscriber(c) {
		return false
	}
	ci := smime.Inspect(c)
	return ci.Class.IsSMIMESubscriber() &&
		(len(ci.Mailboxes) > 0 || len(ci.RFC822Names) > 0 || len(c.Subject.EmailAddress) > 0)
}

func (l *emailDomainNotIDNA2008) Execute(c *x509.Certificate) *lint.LintResult {
	ci := smime.Inspect(c)
	// Under RFC 8398 (SBR v1.0.0 to v1.0.5) non-ASCII labels were stored as
	// U-labels and had to be valid ones; from v1.0.6 they are an error of
	// their own (e_smimelint_smtputf8mailbox_domain_u_label).
	rfc8398Era := c.NotBefore.Before(smime.SMC08RFC9598Date)
	for _, m := range ci.Mailboxes {
		if !m.Parsed() {
			continue
		}
		if err := smime.CheckALabels(m.Mailbox.Domain); err != nil {
			return errorf("%s: %v; RFC 9598 §4 requires IDNA2008", m.Describe(), err)
		}
		if rfc8398Era {
			if err := smime.CheckULabels(m.Mailbox.Domain); err != nil {
				return errorf("%s: %v; RFC 8398 §3 requires valid IDNA2008 U-labels in NFC", m.Describe(), err)
			}
		}
	}
	for _, e := range ci.RFC822Names {
		if r := checkASCIIEmailDomain(string(e.Name.Value)); r != "" {
			return errorf("%s: %s; RFC 9598 §4 requires an IDNA2008 domain name", e.Describe(), r)
		}
	}
	for _, addr := range c.Subject.EmailAddress {
		if r := checkASCIIEmailDomain(addr); r != "" {
			return errorf("subject:emailAddress %s: %s; RFC 9598 §4 requires an IDNA2008 domain name", util.Quote(addr), r)
		}
	}
	return pass()
}

// checkASCIIEmailDomain checks the domain of an ASCII address (rfc822Name or
// emailAddress) and says what is wrong with it. Non-ASCII values and values
// without "@" are other rules' findings (e_smimelint_rfc822name_non_ascii,
// upstream's e_ext_san_rfc822_format_invalid).
func checkASCIIEmailDomain(addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 || !smime.IsASCII(addr) {
		return ""
	}
	domain := addr[at+1:]
	if err := smime.CheckLDH(domain); err != nil {
		return err.Error()
	}
	if err := smime.CheckALabels(domain); err != nil {
		return err.Error()
	}
	return ""
}
