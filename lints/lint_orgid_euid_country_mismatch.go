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
			Name: "w_smimelint_orgid_euid_country_mismatch",
			Description: "In an S/MIME subscriber certificate, a Registration Reference of the NTR " +
				"scheme that is an EUID starts with the country code of its leading string NTRxx " +
				"(ORGID-06)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(d) Note 3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC011EUIDDate,
		},
		Lint: NewOrgIDEUIDCountryMismatch,
	})
}

type orgIDEUIDCountryMismatch struct{}

// NewOrgIDEUIDCountryMismatch returns the country part of rule ORGID-06 for
// identifiers outside Germany, such as NTRFR-DER3306.X: Note 3 says the
// EUID's country code "must match the country code used in the leading
// string 'NTR'". German identifiers are w_smimelint_orgid_ntr_de_euid's,
// which also asks for the EUID itself. It is a Warn, like that lint and
// pkilint's german_ntr_registration_reference_not_euid, because a
// reference is recognised as an EUID by its shape alone.
func NewOrgIDEUIDCountryMismatch() lint.CertificateLintInterface { return &orgIDEUIDCountryMismatch{} }

func (l *orgIDEUIDCountryMismatch) CheckApplies(c *x509.Certificate) bool {
	if !hasSubscriberOrgID(c) {
		return false
	}
	for _, o := range smime.Inspect(c).OrgIDs {
		if _, ok := nonGermanEUID(&o); ok {
			return true
		}
	}
	return false
}

func (l *orgIDEUIDCountryMismatch) Execute(c *x509.Certificate) *lint.LintResult {
	for _, o := range smime.Inspect(c).OrgIDs {
		country, ok := nonGermanEUID(&o)
		if !ok || country == o.ID.Country || sameGreekCode(country, o.ID.Country) {
			continue
		}
		return warnf("%s: Registration Reference %s is an EUID of country %s under NTR%s; SBR §7.1.4.2.2(d) "+
			"Note 3 requires the EUID's country code to match the one of the leading string \"NTR\"",
			o.Describe(), util.Quote(o.ID.Reference), util.Quote(country), o.ID.Country)
	}
	return pass()
}

// nonGermanEUID returns the EUID country code of o's reference when o is a
// parsed NTR identifier of a country other than Germany whose reference has
// the EUID shape.
func nonGermanEUID(o *smime.OrgID) (string, bool) {
	if !o.Parsed() || o.ID.Scheme != smime.SchemeNTR || o.ID.Country == "DE" || !o.ID.HasReference {
		return "", false
	}
	return smime.EUIDCountry(o.ID.Reference)
}

// sameGreekCode reports whether a and b are Greece's two codes: EL, which
// the EU and BRIS use, and GR, its ISO 3166-1 code.
func sameGreekCode(a, b string) bool {
	return a == "EL" && b == "GR" || a == "GR" && b == "EL"
}
