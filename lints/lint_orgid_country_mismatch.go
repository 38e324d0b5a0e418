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
			Name: "e_smimelint_orgid_country_mismatch",
			Description: "In an S/MIME subscriber certificate, the country code of a " +
				"subject:organizationIdentifier matches the subject:countryName of the same Name (the " +
				"subject or a subjectAltName directoryName) when one is present, except for the LEI and " +
				"INT schemes; from 2024-05-11 (SBR v1.0.4) a VAT identifier may use the Article 215 prefix EL " +
				"or XI, with countryName GR or GB; an LEI identifier uses \"XG\" (ORGID-04)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(d) Note 1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewOrgIDCountryMismatch,
	})
}

type orgIDCountryMismatch struct{}

// NewOrgIDCountryMismatch returns the lint for rule ORGID-04. The Article
// 215 prefixes are accepted from smime.VATArticle215Date (SBR v1.0.4,
// 2024-05-11), when the SBR first allowed them; before it the prefix must
// equal countryName like any other scheme's country code. Upstream's
// e_registration_scheme_id_matches_subject_country does not know them and
// reports an Error for VATEL-… with countryName GR.
func NewOrgIDCountryMismatch() lint.CertificateLintInterface { return &orgIDCountryMismatch{} }

func (l *orgIDCountryMismatch) CheckApplies(c *x509.Certificate) bool {
	return hasSubscriberOrgID(c)
}

func (l *orgIDCountryMismatch) Execute(c *x509.Certificate) *lint.LintResult {
	for _, o := range smime.Inspect(c).OrgIDs {
		if !o.Parsed() {
			continue // e_smimelint_orgid_encoding, e_smimelint_orgid_structure
		}
		id := o.ID
		switch id.Scheme {
		case smime.SchemeLEI:
			if id.Country != smime.CountryGlobal {
				return errorf("%s: the LEI scheme uses the country code \"XG\", not %s", o.Describe(), util.Quote(id.Country))
			}
			continue
		case smime.SchemeNTR, smime.SchemeVAT, smime.SchemePSD, smime.SchemeGOV:
		default:
			continue // INT is exempt; unknown schemes are e_smimelint_orgid_structure's
		}
		want, prefix := id.Country, ""
		if id.Scheme == smime.SchemeVAT && !c.NotBefore.Before(smime.VATArticle215Date) {
			if iso, _ := smime.VATCountry(id.Country); iso != id.Country {
				want, prefix = iso, " (the Article 215 VAT prefix for "+util.Quote(iso)+")"
			}
		}
		if id.Scheme == smime.SchemeVAT && prefix == "" {
			if iso, _ := smime.VATCountry(id.Country); iso != id.Country {
				prefix = " (an Article 215 VAT prefix, which SBR v1.0.4 first allowed in certificates issued on or after " +
					day(smime.VATArticle215Date) + ")"
			}
		}
		for _, cn := range o.Countries {
			if cn.Err == nil && cn.Value != want {
				return errorf("%s: country code %s%s does not match %s countryName %s; SBR §7.1.4.2.2(d) "+
					"requires countryName %s", o.Describe(), util.Quote(id.Country), prefix, o.Where,
					util.Quote(cn.Value), util.Quote(want))
			}
		}
	}
	return pass()
}
