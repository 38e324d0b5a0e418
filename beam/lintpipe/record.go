package lintpipe

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zmap/zcrypto/x509"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/smime"
)

// Record is the outcome for one item: the findings of a certificate or CRL,
// or why it could not be read, parsed or linted. Its JSON line is the CLI's
// (cmd/zlint-smime/output.go). A new field goes here and into certLine and
// errorLine, in the CLI's order.
type Record struct {
	Input    string
	Index    int
	SHA256   string               // hex of the DER; empty when no DER was read
	Findings []zlintsmime.Finding // non-nil when Err is empty
	Err      string               // non-empty: the message, naming the input
	Kind     string               // certificate, tbs, crl or tbscrl, as the CLI says
	Screened bool                 // skipped unparsed by the out-of-scope screen

	// A CT entry's: its log index when known, and "x509" or "precert".
	LogIndex    int64
	HasLogIndex bool
	EntryType   string
	Issuer      string // the issuer's name, for the summary; not in the line
}

// certLine is the line of a linted certificate. Findings is never null.
type certLine struct {
	Input     string        `json:"input"`
	Index     int           `json:"index"`
	Kind      string        `json:"kind,omitempty"`
	LogIndex  *int64        `json:"log_index,omitempty"`
	EntryType string        `json:"entry_type,omitempty"`
	SHA256    string        `json:"sha256"`
	Screened  bool          `json:"screened,omitempty"`
	Findings  []findingLine `json:"findings"`
}

type findingLine struct {
	Lint     string `json:"lint"`
	Status   string `json:"status"`
	Details  string `json:"details"`
	Citation string `json:"citation"`
	Source   string `json:"source"`
}

// errorLine is the line of an item that could not be read, parsed or
// linted. SHA256 is there when the DER was read.
type errorLine struct {
	Input     string `json:"input"`
	Index     int    `json:"index"`
	Kind      string `json:"kind,omitempty"`
	LogIndex  *int64 `json:"log_index,omitempty"`
	EntryType string `json:"entry_type,omitempty"`
	SHA256    string `json:"sha256,omitempty"`
	Error     string `json:"error"`
}

// JSONLine returns the record's JSON line, without its line ending.
func (r *Record) JSONLine() (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	var v any
	var logIndex *int64
	if r.HasLogIndex {
		logIndex = &r.LogIndex
	}
	if r.Err != "" {
		v = errorLine{Input: escape(r.Input), Index: r.Index, Kind: r.Kind, LogIndex: logIndex, EntryType: r.EntryType,
			SHA256: r.SHA256, Error: r.Err}
	} else {
		fs := make([]findingLine, len(r.Findings))
		for i, f := range r.Findings {
			fs[i] = findingLine{Lint: f.Lint, Status: f.Status.String(), Details: f.Details,
				Citation: f.Citation, Source: string(f.Source)}
		}
		v = certLine{Input: escape(r.Input), Index: r.Index, Kind: r.Kind, LogIndex: logIndex, EntryType: r.EntryType,
			SHA256: r.SHA256, Screened: r.Screened, Findings: fs}
	}
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// LintItem turns one item into its record, as the CLI's lintItem does. It
// does not panic: a panic in the parser or a lint becomes the record's
// error, and the other certificates are linted as usual.
func LintItem(ls *Linters, it Item) (rec Record) {
	rec = Record{Input: it.Input, Index: it.Index}
	defer func() {
		if p := recover(); p != nil {
			rec.Findings, rec.Issuer = nil, ""
			rec.Err = message(it, fmt.Sprintf("linting panicked: %v", p))
		}
	}()
	if it.Err != "" {
		rec.Err = message(it, it.Err)
		return rec
	}
	lint := func() error { return lintDER(ls.Base, it, &rec) }
	if it.CT {
		lint = func() error { return lintCT(ls, it, &rec) }
	}
	if err := lint(); err != nil {
		rec.Findings, rec.Issuer = nil, ""
		rec.Err = message(it, err.Error())
		return rec
	}
	rec.Issuer = escape(rec.Issuer)
	if rec.Findings == nil {
		rec.Findings = []zlintsmime.Finding{}
	}
	for i := range rec.Findings {
		rec.Findings[i].Details = escape(rec.Findings[i].Details)
		rec.Findings[i].Citation = escape(rec.Findings[i].Citation)
	}
	return rec
}

// lintDER parses the item's DER by its shape and lints it, as
// Linter.LintAnyDER does, keeping the parsed issuer's name for the summary.
// A PEM block of type X509 CRL is parsed as a CRL whatever its shape, as
// the CLI does. It returns the hex SHA-256 of the DER in every case.
func lintDER(l *zlintsmime.Linter, it Item, rec *Record) error {
	h := sha256.Sum256(it.DER)
	rec.SHA256 = hex.EncodeToString(h[:])
	shape := smime.ShapeOf(it.DER)
	if it.CRL {
		shape = smime.CRLShape
	}
	if shape == smime.UnknownShape {
		shape = smime.CertificateShape // the certificate parser names the problem
	}
	rec.Kind = shape.String()
	var (
		c   *x509.Certificate
		r   *x509.RevocationList
		err error
	)
	switch shape {
	case smime.CRLShape:
		r, err = zlintsmime.ParseRevocationList(it.DER)
	case smime.TBSCRLShape:
		r, err = zlintsmime.ParseTBSRevocationList(it.DER)
	case smime.TBSCertificateShape:
		if c, err = zlintsmime.ParseTBSCertificate(it.DER); err != nil {
			err = fmt.Errorf("%v (a bare TBSCertificate is wrapped with its own signature algorithm and "+
				"linted; this one does not parse as a TBSCertificate)", err)
		}
	default:
		if l.Screened(it.DER) {
			rec.Screened = true
			return nil
		}
		if c, err = zlintsmime.ParseCertificate(it.DER); err != nil {
			// A key zcrypto cannot parse is a finding, not a failure.
			rec.Findings, err = l.LintDER(it.DER)
			return err
		}
	}
	switch {
	case err != nil:
		return err
	case r != nil:
		rec.Findings, rec.Issuer = l.LintRevocationList(r), r.Issuer.String()
		return nil
	}
	rec.Findings, rec.Issuer = l.Lint(c), c.Issuer.String()
	return nil
}

// message is an item's error as reported: input, position, reason, with
// every non-printable character escaped.
func message(it Item, reason string) string {
	s := it.Input + ": "
	if it.Where != "" {
		s += it.Where + ": "
	}
	return escape(s + reason)
}

// escape returns s with every control character, other non-printable rune
// and invalid UTF-8 byte written as a Go escape (\n, \x1b, \u200b), and
// everything else, non-ASCII letters included, as is. Input names, error
// messages and finding details go through it, so no output line carries a
// raw control character whatever a certificate or a file name holds.
func escape(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == ' ' || unicode.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}
