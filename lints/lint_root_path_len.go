package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name:                    "w_smimelint_root_path_len",
			Description:             "The basicConstraints of an S/MIME root CA certificate should not hold a pathLenConstraint (OTH-19)",
			Citation:                "SBR v1.0.16 §7.1.2.1(a)",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewRootPathLen,
	})
}

type rootPathLen struct{ caScope }

// NewRootPathLen returns the pathLenConstraint part of rule OTH-19 (a);
// basicConstraints criticality is upstream's e_basic_constraints_not_critical.
func NewRootPathLen() lint.CertificateLintInterface { return &rootPathLen{} }

func (l *rootPathLen) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMERoot(c)
}

func (l *rootPathLen) Execute(c *x509.Certificate) *lint.LintResult {
	// zcrypto sets MaxPathLen to -1 when pathLenConstraint is absent.
	if c.MaxPathLen >= 0 {
		return warnf("basicConstraints holds pathLenConstraint %d; SBR §7.1.2.1(a) says a root SHOULD NOT", c.MaxPathLen)
	}
	return pass()
}
