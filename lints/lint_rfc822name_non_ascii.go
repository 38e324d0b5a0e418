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
			Name: "e_smimelint_rfc822name_non_ascii",
			Description: "An email address with a non-ASCII local part is stored as an otherName " +
				"of type id-on-SmtpUTF8Mailbox, never as an rfc822Name, in the subjectAltName " +
				"and issuerAltName of S/MIME subscriber certificates (EAI-02)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1; RFC 9598 §3; RFC 5280 §4.2.1.6",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewRFC822NameNonASCII,
	})
}

type rfc822NameNonASCII struct{}

// NewRFC822NameNonASCII returns the lint for rule EAI-02.
func NewRFC822NameNonASCII() lint.CertificateLintInterface { return &rfc822NameNonASCII{} }

func (l *rfc822NameNonASCII) CheckApplies(c *x509.Certificate) bool {
	if !smime.MayBeSMIMESubscriber(c) {
		return false
	}
	ci := smime.Inspect(c)
	return ci.Class.IsSMIMESubscriber() && len(ci.RFC822Names) > 0
}

func (l *rfc822NameNonASCII) Execute(c *x509.Certificate) *lint.LintResult {
	for _, e := range smime.Inspect(c).RFC822Names {
		if i := util.FirstNonASCII(e.Name.Value); i >= 0 {
			return errorf("%s has a non-ASCII octet at offset %d; an rfc822Name is ASCII: a non-ASCII "+
				"local part goes in an id-on-SmtpUTF8Mailbox otherName and a non-ASCII domain label "+
				"is written as its A-label", e.Describe(), i)
		}
	}
	return pass()
}
