package lints

import (
	"fmt"
	"time"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/rsa"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/util"
)

// Each helper returns a new result: zlint sets fields on the results it is
// given, so a result is never shared.

func pass() *lint.LintResult { return &lint.LintResult{Status: lint.Pass} }

func errorf(format string, args ...any) *lint.LintResult {
	return &lint.LintResult{Status: lint.Error, Details: fmt.Sprintf(format, args...)}
}

func warnf(format string, args ...any) *lint.LintResult {
	return &lint.LintResult{Status: lint.Warn, Details: fmt.Sprintf(format, args...)}
}

func noticef(format string, args ...any) *lint.LintResult {
	return &lint.LintResult{Status: lint.Notice, Details: fmt.Sprintf(format, args...)}
}

// notEffectivef is NE with the reason: the lint cannot decide from what
// the certificate shows (a signature that no signing produced).
func notEffectivef(format string, args ...any) *lint.LintResult {
	return &lint.LintResult{Status: lint.NE, Details: fmt.Sprintf(format, args...)}
}

// day formats a date for finding details.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// smimeOID is an attribute or extension identifier, for tables of them.
type smimeOID = asn1.ObjectIdentifier

// exponentString writes an RSA public exponent for details: in decimal when
// short, else bounded hex, since zcrypto accepts exponents of any size.
func exponentString(k *rsa.PublicKey) string {
	if k.E.BitLen() <= 256 {
		return k.E.String()
	}
	return "0x" + util.HexQuote(k.E.Bytes())
}

// crlEntryName names a CRL entry for details: its position and serial
// number in hex, bounded, since a CRL may carry a serial of any length.
func crlEntryName(i int, e *x509.RevokedCertificate) string {
	if e.SerialNumber == nil {
		return fmt.Sprintf("entry %d", i)
	}
	return fmt.Sprintf("entry %d (serial 0x%s)", i, util.HexQuote(e.SerialNumber.Bytes()))
}
