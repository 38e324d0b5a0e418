package smime

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/smimelint/zlint-smime/util"
)

// Mailbox is an RFC 6531 §3.3 Mailbox, Local-part "@" Domain, split at the
// last "@": a quoted local part may hold "@", a domain may not.
type Mailbox struct {
	LocalPart string
	Domain    string
}

// ParseMailbox checks that s is a bare envelope Mailbox (RFC 5321 §4.1.2 as
// extended by RFC 6531 §3.3): no display name, angle brackets, comment or
// whitespace outside quotes, a Dot-string or Quoted-string local part whose
// atext and qtextSMTP also admit UTF8-non-ascii, and a non-empty domain. The
// domain's label syntax is left to the domain checks. s must be valid UTF-8.
func ParseMailbox(s string) (Mailbox, error) {
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return Mailbox{}, fmt.Errorf("holds control character U+%04X", r)
		}
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return Mailbox{}, errors.New(`has no "@"`)
	}
	m := Mailbox{LocalPart: s[:at], Domain: s[at+1:]}
	if m.Domain == "" {
		return m, errors.New("has an empty domain")
	}
	switch {
	case strings.ContainsAny(m.Domain, "<>"):
		return m, errors.New("has angle brackets: a display name or <...> form is not a bare Mailbox")
	case strings.ContainsAny(m.Domain, "()"):
		return m, errors.New("has a comment in parentheses")
	case strings.ContainsAny(m.Domain, " \t"):
		return m, errors.New("has whitespace outside quotes")
	}
	if strings.HasPrefix(m.LocalPart, `"`) {
		return m, checkQuotedString(m.LocalPart)
	}
	return m, checkDotString(m.LocalPart)
}

// atextSpecials are the non-alphanumeric ASCII atext characters (RFC 5322
// §3.2.3, used by RFC 5321).
const atextSpecials = "!#$%&'*+-/=?^_`{|}~"

func checkDotString(local string) error {
	if local == "" {
		return errors.New("has an empty local part")
	}
	for _, r := range local {
		switch {
		case r >= 0x80, r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			strings.ContainsRune(atextSpecials, r), r == '.':
		case r == '<' || r == '>':
			return errors.New("has angle brackets: a display name or <...> form is not a bare Mailbox")
		case r == '(' || r == ')':
			return errors.New("has a comment in parentheses")
		case r == ' ' || r == '\t':
			return errors.New("has whitespace outside quotes")
		default:
			return fmt.Errorf("local part holds %q, which needs quoting", r)
		}
	}
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return errors.New("local part has an empty atom (a leading, trailing or doubled \".\")")
	}
	return nil
}

func checkQuotedString(local string) error {
	body := local[1:]
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '\\':
			if i+1 >= len(body) || body[i+1] < 0x20 || body[i+1] > 0x7e {
				return errors.New("quoted local part has a backslash that does not escape a printable ASCII character")
			}
			i++
		case c == '"':
			if i != len(body)-1 {
				return errors.New("has text after the quoted local part")
			}
			if i == 0 {
				return errors.New("has an empty quoted local part")
			}
			return nil
		}
	}
	return errors.New("quoted local part is not terminated")
}

// IsASCII reports whether s holds only ASCII characters.
func IsASCII(s string) bool { return util.FirstNonASCII([]byte(s)) < 0 }

// SmtpUTF8Mailbox is an otherName of type id-on-SmtpUTF8Mailbox found in a
// subjectAltName or issuerAltName, decoded once for every lint.
type SmtpUTF8Mailbox struct {
	// Where is "subjectAltName" or "issuerAltName".
	Where string
	Name  *GeneralName
	// Value is the decoded string; meaningful when ValueErr is nil.
	Value string
	// ValueErr says why the value is not a non-empty, valid UTF8String
	// (RFC 9598 §3).
	ValueErr error
	// Mailbox is the parsed value; meaningful when ValueErr and SyntaxErr
	// are nil.
	Mailbox Mailbox
	// SyntaxErr says why a decoded value is not a bare Mailbox.
	SyntaxErr error
}

// Describe names the entry and quotes its value, for finding details.
func (m *SmtpUTF8Mailbox) Describe() string {
	if m.ValueErr != nil {
		return m.Where + " SmtpUTF8Mailbox"
	}
	return m.Where + " SmtpUTF8Mailbox " + util.Quote(m.Value)
}

// Parsed reports whether the value decoded and is a bare Mailbox, so that
// the domain and local-part rules can look at it.
func (m *SmtpUTF8Mailbox) Parsed() bool { return m.ValueErr == nil && m.SyntaxErr == nil }

func decodeSmtpUTF8Mailbox(where string, n *GeneralName) SmtpUTF8Mailbox {
	m := SmtpUTF8Mailbox{Where: where, Name: n}
	on := &n.OtherName
	switch {
	case n.Err != nil:
		m.ValueErr = n.Err
	case on.ValueTag != cbasn1.UTF8String:
		m.ValueErr = fmt.Errorf("value is %s, not a UTF8String", tagName(on.ValueTag))
	case len(on.Value) == 0:
		m.ValueErr = errors.New("value is an empty UTF8String (SIZE (1..MAX))")
	case !utf8.Valid(on.Value):
		m.ValueErr = fmt.Errorf("value %s is not valid UTF-8", util.QuoteBytes(on.Value))
	default:
		m.Value = string(on.Value)
		m.Mailbox, m.SyntaxErr = ParseMailbox(m.Value)
	}
	return m
}

var universalTagNames = map[cbasn1.Tag]string{
	cbasn1.UTF8String: "a UTF8String", cbasn1.PrintableString: "a PrintableString",
	cbasn1.IA5String: "an IA5String", cbasn1.T61String: "a TeletexString",
	cbasn1.Tag(28): "a UniversalString", cbasn1.Tag(30): "a BMPString",
	cbasn1.Tag(26): "a VisibleString", cbasn1.OCTET_STRING: "an OCTET STRING",
}

func tagName(t cbasn1.Tag) string {
	if s, ok := universalTagNames[t]; ok {
		return s
	}
	return fmt.Sprintf("a TLV with tag 0x%02x", uint8(t))
}
