package lints

import (
	"fmt"
	"time"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zlint/v3/lint"
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

// day formats a date for finding details.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// smimeOID is an attribute or extension identifier, for tables of them.
type smimeOID = asn1.ObjectIdentifier
