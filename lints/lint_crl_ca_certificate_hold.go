package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterRevocationListLint(&lint.RevocationListLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_crl_ca_certificate_hold",
			Description: "No entry of an S/MIME CA's CRL that covers only CA certificates " +
				"(issuingDistributionPoint onlyContainsCACerts) has the CRLReason certificateHold (6), " +
				"which SHALL NOT be used for Root or Subordinate CA Certificates (OTH-22)",
			Citation:      "SBR v1.0.16 §7.2.2; RFC 5280 §5.2.5",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewCRLCACertificateHold,
	})
}

type crlCACertificateHold struct{}

// NewCRLCACertificateHold returns the CA-entry certificateHold part of rule
// OTH-22, for the CRLs that show their entries are CA certificates.
func NewCRLCACertificateHold() lint.RevocationListLintInterface { return &crlCACertificateHold{} }

func (l *crlCACertificateHold) CheckApplies(r *x509.RevocationList) bool {
	return len(r.RevokedCertificates) > 0 && coversOnlyCAs(r)
}

func (l *crlCACertificateHold) Execute(r *x509.RevocationList) *lint.LintResult {
	for i := range r.RevokedCertificates {
		if e := &r.RevokedCertificates[i]; smime.HasReason(e, smime.ReasonCertificateHold) {
			return errorf("CRL %s has the CRLReason certificateHold (6); the CRL covers only CA certificates "+
				"(onlyContainsCACerts), for which certificateHold SHALL NOT be used", crlEntryName(i, e))
		}
	}
	return pass()
}
