package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subject_mailbox_not_in_san",
			Description: "Every Mailbox Address in the subject (every emailAddress, and any other " +
				"attribute whose value is a Mailbox Address with a domain of two or more labels, " +
				"commonName included, whatever the certificate type) or in a subjectAltName " +
				"directoryName is repeated as an rfc822Name or SmtpUTF8Mailbox of the subjectAltName, compared as " +
				"RFC 9598 §5 says: local part octet for octet, domain as lowercase A-labels (OTH-03)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1, §7.1.4.2.2(a), (h); RFC 9598 §5",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubjectMailboxNotInSAN,
	})
}

type subjectMailboxNotInSAN struct{}

// NewSubjectMailboxNotInSAN returns the lint for rule OTH-03. It supersedes
// upstream's e_mailbox_address_shall_contain_an_rfc822_name and
// e_subj_email_not_in_san, which compare exact strings (so a domain in
// another case is an Error) and look at commonName only in
// Mailbox-validated certificates.
func NewSubjectMailboxNotInSAN() lint.CertificateLintInterface { return &subjectMailboxNotInSAN{} }

func (l *subjectMailboxNotInSAN) CheckApplies(c *x509.Certificate) bool {
	return isSMIMESubscriber(c)
}

func (l *subjectMailboxNotInSAN) Execute(c *x509.Certificate) *lint.LintResult {
	ci := smime.Inspect(c)
	for _, n := range ci.SubjectNames() {
		for i := range n.Name.Attributes {
			a := &n.Name.Attributes[i]
			if smime.HoldsMailboxAddress(a) && ci.MatchSANEmail(a.Value) == smime.NoMatch {
				return errorf("%s %s is a Mailbox Address that no rfc822Name or SmtpUTF8Mailbox of the "+
					"subjectAltName repeats", n.Where, a.Describe())
			}
		}
	}
	return pass()
}
