package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "w_smimelint_subscriber_aia_ca_issuers",
			Description: "The authorityInformationAccess of an S/MIME subscriber certificate holds an " +
				"id-ad-caIssuers access method with the URI of the issuing CA's certificate (OTH-10)",
			Citation:      "SBR v1.0.16 §7.1.2.3(c)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubscriberAIACAIssuers,
	})
}

type subscriberAIACAIssuers struct{}

// NewSubscriberAIACAIssuers returns the caIssuers part of rule OTH-10; a
// missing extension is w_smimelint_subscriber_aia_missing, the URI schemes
// e_smimelint_subscriber_aia_http_only's and upstream's Legacy lint. The
// entries are read from the raw extension: zcrypto keeps only URI
// locations and drops the others. In Strict and Multipurpose
// a non-URI location is e_smimelint_subscriber_aia_http_only's Error (a
// SHALL), so this Warn reports it only in Legacy, where SBR §7.1.2.3(c)
// allows other locations and the caIssuers URI stays a SHOULD.
func NewSubscriberAIACAIssuers() lint.CertificateLintInterface { return &subscriberAIACAIssuers{} }

func (l *subscriberAIACAIssuers) CheckApplies(c *x509.Certificate) bool {
	present, _ := smime.Extension(c, smime.OIDAuthorityInfoAccess)
	return present && isSMIMESubscriber(c)
}

func (l *subscriberAIACAIssuers) Execute(c *x509.Certificate) *lint.LintResult {
	ads, err := smime.AccessDescriptions(c)
	other := ""
	for _, ad := range ads {
		if !ad.Method.Equal(smime.OIDAccessCAIssuers) {
			continue
		}
		if ad.Location.Tag == smime.URITag && ad.Location.Err == nil {
			return pass()
		}
		other = ad.Location.String()
	}
	switch {
	case other != "" && hasGeneration(c, smime.Strict, smime.Multipurpose):
		return pass() // e_smimelint_subscriber_aia_http_only
	case other != "":
		return warnf("authorityInformationAccess holds id-ad-caIssuers with a %s location only; SBR §7.1.2.3(c) "+
			"says it SHOULD hold one that specifies the URI of the issuing CA's certificate", other)
	case err != nil:
		return warnf("authorityInformationAccess is malformed (%v) and holds no id-ad-caIssuers before the fault; "+
			"SBR §7.1.2.3(c) says it SHOULD hold the URI of the issuing CA's certificate", err)
	}
	return warnf("authorityInformationAccess holds no id-ad-caIssuers access method; SBR §7.1.2.3(c) says it " +
		"SHOULD hold one with the URI of the issuing CA's certificate")
}
