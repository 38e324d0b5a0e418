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
			Name: "e_smimelint_orgid_gov_int",
			Description: "In an S/MIME subscriber certificate, a subject:organizationIdentifier of a " +
				"Government Entity is \"GOV\", an ISO 3166-1 country code and optionally \"+\" and an " +
				"ISO 3166-2 subdivision, with no Registration Reference; one of an International " +
				"Organization Entity is exactly \"INTXG\" (ORGID-05)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(d) Note 2",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewOrgIDGovInt,
	})
}

type orgIDGovInt struct{}

// NewOrgIDGovInt returns the lint for rule ORGID-05.
func NewOrgIDGovInt() lint.CertificateLintInterface { return &orgIDGovInt{} }

func (l *orgIDGovInt) CheckApplies(c *x509.Certificate) bool {
	return hasSubscriberOrgID(c)
}

func (l *orgIDGovInt) Execute(c *x509.Certificate) *lint.LintResult {
	for _, o := range smime.Inspect(c).OrgIDs {
		if !o.Parsed() {
			continue // e_smimelint_orgid_encoding, e_smimelint_orgid_structure
		}
		id := o.ID
		switch id.Scheme {
		case smime.SchemeGOV:
			switch {
			case !smime.IsISO3166Country(id.Country):
				return errorf("%s: %s is no ISO 3166-1 alpha-2 country code; SBR §7.1.4.2.2(d) Note 2 requires "+
					"\"GOV\" and the code of the government's country", o.Describe(), util.Quote(id.Country))
			case id.HasReference:
				return errorf("%s: a Government Entity has no Registration Reference, yet %s follows the \"-\"; "+
					"SBR §7.1.4.2.2(d) Note 2 requires \"GOV\", the country code and optionally \"+\" and a "+
					"subdivision", o.Describe(), util.Quote(id.Reference))
			}
		case smime.SchemeINT:
			switch {
			case id.Country != smime.CountryGlobal:
				return errorf("%s: the INT scheme uses the country code \"XG\", not %s; SBR §7.1.4.2.2(d) "+
					"Note 2 requires exactly \"INTXG\"", o.Describe(), util.Quote(id.Country))
			case id.HasSubdivision:
				return errorf("%s: the INT scheme has no subdivision, yet %s follows the \"+\"; SBR "+
					"§7.1.4.2.2(d) Note 2 requires exactly \"INTXG\"", o.Describe(), util.Quote(id.Subdivision))
			case id.HasReference:
				return errorf("%s: an International Organization Entity has no Registration Reference, yet %s "+
					"follows the \"-\"; SBR §7.1.4.2.2(d) Note 2 requires exactly \"INTXG\"", o.Describe(),
					util.Quote(id.Reference))
			}
		}
	}
	return pass()
}
