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
			Name: "w_smimelint_orgid_ntr_de_euid",
			Description: "In an S/MIME subscriber certificate, the Registration Reference of a " +
				"subject:organizationIdentifier of the NTR scheme in Germany (NTRDE) should be the " +
				"EUID, DE<business register identifier>.<domestic reference>, at country level, with " +
				"no subdivision (ORGID-06)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(d) Note 3",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC011EUIDDate,
		},
		Lint: NewOrgIDNTRDEEUID,
	})
}

type orgIDNTRDEEUID struct{}

// NewOrgIDNTRDEEUID returns the lint for rule ORGID-06.
func NewOrgIDNTRDEEUID() lint.CertificateLintInterface { return &orgIDNTRDEEUID{} }

func (l *orgIDNTRDEEUID) CheckApplies(c *x509.Certificate) bool {
	if !hasSubscriberOrgID(c) {
		return false
	}
	for _, o := range smime.Inspect(c).OrgIDs {
		if isNTRDE(&o) {
			return true
		}
	}
	return false
}

func (l *orgIDNTRDEEUID) Execute(c *x509.Certificate) *lint.LintResult {
	for _, o := range smime.Inspect(c).OrgIDs {
		if !isNTRDE(&o) {
			continue
		}
		id := o.ID
		switch {
		case id.HasSubdivision:
			return warnf("%s: the subdivision %s is used; SBR §7.1.4.2.2(d) Note 3 recommends the EUID, "+
				"which is allocated at country level, for entities registered in Germany (e.g. "+
				"\"NTRDE-DER3306.HRB12345\")", o.Describe(), util.Quote(id.Subdivision))
		case !id.HasReference:
			continue // e_smimelint_orgid_structure
		}
		if err := smime.ValidateEUID(id.Reference, id.Country); err != nil {
			return warnf("%s: Registration Reference %s %v; SBR §7.1.4.2.2(d) Note 3 recommends the EUID "+
				"for entities registered in Germany: \"DE\", the business register identifier, \".\" and the "+
				"domestic reference (e.g. \"NTRDE-DER3306.HRB12345\")", o.Describe(), util.Quote(id.Reference), err)
		}
	}
	return pass()
}

// isNTRDE reports whether o is a parsed NTR identifier of Germany.
func isNTRDE(o *smime.OrgID) bool {
	return o.Parsed() && o.ID.Scheme == smime.SchemeNTR && o.ID.Country == "DE"
}
