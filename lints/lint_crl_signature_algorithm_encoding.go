package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

func init() {
	lint.RegisterRevocationListLint(&lint.RevocationListLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_crl_signature_algorithm_encoding",
			Description: "The signatureAlgorithm and tbsCertList.signature of an S/MIME CA's CRL are byte " +
				"for byte one of the encodings of SBR §7.1.3.2, which apply to CRLs as to certificates: " +
				"no SHA-1, no MD5, NULL parameters for RSASSA-PKCS1-v1_5, the exact RSASSA-PSS " +
				"parameters, none for ECDSA and EdDSA, and ML-DSA from 2025-08-22 (ALG-SIG-01)",
			Citation:      "SBR v1.0.16 §7.1.3.2",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewCRLSignatureAlgorithmEncoding,
	})
}

type crlSignatureAlgorithmEncoding struct{}

// NewCRLSignatureAlgorithmEncoding returns rule ALG-SIG-01 for CRLs.
func NewCRLSignatureAlgorithmEncoding() lint.RevocationListLintInterface {
	return &crlSignatureAlgorithmEncoding{}
}

func (l *crlSignatureAlgorithmEncoding) CheckApplies(r *x509.RevocationList) bool { return true }

func (l *crlSignatureAlgorithmEncoding) Execute(r *x509.RevocationList) *lint.LintResult {
	tbs, outer, err := smime.CRLAlgorithms(r)
	if err != nil {
		return errorf("%v", err)
	}
	return checkSignatureEncodings("CRL ", "CRL", "tbsCertList.signature", tbs, outer, r.ThisUpdate)
}
