package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "w_smimelint_subscriber_any_policy",
			Description: "The certificatePolicies of an S/MIME subscriber certificate hold a reserved " +
				"policy identifier and CA-documented ones, not anyPolicy (OTH-14)",
			Citation:      "SBR v1.0.16 §7.1.2.3(a)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubscriberAnyPolicy,
	})
}

type subscriberAnyPolicy struct{}

// NewSubscriberAnyPolicy returns the anyPolicy part of rule OTH-14. SBR
// §7.1.2.3(a) lists what the extension holds, exactly one reserved policy
// and identifiers "documented by the CA in its CP and/or CPS", and says
// nothing of anyPolicy, so it is a Warn, not an Error (SBR-RULES §7 A11;
// pkilint reports an error).
func NewSubscriberAnyPolicy() lint.CertificateLintInterface { return &subscriberAnyPolicy{} }

func (l *subscriberAnyPolicy) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDCertificatePolicies)
	return present && isSMIMESubscriber(c)
}

func (l *subscriberAnyPolicy) Execute(c *x509.Certificate) *lint.LintResult {
	if smime.HasAnyPolicy(c) {
		return warnf("certificatePolicies holds anyPolicy (%s) in a subscriber certificate; SBR §7.1.2.3(a) "+
			"asks for exactly one reserved policy identifier and identifiers documented in the CA's CP or CPS",
			smime.OIDAnyPolicy)
	}
	return pass()
}
