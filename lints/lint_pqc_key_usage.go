package lints

import (
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_pqc_key_usage",
			Description: "In a subscriber certificate with an ML-DSA key, keyUsage has " +
				"digitalSignature and may have nonRepudiation, nothing else; with an ML-KEM key, " +
				"keyEncipherment is the only key usage (PQC-KU, ballot SMC013)",
			Citation:      "SBR v1.0.16 §7.1.2.3(e)",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SMC013PQCDate,
		},
		Lint: NewPQCKeyUsage,
	})
}

type pqcKeyUsage struct{}

// NewPQCKeyUsage returns the lint for rule PQC-KU. A missing keyUsage is
// upstream's e_key_usage_presence.
func NewPQCKeyUsage() lint.CertificateLintInterface { return &pqcKeyUsage{} }

func (l *pqcKeyUsage) CheckApplies(c *x509.Certificate) bool {
	if !smime.MayBeSMIMESubscriber(c) || !smime.HasKeyUsage(c) || !smime.MayHavePQCKey(c) {
		return false
	}
	ci := smime.Inspect(c)
	return ci.Class.IsSMIMESubscriber() && pqcKind(ci) != ""
}

func (l *pqcKeyUsage) Execute(c *x509.Certificate) *lint.LintResult {
	kind := pqcKind(smime.Inspect(c))
	ku := c.KeyUsage
	switch kind {
	case "ML-DSA":
		if ku&x509.KeyUsageDigitalSignature == 0 || ku&^(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) != 0 {
			return errorf("keyUsage is %s with an ML-DSA key; it must be digitalSignature, optionally with nonRepudiation",
				smime.KeyUsageNames(ku))
		}
	case "ML-KEM":
		if ku != x509.KeyUsageKeyEncipherment {
			return errorf("keyUsage is %s with an ML-KEM key; keyEncipherment must be the only key usage",
				smime.KeyUsageNames(ku))
		}
	}
	return pass()
}

// pqcKind is "ML-DSA" or "ML-KEM" for keys of those families, else "".
func pqcKind(ci *smime.Cert) string {
	e, ok := smime.Lookup(smime.SPKIEncodings, ci.Algorithms.SPKI)
	if !ok {
		return ""
	}
	for _, kind := range [...]string{"ML-DSA", "ML-KEM"} {
		if strings.HasPrefix(e.Name, kind) {
			return kind
		}
	}
	return ""
}
