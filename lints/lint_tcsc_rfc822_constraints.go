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
			Name: "e_smimelint_tcsc_rfc822_constraints",
			Description: "In an S/MIME subordinate CA certificate with id-kp-emailProtection and " +
				"nameConstraints, each permitted rfc822Name is a FQDN or \".\" followed by a FQDN, " +
				"never an email address (OTH-20)",
			Citation:                "SBR v1.0.16 §7.1.5",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewTCSCRFC822Constraints,
	})
}

type tcscRFC822Constraints struct{}

// NewTCSCRFC822Constraints returns the lint for rule OTH-20.
func NewTCSCRFC822Constraints() lint.CertificateLintInterface { return &tcscRFC822Constraints{} }

func (l *tcscRFC822Constraints) CheckApplies(c *x509.Certificate) bool {
	if !smime.IsSMIMESubCA(c) || !smime.HasEmailProtection(c) {
		return false
	}
	present, _ := smime.Extension(c, smime.OIDNameConstraints)
	return present
}

func (l *tcscRFC822Constraints) Execute(c *x509.Certificate) *lint.LintResult {
	for _, st := range smime.Inspect(c).NameConstraints.Permitted {
		if st.Base.Tag != smime.RFC822NameTag {
			continue
		}
		v := string(st.Base.Value)
		why := ""
		switch {
		case v == "" || v == ".":
			why = "is empty"
		case strings.Contains(v, "@"):
			why = "is an email address"
		default:
			if err := smime.CheckLDH(strings.TrimPrefix(v, ".")); err != nil {
				why = "is not a FQDN: " + err.Error()
			} else if err := smime.CheckALabels(strings.TrimPrefix(v, ".")); err != nil {
				why = "is not a FQDN: " + err.Error()
			}
		}
		if why != "" {
			return errorf("permitted rfc822Name %s %s; SBR §7.1.5 requires a FQDN or \".\" followed by a FQDN",
				util.Quote(v), why)
		}
	}
	return pass()
}
