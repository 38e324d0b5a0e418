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
			Name: "w_smimelint_name_constraints_rfc822_mailbox",
			Description: "rfc822Name name constraints with a local part (a single mailbox) " +
				"should not be used (EAI-15)",
			Citation:                "SBR v1.0.16 §7.1.2.2(f); RFC 9598 §6",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewNameConstraintsRFC822Mailbox,
	})
}

type nameConstraintsRFC822Mailbox struct{}

// NewNameConstraintsRFC822Mailbox returns the lint for rule EAI-15.
func NewNameConstraintsRFC822Mailbox() lint.CertificateLintInterface {
	return &nameConstraintsRFC822Mailbox{}
}

func (l *nameConstraintsRFC822Mailbox) CheckApplies(c *x509.Certificate) bool {
	return hasEmailNameConstraints(c)
}

func (l *nameConstraintsRFC822Mailbox) Execute(c *x509.Certificate) *lint.LintResult {
	for _, st := range smime.Inspect(c).NameConstraints.EmailSubtrees() {
		b := &st.Subtree.Base
		if b.Tag == smime.RFC822NameTag && strings.Contains(string(b.Value), "@") {
			return warnf("nameConstraints %s rfc822Name %s names a mailbox; RFC 9598 §6 says constraints "+
				"with a local part SHOULD NOT be used", st.Kind, util.QuoteBytes(b.Value))
		}
	}
	return pass()
}
