package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subject_pseudonym_common_name",
			Description: "When pseudonym is present in the subject, or a subjectAltName " +
				"directoryName, of an S/MIME subscriber certificate, commonName holds that " +
				"pseudonym (compared exactly) or a Mailbox Address, never a Personal Name (OTH-07, SAN-DIRNAME)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(a), §7.1.4.2.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC06Date,
		},
		Lint: NewSubjectPseudonymCommonName,
	})
}

type subjectPseudonymCommonName struct{}

// NewSubjectPseudonymCommonName returns the commonName part of rule OTH-07,
// added by ballot SMC06 (SBR v1.0.4).
func NewSubjectPseudonymCommonName() lint.CertificateLintInterface {
	return &subjectPseudonymCommonName{}
}

func (l *subjectPseudonymCommonName) CheckApplies(c *x509.Certificate) bool {
	return isSMIMESubscriber(c)
}

func (l *subjectPseudonymCommonName) Execute(c *x509.Certificate) *lint.LintResult {
	for _, n := range smime.Inspect(c).SubjectNames() {
		pseudonyms := n.Name.All(smime.OIDPseudonym)
		if len(pseudonyms) == 0 {
			continue
		}
		for _, cn := range n.Name.All(smime.OIDCommonName) {
			if cn.Err != nil || smime.IsMailboxAddress(cn.Value) {
				continue
			}
			matched := false
			for _, p := range pseudonyms {
				matched = matched || (p.Err == nil && p.Value == cn.Value)
			}
			if !matched {
				return errorf("%s %s is neither the pseudonym %s nor a Mailbox Address", n.Where,
					cn.Describe(), util.Quote(pseudonyms[0].Value))
			}
		}
	}
	return pass()
}
