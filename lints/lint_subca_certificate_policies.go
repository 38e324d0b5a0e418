package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subca_certificate_policies",
			Description: "An S/MIME subordinate CA certificate has a certificatePolicies extension " +
				"holding a reserved S/MIME policy identifier or anyPolicy (OTH-18)",
			Citation:                "SBR v1.0.16 §7.1.2.2(a), §7.1.6.3",
			Source:                  lint.CABFSMIMEBaselineRequirements,
			EffectiveDate:           smime.SBRComplianceDate,
			OverrideFrameworkFilter: true,
		},
		Lint: NewSubCACertificatePolicies,
	})
}

type subCACertificatePolicies struct{ caScope }

// NewSubCACertificatePolicies returns the lint for rule OTH-18 (a). Whether
// the CA is affiliated with the issuer, which decides between the reserved
// policies and anyPolicy (§7.1.6.3), cannot be seen, so either is accepted.
func NewSubCACertificatePolicies() lint.CertificateLintInterface {
	return &subCACertificatePolicies{}
}

func (l *subCACertificatePolicies) CheckApplies(c *x509.Certificate) bool {
	return l.Declared.IsSMIMESubCA(c)
}

func (l *subCACertificatePolicies) Execute(c *x509.Certificate) *lint.LintResult {
	if present, _ := smime.Extension(c, smime.OIDCertificatePolicies); !present {
		return errorf("no certificatePolicies; an S/MIME subordinate CA certificate requires one")
	}
	if !smime.HasReservedPolicy(c.PolicyIdentifiers) && !smime.HasAnyPolicy(c) {
		return errorf("certificatePolicies holds neither a reserved S/MIME policy identifier nor anyPolicy")
	}
	return pass()
}
