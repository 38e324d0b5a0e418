package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterRevocationListLint(&lint.RevocationListLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_crl_reason_code_unspecified",
			Description: "No CRL entry of an S/MIME CA's CRL has the CRLReason unspecified (0): an unspecified " +
				"reason is written by leaving the reasonCode extension out (OTH-22)",
			Citation:      "SBR v1.0.16 §7.2.2",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewCRLReasonCodeUnspecified,
	})
}

type crlReasonCodeUnspecified struct{}

// NewCRLReasonCodeUnspecified returns the unspecified-reason part of rule
// OTH-22.
func NewCRLReasonCodeUnspecified() lint.RevocationListLintInterface {
	return &crlReasonCodeUnspecified{}
}

func (l *crlReasonCodeUnspecified) CheckApplies(r *x509.RevocationList) bool {
	return len(r.RevokedCertificates) > 0
}

func (l *crlReasonCodeUnspecified) Execute(r *x509.RevocationList) *lint.LintResult {
	for i := range r.RevokedCertificates {
		if e := &r.RevokedCertificates[i]; smime.HasReason(e, smime.ReasonUnspecified) {
			return errorf("CRL %s has the CRLReason unspecified (0), which SHALL NOT be used; "+
				"the CA SHALL omit the reasonCode extension instead", crlEntryName(i, e))
		}
	}
	return pass()
}
