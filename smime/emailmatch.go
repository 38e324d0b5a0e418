package smime

import (
	"strings"

	"github.com/smimelint/zlint-smime/util"
)

// EmailMatch is how an address found in the subject matches the email
// names of the subjectAltName.
type EmailMatch uint8

// Ways an address matches.
const (
	// NoMatch: no SAN email name matches, even under RFC 9598 §5.
	NoMatch EmailMatch = iota
	// NormalizedMatch: a SAN email name matches only under RFC 9598 §5,
	// local part octet for octet and domain compared as lowercase A-labels.
	NormalizedMatch
	// ExactMatch: a SAN email name is the same string.
	ExactMatch
)

// NormalizeDomain is the domain comparison form of RFC 9598 §5: U-labels
// converted to A-labels, then ASCII letters lowercased. A label that has no
// A-label is kept as it is.
func NormalizeDomain(domain string) string {
	labels := strings.Split(domain, ".")
	for i, l := range labels {
		if !IsASCII(l) {
			if a := util.ToALabel(l); a != "" {
				labels[i] = a
			}
		}
	}
	return strings.ToLower(strings.Join(labels, "."))
}

// MatchSANEmail reports how addr matches the rfc822Name and SmtpUTF8Mailbox
// entries of the subjectAltName. The local part is never transformed (RFC
// 9598 §5, rule EAI-11), and an address whose local part is not ASCII
// matches only an SmtpUTF8Mailbox: "Comparison of a SmtpUTF8Mailbox and
// rfc822Name will always fail" (RFC 9598 §5, rule EAI-12), and an rfc822Name
// cannot hold such a local part (RFC 5280 §4.2.1.6).
func (ci *Cert) MatchSANEmail(addr string) EmailMatch {
	best := NoMatch
	try := func(san string) {
		switch {
		case san == addr:
			best = ExactMatch
		case best == NoMatch && sameMailbox(san, addr):
			best = NormalizedMatch
		}
	}
	asciiLocal := true
	if at := strings.LastIndexByte(addr, '@'); at >= 0 {
		asciiLocal = IsASCII(addr[:at])
	}
	for _, e := range ci.RFC822Names {
		if e.Where == "subjectAltName" && asciiLocal {
			try(string(e.Name.Value))
		}
	}
	for i := range ci.Mailboxes {
		if m := &ci.Mailboxes[i]; m.Where == "subjectAltName" && m.ValueErr == nil {
			try(m.Value)
		}
	}
	return best
}

func sameMailbox(a, b string) bool {
	i, j := strings.LastIndexByte(a, '@'), strings.LastIndexByte(b, '@')
	if i < 0 || j < 0 || a[:i] != b[:j] {
		return false
	}
	return NormalizeDomain(a[i+1:]) == NormalizeDomain(b[j+1:])
}
