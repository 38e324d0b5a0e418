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
			Name: "e_smimelint_orgid_structure",
			Description: "The subject:organizationIdentifier of an S/MIME subscriber certificate, in the " +
				"subject and in each subjectAltName directoryName, is a Registration Scheme among NTR, " +
				"VAT, PSD, LEI, GOV and INT, a 2-letter country code, optionally \"+\" and an ISO 3166-2 " +
				"subdivision of up to 3 letters or digits, and \"-\" and a Registration Reference. NTR, " +
				"VAT and PSD use an ISO 3166-1 code (VAT also the Article 215 prefixes EL and XI); NTR, " +
				"VAT, PSD and LEI have a reference; an LEI has no subdivision and is 20 characters with " +
				"valid ISO 17442 check digits; a PSD reference is <NCA identifier>-<authorization " +
				"number> (ETSI TS 119 495). GOV and INT are checked by e_smimelint_orgid_gov_int, the " +
				"LEI country code by e_smimelint_orgid_country_mismatch (ORGID-02, ORGID-03)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(d), Appendix A.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewOrgIDStructure,
	})
}

type orgIDStructure struct{}

// NewOrgIDStructure returns the lint for rules ORGID-02 and ORGID-03. A
// subdivision on VAT or PSD is no error: the subdivision form of SBR
// v1.0.9 is not limited by scheme (SBR-RULES §7 A13).
func NewOrgIDStructure() lint.CertificateLintInterface { return &orgIDStructure{} }

func (l *orgIDStructure) CheckApplies(c *x509.Certificate) bool {
	return hasSubscriberOrgID(c)
}

func (l *orgIDStructure) Execute(c *x509.Certificate) *lint.LintResult {
	for _, o := range smime.Inspect(c).OrgIDs {
		if !o.Decoded() {
			continue // e_smimelint_orgid_encoding
		}
		if o.ParseErr != nil {
			return errorf("%s: %v; SBR §7.1.4.2.2(d) requires <scheme><country>[+<subdivision>]-<reference>, "+
				"e.g. \"NTRGB-12345678\" or \"NTRUS+CA-12345678\"", o.Describe(), o.ParseErr)
		}
		if msg := structureProblem(o.ID); msg != "" {
			return errorf("%s: %s", o.Describe(), msg)
		}
	}
	return pass()
}

// structureProblem says how id breaks ORGID-02 or ORGID-03, or returns "".
func structureProblem(id smime.OrganizationIdentifier) string {
	scheme := id.Scheme
	switch scheme {
	case smime.SchemeNTR, smime.SchemePSD:
		if !smime.IsISO3166Country(id.Country) {
			return "country code " + util.Quote(id.Country) + " is not an ISO 3166-1 alpha-2 code, which the " +
				scheme + " scheme requires"
		}
	case smime.SchemeVAT:
		if _, ok := smime.VATCountry(id.Country); !ok {
			return "country code " + util.Quote(id.Country) + " is neither an ISO 3166-1 alpha-2 code nor an " +
				"Article 215 VAT prefix (\"EL\", \"XI\"), which the VAT scheme requires"
		}
	case smime.SchemeLEI:
		if id.HasSubdivision {
			return "the LEI scheme is global (\"XG\") and has no subdivision, yet " + util.Quote(id.Subdivision) +
				" follows the \"+\""
		}
	case smime.SchemeGOV, smime.SchemeINT:
		return "" // e_smimelint_orgid_gov_int
	default:
		return "Registration Scheme " + util.Quote(scheme) + " is none of NTR, VAT, PSD, LEI (Appendix A.1), " +
			"GOV or INT (§7.1.4.2.2(d) Note 2)"
	}
	if !id.HasReference {
		return "no Registration Reference; the " + scheme + " scheme requires \"-\" and a reference"
	}
	switch scheme {
	case smime.SchemeLEI:
		if p := smime.LEIProblem(id.Reference); p != "" {
			return "LEI " + util.Quote(id.Reference) + " " + p
		}
	case smime.SchemePSD:
		if _, _, err := smime.ParsePSDReference(id.Reference); err != nil {
			return "PSD reference " + util.Quote(id.Reference) + " " + err.Error() + "; ETSI TS 119 495 " +
				"requires <NCA identifier>-<authorization number>, e.g. \"PSDBE-NBB-1234.567.890\""
		}
	}
	return ""
}
