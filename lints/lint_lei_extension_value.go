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
			Name: "e_smimelint_lei_extension_value",
			Description: "The Legal Entity Identifier extension of an S/MIME subscriber certificate holds " +
				"a PrintableString LEI of 20 characters with valid ISO 17442 check digits (OTH-13)",
			Citation:      "SBR v1.0.16 §7.1.2.3(l); ISO 17442-1; ISO 17442-2",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewLEIExtensionValue,
	})
}

type leiExtensionValue struct{}

// NewLEIExtensionValue returns the LEI value part of rule OTH-13. Which
// certificate types may carry the extension, and its criticality, are
// upstream's e_legal_entity_identifier.
func NewLEIExtensionValue() lint.CertificateLintInterface { return &leiExtensionValue{} }

func (l *leiExtensionValue) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDLegalEntityIdentifier)
	return present && isSMIMESubscriber(c)
}

func (l *leiExtensionValue) Execute(c *x509.Certificate) *lint.LintResult {
	lei, der, _, err := smime.LEIExtension(c)
	switch {
	case err != nil && lei != "":
		return errorf("%v, holding %s; ISO 17442-2 Clause 4 makes it a PrintableString holding an LEI",
			err, util.Quote(lei))
	case err != nil:
		return errorf("%v (%s); ISO 17442-2 Clause 4 makes it a PrintableString holding an LEI",
			err, util.HexQuote(der))
	}
	if problem := smime.LEIProblem(lei); problem != "" {
		return errorf("the LEI extension holds %s, which %s", util.Quote(lei), problem)
	}
	return pass()
}
