package smime

import (
	"fmt"
	"strings"
)

// EmailConstraintViolations checks the email addresses of ci's
// subjectAltName against the issuer's nameConstraints, and returns one line
// per address that breaks them. RFC 5280 §4.2.1.10: an rfc822Name
// constraint is a mailbox (it holds "@"), a host (every mailbox at that
// host) or a domain starting with "." (every mailbox at a host under it);
// an address must match a permitted subtree of its type when there is
// one, and no excluded subtree. RFC 9598 §6: rfc822Name constraints also
// constrain SmtpUTF8Mailbox addresses, and SmtpUTF8Mailbox constraints
// constrain SmtpUTF8Mailbox addresses; domains are compared as lowercase
// A-labels, local parts octet for octet.
func EmailConstraintViolations(ci *Cert, nc *NameConstraints) []string {
	if !nc.Present {
		return nil
	}
	var out []string
	check := func(describe, addr string, utf8Mailbox bool) {
		permitted, anyPermitted := false, false
		for _, st := range nc.Permitted {
			c, ok := emailConstraint(st.Base, utf8Mailbox)
			if !ok {
				continue
			}
			anyPermitted = true
			if emailMatchesConstraint(addr, c) {
				permitted = true
			}
		}
		if anyPermitted && !permitted {
			out = append(out, fmt.Sprintf("%s is in no permitted subtree of the issuer's nameConstraints", describe))
		}
		for _, st := range nc.Excluded {
			if c, ok := emailConstraint(st.Base, utf8Mailbox); ok && emailMatchesConstraint(addr, c) {
				out = append(out, fmt.Sprintf("%s is in the issuer's excluded subtree %q", describe, c))
			}
		}
	}
	for _, e := range ci.RFC822Names {
		if e.Where == "subjectAltName" && e.Name.Err == nil {
			check(e.Describe(), string(e.Name.Value), false)
		}
	}
	for i := range ci.Mailboxes {
		if m := &ci.Mailboxes[i]; m.Where == "subjectAltName" && m.ValueErr == nil {
			check(m.Describe(), m.Value, true)
		}
	}
	return out
}

// emailConstraint returns the constraint string of a subtree that applies
// to an address of the given kind.
func emailConstraint(base GeneralName, utf8Mailbox bool) (string, bool) {
	switch {
	case base.Err != nil:
		return "", false
	case base.Tag == RFC822NameTag:
		return string(base.Value), true
	case utf8Mailbox && base.IsSmtpUTF8Mailbox():
		return string(base.OtherName.Value), true
	}
	return "", false
}

// emailMatchesConstraint applies one RFC 5280 §4.2.1.10 rfc822Name
// constraint to an address.
func emailMatchesConstraint(addr, constraint string) bool {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return false
	}
	local, domain := addr[:at], NormalizeDomain(addr[at+1:])
	if i := strings.LastIndexByte(constraint, '@'); i >= 0 {
		return local == constraint[:i] && domain == NormalizeDomain(constraint[i+1:])
	}
	c := NormalizeDomain(constraint)
	if strings.HasPrefix(c, ".") {
		return strings.HasSuffix(domain, c)
	}
	return domain == c
}
