package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subject_attribute_dependencies",
			Description: "In the subject, or a subjectAltName directoryName, of an S/MIME subscriber " +
				"certificate, streetAddress is used only with localityName or stateOrProvinceName, " +
				"and localityName, stateOrProvinceName and postalCode only with countryName " +
				"(OTH-05, SAN-DIRNAME)",
			Citation:      "SBR v1.0.16 §7.1.4.2.2(j)-(m), §7.1.4.2.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC06Date,
		},
		Lint: NewSubjectAttributeDependencies,
	})
}

type subjectAttributeDependencies struct{}

// NewSubjectAttributeDependencies returns the lint for rule OTH-05 (ballot
// SMC06, SBR v1.0.4).
func NewSubjectAttributeDependencies() lint.CertificateLintInterface {
	return &subjectAttributeDependencies{}
}

func (l *subjectAttributeDependencies) CheckApplies(c *x509.Certificate) bool {
	return isSMIMESubscriber(c)
}

func (l *subjectAttributeDependencies) Execute(c *x509.Certificate) *lint.LintResult {
	for _, n := range smime.Inspect(c).SubjectNames() {
		name := n.Name
		if name.Has(smime.OIDStreetAddress) && !name.Has(smime.OIDLocalityName) && !name.Has(smime.OIDStateOrProvinceName) {
			return errorf("%s has streetAddress without localityName or stateOrProvinceName", n.Where)
		}
		if !name.Has(smime.OIDCountryName) {
			for _, dep := range [...]smimeOID{smime.OIDLocalityName, smime.OIDStateOrProvinceName, smime.OIDPostalCode} {
				if name.Has(dep) {
					return errorf("%s has %s without countryName", n.Where, smime.AttributeName(dep))
				}
			}
		}
	}
	return pass()
}
