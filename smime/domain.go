package smime

import (
	"fmt"
	"strings"

	"github.com/smimelint/zlint-smime/util"
)

// Checks on the domain part of an email address. Each returns the first
// problem it finds, naming the label, so a finding can say what was found.

// CheckLDH reports the first problem of the domain's ASCII labels under the
// NR-LDH rules of RFC 5890 §2.3.1 (RFC 9598 §3): 1 to 63 octets of letters,
// digits and hyphens, no leading or trailing hyphen, "--" in positions 3 and
// 4 only for an "xn--" A-label, at most 253 octets in all (counted in
// A-label form, as the DNS carries it), and a domain name rather than an
// address literal. Labels holding a non-ASCII character are skipped: the
// A-label rule (or, before RFC 9598, the U-label rule) owns them.
func CheckLDH(domain string) error {
	if strings.HasPrefix(domain, "[") {
		return fmt.Errorf("domain %s is an address literal, not a domain name", util.Quote(domain))
	}
	if n := aLabelLength(domain); n > 253 {
		return fmt.Errorf("domain is %d octets long in A-label form; a domain name has at most 253", n)
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" {
			return fmt.Errorf("domain %s has an empty label", util.Quote(domain))
		}
		if !IsASCII(label) {
			continue
		}
		if len(label) > 63 {
			return fmt.Errorf("label %s is %d octets long; a label has at most 63", util.Quote(label), len(label))
		}
		for _, c := range []byte(label) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("label %s holds %q; only letters, digits and hyphens are allowed", util.Quote(label), c)
			}
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("label %s starts or ends with a hyphen", util.Quote(label))
		}
		if len(label) >= 4 && label[2:4] == "--" && !strings.EqualFold(label[:4], "xn--") {
			return fmt.Errorf("label %s has \"--\" in positions 3 and 4 (a reserved R-LDH label) and is no \"xn--\" A-label", util.Quote(label))
		}
	}
	return nil
}

// aLabelLength is the length of domain with every U-label replaced by its
// A-label: the form the DNS carries, to which the 253-octet limit of RFC
// 1035 §2.3.4 applies (RFC 5890 §2.3.2.1). A non-ASCII label with no
// A-label counts as its UTF-8 octets; the A-label rule reports it.
func aLabelLength(domain string) int {
	if IsASCII(domain) {
		return len(domain)
	}
	n := 0
	for i, label := range strings.Split(domain, ".") {
		if i > 0 {
			n++
		}
		if a := util.ToALabel(label); !IsASCII(label) && a != "" {
			label = a
		}
		n += len(label)
	}
	return n
}

// FirstULabel returns the first label of domain that holds a non-ASCII
// character.
func FirstULabel(domain string) (string, bool) {
	for _, label := range strings.Split(domain, ".") {
		if !IsASCII(label) {
			return label, true
		}
	}
	return "", false
}

// CheckALabels reports the first "xn--" label of domain, in any case, that
// is not a valid IDNA2008 A-label (RFC 9598 §4). Case is left to the
// lowercase rule: the label is validated lowercased.
func CheckALabels(domain string) error {
	for _, label := range strings.Split(domain, ".") {
		if len(label) < 4 || !strings.EqualFold(label[:4], "xn--") || !IsASCII(label) {
			continue
		}
		if _, err := util.ValidateALabel(strings.ToLower(label)); err != nil {
			return fmt.Errorf("label %s is not a valid IDNA2008 A-label: %v", util.Quote(label), err)
		}
	}
	return nil
}

// CheckULabels reports the first non-ASCII label of domain that is not a
// valid IDNA2008 U-label in NFC, which RFC 8398 §3 required of
// SmtpUTF8Mailbox domains until SBR v1.0.6 adopted RFC 9598.
func CheckULabels(domain string) error {
	for _, label := range strings.Split(domain, ".") {
		if IsASCII(label) {
			continue
		}
		if _, err := util.ValidateULabel(label); err != nil {
			return fmt.Errorf("label %s: %v", util.Quote(label), err)
		}
	}
	return nil
}

// HasUpperASCII reports whether s holds a letter A to Z.
func HasUpperASCII(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' })
}
