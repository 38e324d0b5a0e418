package lints

import (
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

// checkSignatureEncodings is rule ALG-SIG-01 for a certificate or a CRL,
// which SBR §7.1.3.2 holds to the same table: both signature
// AlgorithmIdentifiers, the one inside the signed part (named tbsField) and
// the outer signatureAlgorithm, are byte for byte a permitted encoding, and
// one permitted from a later date is used only from then. doc names the
// document in the details ("certificate" or "CRL"); prefix starts them.
func checkSignatureEncodings(prefix, doc, tbsField string, tbs, outer []byte, issued time.Time) *lint.LintResult {
	for _, f := range [...]struct {
		name string
		der  []byte
	}{{tbsField, tbs}, {"signatureAlgorithm", outer}} {
		e, ok := smime.Lookup(smime.SignatureEncodings, f.der)
		switch {
		case !ok:
			return errorf("%s%s %s is not one of the encodings SBR §7.1.3.2 permits", prefix, f.name, util.HexQuote(f.der))
		case !e.From.IsZero() && issued.Before(e.From):
			return errorf("%s%s is %s in a %s issued %s; SBR §7.1.3.2 permits it from %s",
				prefix, f.name, e.Name, doc, day(issued), day(e.From))
		}
	}
	return pass()
}
