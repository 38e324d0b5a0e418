package util

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// ValidateALabel checks that label is a valid IDNA2008 A-label (RFC 5891
// §5.4, RFC 5890 §2.3.2.1): it starts with "xn--", decodes as Punycode, the
// U-label is valid under IDNA2008 and re-encoding it gives back label octet
// for octet. It returns the U-label. Callers lowercase the label first when
// case is checked by another rule.
func ValidateALabel(label string) (string, error) {
	if !strings.HasPrefix(label, "xn--") {
		return "", errors.New("it does not start with \"xn--\"")
	}
	u, err := idna.Registration.ToUnicode(label)
	if err != nil {
		// Say what the Punycode decodes to when that is the problem: x/net
		// reports a non-NFC result as an "invalid label" that looks valid.
		if raw, perr := idna.Punycode.ToUnicode(label); perr == nil && !norm.NFC.IsNormalString(raw) {
			return raw, fmt.Errorf("it decodes to %s, which is not in Unicode Normalization Form C", QuoteASCII(raw))
		}
		return "", fmt.Errorf("it does not decode to a valid U-label: %s", idnaError(err))
	}
	if u == label {
		return "", errors.New("it decodes to no non-ASCII character")
	}
	if err := checkIDNA2008CodePoints(u); err != nil {
		return u, err
	}
	a, err := idna.Registration.ToASCII(u)
	if err != nil {
		return u, fmt.Errorf("its U-label %s does not re-encode: %s", Quote(u), idnaError(err))
	}
	if a != label {
		return u, fmt.Errorf("its U-label %s re-encodes as %s, not as itself", Quote(u), Quote(a))
	}
	return u, nil
}

// ValidateULabel checks that label, which holds a non-ASCII character, is a
// valid IDNA2008 U-label (RFC 5891 §5.4): in NFC, made of code points that
// RFC 5892 allows in their context, and meeting the hyphen, joiner and bidi
// rules. It returns the label's A-label.
func ValidateULabel(label string) (string, error) {
	if !norm.NFC.IsNormalString(label) {
		return "", errors.New("not in Unicode Normalization Form C")
	}
	if err := checkIDNA2008CodePoints(label); err != nil {
		return "", err
	}
	a, err := idna.Registration.ToASCII(label)
	if err != nil {
		return "", fmt.Errorf("not a valid U-label: %s", idnaError(err))
	}
	return a, nil
}

// ToALabel returns the A-label of a U-label, or "" when it has none; for
// messages that name what was required.
func ToALabel(label string) string {
	a, err := idna.Registration.ToASCII(label)
	if err != nil {
		return ""
	}
	return a
}

// idnaError is the message of an x/net/idna error with every string it
// quotes re-quoted through Quote: idna quotes the whole label
// ("idna: invalid label %q"), so without this a hostile label of any length
// would reach finding details. Messages quoting short strings are unchanged.
func idnaError(err error) string {
	msg := err.Error()
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '"')
		if i < 0 {
			break
		}
		q, qerr := strconv.QuotedPrefix(msg[i:])
		if qerr != nil {
			break
		}
		s, _ := strconv.Unquote(q) // cannot fail: q is a quoted prefix
		b.WriteString(msg[:i])
		b.WriteString(Quote(s))
		msg = msg[i+len(q):]
	}
	b.WriteString(msg)
	return b.String()
}

// checkIDNA2008CodePoints applies the RFC 5892 §3 derivation to every code
// point of a U-label. x/net/idna implements UTS #46, which accepts code
// points that IDNA2008 disallows (UTS #46 "NV8"/"XV8", e.g. U+2764 HEAVY
// BLACK HEART), and has no CONTEXTO rules; this closes both gaps.
func checkIDNA2008CodePoints(label string) error {
	for i, r := range label {
		switch idnaProperty(r) {
		case pvalid:
		case contextJ:
			// x/net/idna's Registration profile checks the RFC 5892
			// Appendix A.1 and A.2 rules for the joiners.
		case contextO:
			if !contextORule(label, i, r) {
				return fmt.Errorf("code point U+%04X is CONTEXTO and its RFC 5892 Appendix A rule fails", r)
			}
		case unassigned:
			return fmt.Errorf("code point U+%04X is unassigned", r)
		default:
			return fmt.Errorf("code point U+%04X is DISALLOWED by IDNA2008 (RFC 5892)", r)
		}
	}
	return nil
}

type idnaClass uint8

const (
	disallowed idnaClass = iota
	pvalid
	contextJ
	contextO
	unassigned
)

// exceptions is RFC 5892 §2.6.
var exceptions = map[rune]idnaClass{
	0x00DF: pvalid, 0x03C2: pvalid, 0x06FD: pvalid, 0x06FE: pvalid, 0x0F0B: pvalid, 0x3007: pvalid,
	0x00B7: contextO, 0x0375: contextO, 0x05F3: contextO, 0x05F4: contextO, 0x30FB: contextO,
	0x0640: disallowed, 0x07FA: disallowed, 0x302E: disallowed, 0x302F: disallowed,
	0x3031: disallowed, 0x3032: disallowed, 0x3033: disallowed, 0x3034: disallowed,
	0x3035: disallowed, 0x303B: disallowed,
}

var (
	// assigned is every general category but Cn.
	assigned = []*unicode.RangeTable{unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.C}
	// ignorableProperties approximates Default_Ignorable_Code_Point,
	// White_Space and Noncharacter_Code_Point (RFC 5892 §2.3); the Cf part of
	// Default_Ignorable_Code_Point is DISALLOWED in any case.
	ignorableProperties = []*unicode.RangeTable{unicode.Other_Default_Ignorable_Code_Point,
		unicode.Variation_Selector, unicode.White_Space, unicode.Noncharacter_Code_Point}
	// letterDigits is RFC 5892 §2.1.
	letterDigits = []*unicode.RangeTable{unicode.Ll, unicode.Lu, unicode.Lo, unicode.Nd, unicode.Lm, unicode.Mn, unicode.Mc}
	foldNFKC     = cases.Fold()
)

// idnaProperty is the RFC 5892 §3 derivation, in its order.
func idnaProperty(r rune) idnaClass {
	if c, ok := exceptions[r]; ok {
		return c
	}
	if (r >= 0x0660 && r <= 0x0669) || (r >= 0x06F0 && r <= 0x06F9) {
		return contextO // Arabic-Indic digits, also in §2.6
	}
	switch {
	case !unicode.In(r, assigned...):
		return unassigned
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
		return pvalid
	case r == 0x200C || r == 0x200D:
		return contextJ
	case unstable(r):
		return disallowed
	case unicode.In(r, ignorableProperties...):
		return disallowed
	case (r >= 0x20D0 && r <= 0x20FF) || (r >= 0x1D100 && r <= 0x1D24F): // IgnorableBlocks
		return disallowed
	case (r >= 0x1100 && r <= 0x11FF) || (r >= 0xA960 && r <= 0xA97C) || (r >= 0xD7B0 && r <= 0xD7FB): // OldHangulJamo
		return disallowed
	case unicode.In(r, letterDigits...):
		return pvalid
	}
	return disallowed
}

// unstable is RFC 5892 §2.2: NFKC_Casefold changes the code point.
func unstable(r rune) bool {
	s := string(r)
	return norm.NFKC.String(foldNFKC.String(norm.NFKC.String(s))) != s
}

// contextORule is RFC 5892 Appendix A.3 to A.9 for the code point r at byte
// offset i of label.
func contextORule(label string, i int, r rune) bool {
	before, after := []rune(label[:i]), []rune(label[i+len(string(r)):])
	switch {
	case r == 0x00B7: // MIDDLE DOT: between two 'l'
		return len(before) > 0 && before[len(before)-1] == 'l' && len(after) > 0 && after[0] == 'l'
	case r == 0x0375: // GREEK LOWER NUMERAL SIGN: followed by Greek
		return len(after) > 0 && unicode.Is(unicode.Greek, after[0])
	case r == 0x05F3 || r == 0x05F4: // HEBREW GERESH, GERSHAYIM: after Hebrew
		return len(before) > 0 && unicode.Is(unicode.Hebrew, before[len(before)-1])
	case r == 0x30FB: // KATAKANA MIDDLE DOT: label has Hiragana, Katakana or Han
		for _, c := range label {
			if c != 0x30FB && unicode.In(c, unicode.Hiragana, unicode.Katakana, unicode.Han) {
				return true
			}
		}
		return false
	case r >= 0x0660 && r <= 0x0669: // ARABIC-INDIC DIGITS: not with extended ones
		return !strings.ContainsFunc(label, func(c rune) bool { return c >= 0x06F0 && c <= 0x06F9 })
	case r >= 0x06F0 && r <= 0x06F9: // EXTENDED ARABIC-INDIC DIGITS: not with plain ones
		return !strings.ContainsFunc(label, func(c rune) bool { return c >= 0x0660 && c <= 0x0669 })
	}
	return false
}
