// Package util holds small generic helpers that know nothing about S/MIME:
// escaping certificate content for messages, walking DER, and a bounded
// cache of values built once (OnceCache).
package util

import (
	"encoding/hex"
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is the number of bytes of a value that Quote shows before it
// truncates: enough to recognise a mailbox or a label, too few for a hostile
// value to flood a terminal or a log line.
const MaxQuoted = 96

// Quote returns s as a double-quoted Go string literal with every control
// character, invalid UTF-8 byte and non-printable rune escaped, cut at
// MaxQuoted bytes on a rune boundary. Finding details quote certificate
// content only through Quote, so a value can never garble a terminal, a JSON
// consumer or a log.
func Quote(s string) string {
	return quoteCut(s, strconv.Quote)
}

// QuoteASCII is Quote with every non-ASCII rune escaped as well
// (strconv.QuoteToASCII), for values whose combining marks or look-alikes
// the reader must see.
func QuoteASCII(s string) string {
	return quoteCut(s, strconv.QuoteToASCII)
}

func quoteCut(s string, quote func(string) string) string {
	if len(s) <= MaxQuoted {
		return quote(s)
	}
	return quote(Cut(s, MaxQuoted)) + "…(" + strconv.Itoa(len(s)) + " bytes)"
}

// Cut returns s cut to at most n bytes, on a rune boundary when one is
// within the last few bytes (invalid UTF-8 is cut at n).
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if cut == 0 { // no rune boundary found: cut at the byte limit
		cut = n
	}
	return s[:cut]
}

// QuoteBytes is Quote for raw octets.
func QuoteBytes(b []byte) string {
	return Quote(string(b))
}

// HexQuote shows raw DER as hex, cut at MaxQuoted bytes: how a finding
// names an encoding that has no name.
func HexQuote(b []byte) string {
	if len(b) > MaxQuoted {
		return hex.EncodeToString(b[:MaxQuoted]) + "…(" + strconv.Itoa(len(b)) + " bytes)"
	}
	return hex.EncodeToString(b)
}
