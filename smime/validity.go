package smime

import (
	"fmt"
	"math"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// Day is the SBR's day: "a day is measured as 86,400 seconds" (§6.3.2).
const Day = 86400 * time.Second

// MaxValidityDays is the Certificate Maximum Validity Period of SBR §6.3.2
// per generation.
func MaxValidityDays(g Generation) int {
	switch g {
	case Strict, Multipurpose:
		return 825
	case Legacy:
		return 1185
	}
	return 0
}

// maxPeriod is the longest time.Duration, about 292 years, at which
// time.Time.Sub saturates: a notAfter of 99991231235959Z (RFC 5280
// §4.1.2.5, no well-defined expiration date) is further away.
const maxPeriod = time.Duration(math.MaxInt64)

// Validity is a subscriber certificate's validity period set against its
// generation's maximum.
type Validity struct {
	Generation Generation
	// Period is notAfter − notBefore + 1 s: RFC 5280 §4.1.2.5 makes notAfter
	// inclusive, so a certificate valid from 00:00:00 to 23:59:59 is valid
	// for one full day.
	Period  time.Duration
	Max     time.Duration
	MaxDays int
}

// ValidityOf returns the validity of c against the maximum of its generation
// (unknown generation: Max is zero).
func ValidityOf(c *x509.Certificate) Validity {
	g := Inspect(c).Class.Generation()
	days := MaxValidityDays(g)
	period := c.NotAfter.Sub(c.NotBefore)
	if period < maxPeriod-time.Second { // Sub saturates at maxPeriod: do not wrap
		period += time.Second
	}
	return Validity{
		Generation: g,
		Period:     period,
		Max:        time.Duration(days) * Day,
		MaxDays:    days,
	}
}

// Describe gives the period in days and the remainder, as the SBR counts it:
// "Any amount of time greater than this … SHALL represent an additional
// day".
func (v Validity) Describe() string {
	if v.Period >= maxPeriod-time.Second {
		return fmt.Sprintf("more than %d days", maxPeriod/Day)
	}
	days := v.Period / Day
	rest := v.Period - days*Day
	if rest == 0 {
		return fmt.Sprintf("%d days", days)
	}
	return fmt.Sprintf("%d days and %s (%d days as the SBR counts)", days, rest, days+1)
}
