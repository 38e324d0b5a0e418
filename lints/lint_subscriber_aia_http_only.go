package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subscriber_aia_http_only",
			Description: "In a Strict or Multipurpose S/MIME subscriber certificate, every id-ad-ocsp " +
				"and id-ad-caIssuers accessLocation of the authorityInformationAccess is a " +
				"uniformResourceIdentifier with the scheme http; no other GeneralName or scheme " +
				"(OTH-10)",
			Citation:      "SBR v1.0.16 §7.1.2.3(c)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubscriberAIAHTTPOnly,
	})
}

type subscriberAIAHTTPOnly struct{}

// NewSubscriberAIAHTTPOnly returns the Strict and Multipurpose part of rule
// OTH-10. It supersedes upstream's e_smime_strict_aia_shall_have_http_only,
// which reads zcrypto's URI lists only and so never sees a directoryName or
// other non-URI location. Legacy allows other schemes next to one HTTP URI
// (upstream's e_smime_legacy_aia_shall_have_one_http).
func NewSubscriberAIAHTTPOnly() lint.CertificateLintInterface { return &subscriberAIAHTTPOnly{} }

func (l *subscriberAIAHTTPOnly) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDAuthorityInfoAccess)
	return present && hasGeneration(c, smime.Strict, smime.Multipurpose)
}

func (l *subscriberAIAHTTPOnly) Execute(c *x509.Certificate) *lint.LintResult {
	ads, err := smime.AccessDescriptions(c)
	for i := range ads {
		ad := &ads[i]
		method := "id-ad-ocsp"
		switch {
		case ad.Method.Equal(smime.OIDAccessCAIssuers):
			method = "id-ad-caIssuers"
		case !ad.Method.Equal(smime.OIDAccessOCSP):
			continue
		}
		if p := ad.HTTPLocationProblem(); p != "" {
			return errorf("authorityInformationAccess %s accessLocation %s; SBR §7.1.2.3(c) requires every "+
				"accessLocation of a %s certificate to be an HTTP URI", method, p, smime.PolicyGeneration(c))
		}
	}
	if err != nil {
		return errorf("authorityInformationAccess is malformed (%v); SBR §7.1.2.3(c) requires every "+
			"accessLocation of a %s certificate to be an HTTP URI", err, smime.PolicyGeneration(c))
	}
	return pass()
}
