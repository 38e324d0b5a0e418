package lints

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_rfc822name_non_ascii",
			Description: "An email address with a non-ASCII character is stored as an otherName " +
				"of type id-on-SmtpUTF8Mailbox, never as an rfc822Name, in the subjectAltName " +
				"and issuerAltName of S/MIME subscriber certificates",
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
	ci := smime.Inspect(c)
	return ci.Class.IsSMIMESubscriber() && (ci.SAN.Has(smime.RFC822NameTag) || ci.IAN.Has(smime.RFC822NameTag))
}

func (l *rfc822NameNonASCII) Execute(c *x509.Certificate) *lint.LintResult {
	ci := smime.Inspect(c)
	for _, ext := range []struct {
		name  string
		names *smime.AltNames
	}{{"subjectAltName", &ci.SAN}, {"issuerAltName", &ci.IAN}} {
		for _, n := range ext.names.Names {
			if n.Tag != smime.RFC822NameTag {
				continue
			}
			if i := util.FirstNonASCII(n.Value); i >= 0 {
				return &lint.LintResult{Status: lint.Error, Details: fmt.Sprintf(
					"%s rfc822Name %s has a non-ASCII octet at offset %d; an address with a "+
						"non-ASCII local part goes in an id-on-SmtpUTF8Mailbox otherName, and a "+
						"non-ASCII domain label is written as its A-label",
					ext.name, util.QuoteBytes(n.Value), i)}
			}
		}
	}
	return &lint.LintResult{Status: lint.Pass}
}
