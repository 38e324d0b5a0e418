package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "n_smimelint_subject_mailbox_normalized_match",
			Description: "A Mailbox Address in the subject or a subjectAltName directoryName is " +
				"repeated in the subjectAltName only in another form of its domain (case, U-label " +
				"for A-label): equal under RFC 9598 §5, but not the same string (OTH-03)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §5",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubjectMailboxNormalizedMatch,
	})
}

type subjectMailboxNormalizedMatch struct{}

// NewSubjectMailboxNormalizedMatch returns the Notice part of rule OTH-03
// (spec ambiguity A9): the address is repeated, but relying parties that
// compare strings will not see it.
func NewSubjectMailboxNormalizedMatch() lint.CertificateLintInterface {
	return &subjectMailboxNormalizedMatch{}
}

func (l *subjectMailboxNormalizedMatch) CheckApplies(c *x509.Certificate) bool {
	return isSMIMESubscriber(c)
}

func (l *subjectMailboxNormalizedMatch) Execute(c *x509.Certificate) *lint.LintResult {
	ci := smime.Inspect(c)
	for _, n := range ci.SubjectNames() {
		for i := range n.Name.Attributes {
			a := &n.Name.Attributes[i]
			if smime.HoldsMailboxAddress(a) && ci.MatchSANEmail(a.Value) == smime.NormalizedMatch {
				return noticef("%s %s matches a subjectAltName email only with its domain in another form "+
					"(case or U-label); RFC 9598 §5 treats them as equal", n.Where, a.Describe())
			}
		}
	}
	return pass()
}
