package lints

import (
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_ca_subject_required_attributes",
			Description: "The subject of an S/MIME root or subordinate CA certificate holds " +
				"subject:organizationName and subject:countryName (OTH-23)",
			Citation:                "SBR v1.0.16 §7.1.4.3.1(b), (c)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewCASubjectRequiredAttributes,
	})
}

type caSubjectRequiredAttributes struct{ caScope }

// NewCASubjectRequiredAttributes returns the lint for rule OTH-23. Upstream
// has no subject check for S/MIME CA certificates.
func NewCASubjectRequiredAttributes() lint.CertificateLintInterface {
	return &caSubjectRequiredAttributes{}
}

func (l *caSubjectRequiredAttributes) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMECA(c)
}

func (l *caSubjectRequiredAttributes) Execute(c *x509.Certificate) *lint.LintResult {
	subject := &smime.Inspect(c).Subject
	var missing []string
	if !subject.Has(smime.OIDOrganizationName) {
		missing = append(missing, "organizationName")
	}
	if !subject.Has(smime.OIDCountryName) {
		missing = append(missing, "countryName")
	}
	if len(missing) > 0 {
		return errorf("the subject of this S/MIME %s certificate has no %s; SBR §7.1.4.3.1 requires "+
			"subject:organizationName and subject:countryName in every CA certificate", smime.RoleOf(c),
			strings.Join(missing, " and no "))
	}
	return pass()
}
