package lints

import (
	"bytes"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_subscriber_basic_constraints_ca",
			Description: "The cA field of basicConstraints is not true in an S/MIME subscriber certificate, " +
				"which a certificate with id-kp-emailProtection, an email subjectAltName and no keyCertSign " +
				"is even when it asserts cA (OTH-11)",
			Citation:      "SBR v1.0.16 §7.1.2.3(d)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSubscriberBasicConstraintsCA,
	})
}

type subscriberBasicConstraintsCA struct{}

// NewSubscriberBasicConstraintsCA returns the cA part of rule OTH-11. A
// certificate with cA TRUE and keyCertSign is a CA certificate, which the
// CA profile lints judge (OTH-18, OTH-19); a self-issued one is no
// subscriber certificate. pathLenConstraint without cA is upstream's
// e_path_len_constraint_improperly_included.
func NewSubscriberBasicConstraintsCA() lint.CertificateLintInterface {
	return &subscriberBasicConstraintsCA{}
}

func (l *subscriberBasicConstraintsCA) CheckApplies(c *x509.Certificate) bool {
	if !c.IsCA {
		return isSMIMESubscriber(c)
	}
	return c.KeyUsage&x509.KeyUsageCertSign == 0 && !bytes.Equal(c.RawSubject, c.RawIssuer) &&
		smime.HasEmailProtection(c) && smime.Inspect(c).SAN.HasEmail()
}

func (l *subscriberBasicConstraintsCA) Execute(c *x509.Certificate) *lint.LintResult {
	if c.IsCA {
		return errorf("basicConstraints has cA true in a certificate with id-kp-emailProtection, an email " +
			"subjectAltName and no keyCertSign, an S/MIME subscriber certificate, whose cA field SHALL NOT be true")
	}
	return pass()
}
