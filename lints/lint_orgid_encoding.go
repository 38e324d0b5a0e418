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
			Name: "e_smimelint_orgid_encoding",
			Description: "The subject:organizationIdentifier of an S/MIME subscriber certificate, in the " +
				"subject and in each subjectAltName directoryName, is encoded as a PrintableString or " +
				"UTF8String (ORGID-01)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(d), §7.1.4.2.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewOrgIDEncoding,
	})
}

type orgIDEncoding struct{}

// NewOrgIDEncoding returns the lint for rule ORGID-01.
func NewOrgIDEncoding() lint.CertificateLintInterface { return &orgIDEncoding{} }

func (l *orgIDEncoding) CheckApplies(c *x509.Certificate) bool {
	return hasSubscriberOrgID(c)
}

func (l *orgIDEncoding) Execute(c *x509.Certificate) *lint.LintResult {
	for _, o := range smime.Inspect(c).OrgIDs {
		switch {
		case !o.EncodingAllowed():
			return errorf("%s is %s; SBR §7.1.4.2.2(d) requires a PrintableString or UTF8String",
				o.Describe(), o.Encoding())
		case !o.Decoded():
			return errorf("%s: %v; SBR §7.1.4.2.2(d) requires a valid PrintableString or UTF8String",
				o.Describe(), o.Attr.Err)
		}
		if char, ok := o.OutsidePrintableString(); ok {
			return errorf("%s is a PrintableString holding %s, which the PrintableString character set "+
				"(X.680 §41.4) does not have; SBR §7.1.4.2.2(d) requires a valid PrintableString or UTF8String",
				o.Describe(), util.Quote(char))
		}
	}
	return pass()
}
