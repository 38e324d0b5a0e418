package lints

import (
	"strings"
	"unicode"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subject_metadata_only",
			Description: "No attribute of the subject, or of a subjectAltName directoryName, of an " +
				"S/MIME subscriber certificate is empty or contains only metadata such as '.', '-' " +
				"and ' ' (OTH-04, SAN-DIRNAME)",
			Citation:      "SBR v1.0.16 §7.1.4.2, §7.1.4.2.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubjectMetadataOnly,
	})
}

type subjectMetadataOnly struct{}

// NewSubjectMetadataOnly returns the lint for rule OTH-04. Placeholder
// words ("N/A", "none") are left alone: whether a word means "absent" is a
// judgement the certificate alone does not settle.
func NewSubjectMetadataOnly() lint.CertificateLintInterface { return &subjectMetadataOnly{} }

func (l *subjectMetadataOnly) CheckApplies(c *x509.Certificate) bool {
	return isSMIMESubscriber(c)
}

func (l *subjectMetadataOnly) Execute(c *x509.Certificate) *lint.LintResult {
	for _, n := range smime.Inspect(c).SubjectNames() {
		for i := range n.Name.Attributes {
			a := &n.Name.Attributes[i]
			if a.Err == nil && strings.TrimFunc(a.Value, isMetadata) == "" {
				return errorf("%s %s holds only metadata; SBR §7.1.4.2 forbids values such as '.', '-' and ' '",
					n.Where, a.Describe())
			}
		}
	}
	return pass()
}

// isMetadata is true for the characters that carry no information in an
// attribute value: punctuation, symbols, spaces and controls.
func isMetadata(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) || unicode.IsControl(r)
}
