package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterRevocationListLint(&lint.RevocationListLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_crl_ca_reason_code_missing",
			Description: "Every entry of an S/MIME CA's CRL that covers only CA certificates " +
				"(issuingDistributionPoint onlyContainsCACerts) has a reasonCode: entries for Root and " +
				"Subordinate CA Certificates, Cross Certificates included, SHALL have one (OTH-22)",
			Citation:      "SBR v1.0.16 §7.2.2; RFC 5280 §5.2.5",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewCRLCAReasonCodeMissing,
	})
}

type crlCAReasonCodeMissing struct{}

// NewCRLCAReasonCodeMissing returns the CA-entry presence part of rule
// OTH-22, for the CRLs that show their entries are CA certificates.
func NewCRLCAReasonCodeMissing() lint.RevocationListLintInterface { return &crlCAReasonCodeMissing{} }

func (l *crlCAReasonCodeMissing) CheckApplies(r *x509.RevocationList) bool {
	return len(r.RevokedCertificates) > 0 && coversOnlyCAs(r)
}

func (l *crlCAReasonCodeMissing) Execute(r *x509.RevocationList) *lint.LintResult {
	for i := range r.RevokedCertificates {
		if e := &r.RevokedCertificates[i]; e.ReasonCode == nil {
			return errorf("CRL %s has no reasonCode extension; the CRL covers only CA certificates "+
				"(onlyContainsCACerts), and an entry for a CA certificate SHALL have one", crlEntryName(i, e))
		}
	}
	return pass()
}

// coversOnlyCAs reports whether r's issuingDistributionPoint says it holds
// CA certificates only: the one way a CRL alone shows what its entries are.
// A malformed extension shows nothing.
func coversOnlyCAs(r *x509.RevocationList) bool {
	scope, err := smime.ScopeOf(r)
	return err == nil && scope.OnlyCACerts
}
