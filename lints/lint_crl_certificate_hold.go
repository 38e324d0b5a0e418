package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterRevocationListLint(&lint.RevocationListLint{
		LintMetadata: lint.LintMetadata{
			Name: "n_smimelint_crl_certificate_hold",
			Description: "An entry with the CRLReason certificateHold (6) in an S/MIME CA's CRL that may cover " +
				"other than CA certificates is allowed only for a Legacy or Multipurpose Subscriber " +
				"Certificate, never for a Strict one or a CA certificate; the CRL does not show which it " +
				"is, so the entry is reported for a check against the issued certificate (OTH-22)",
			Citation:      "SBR v1.0.16 §7.2.2",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewCRLCertificateHold,
	})
}

type crlCertificateHold struct{}

// holdRule is what the CA has to check for each certificateHold entry.
const holdRule = "SBR §7.2.2 allows it only for certificates with a Legacy or Multipurpose reserved policy, " +
	"never for a Strict one or a CA certificate; check each such entry against the certificate it revokes"

// NewCRLCertificateHold returns the part of rule OTH-22 that the CRL alone
// cannot decide.
func NewCRLCertificateHold() lint.RevocationListLintInterface { return &crlCertificateHold{} }

func (l *crlCertificateHold) CheckApplies(r *x509.RevocationList) bool {
	// A CRL of CA certificates only is e_smimelint_crl_ca_certificate_hold's.
	return len(r.RevokedCertificates) > 0 && !coversOnlyCAs(r)
}

func (l *crlCertificateHold) Execute(r *x509.RevocationList) *lint.LintResult {
	held, first := 0, -1
	for i := range r.RevokedCertificates {
		if smime.HasReason(&r.RevokedCertificates[i], smime.ReasonCertificateHold) {
			if held++; first < 0 {
				first = i
			}
		}
	}
	if held == 0 {
		return pass()
	}
	name := crlEntryName(first, &r.RevokedCertificates[first])
	if held == 1 {
		return noticef("CRL %s has the CRLReason certificateHold (6): %s", name, holdRule)
	}
	return noticef("%d CRL entries have the CRLReason certificateHold (6), the first %s: %s", held, name, holdRule)
}
