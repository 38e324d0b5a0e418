package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterRevocationListLint(&lint.RevocationListLint{
		LintMetadata: lint.LintMetadata{
			Name:          "e_smimelint_crl_reason_code_critical",
			Description:   "A reasonCode CRL entry extension of an S/MIME CA's CRL is not marked critical (OTH-22)",
			Citation:      "SBR v1.0.16 §7.2.2",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewCRLReasonCodeCritical,
	})
}

type crlReasonCodeCritical struct{}

// NewCRLReasonCodeCritical returns the criticality part of rule OTH-22.
func NewCRLReasonCodeCritical() lint.RevocationListLintInterface { return &crlReasonCodeCritical{} }

func (l *crlReasonCodeCritical) CheckApplies(r *x509.RevocationList) bool {
	return len(r.RevokedCertificates) > 0
}

func (l *crlReasonCodeCritical) Execute(r *x509.RevocationList) *lint.LintResult {
	for i := range r.RevokedCertificates {
		if e := &r.RevokedCertificates[i]; smime.ReasonCodeCritical(e) {
			return errorf("the reasonCode extension of CRL %s is marked critical; it SHALL NOT be", crlEntryName(i, e))
		}
	}
	return pass()
}
