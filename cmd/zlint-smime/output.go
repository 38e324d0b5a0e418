package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zmap/zlint/v3/lint"
)

// jsonWriter writes one JSON object per record per line.
type jsonWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func newJSONWriter(w io.Writer) *jsonWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonWriter{w: bw, enc: enc}
}

// jsonCert is the line of a linted certificate. Findings is never null.
type jsonCert struct {
	Input     string        `json:"input"`
	Index     int           `json:"index"`
	Kind      string        `json:"kind,omitempty"`
	LogIndex  *int64        `json:"log_index,omitempty"`
	EntryType string        `json:"entry_type,omitempty"`
	SHA256    string        `json:"sha256"`
	Screened  bool          `json:"screened,omitempty"`
	Findings  []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	Lint     string `json:"lint"`
	Status   string `json:"status"`
	Details  string `json:"details"`
	Citation string `json:"citation"`
	Source   string `json:"source"`
}

// jsonError is the line of an input or certificate that could not be read,
// parsed or linted. SHA256 is there when the DER was read.
type jsonError struct {
	Input     string `json:"input"`
	Index     int    `json:"index"`
	Kind      string `json:"kind,omitempty"`
	LogIndex  *int64 `json:"log_index,omitempty"`
	EntryType string `json:"entry_type,omitempty"`
	SHA256    string `json:"sha256,omitempty"`
	Error     string `json:"error"`
}

// prepare encodes the record's line in the worker that made it.
func (j *jsonWriter) prepare(r *record) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if encodeRecord(enc, r) == nil {
		r.encoded = b.Bytes()
	}
}

func (j *jsonWriter) write(r *record) error {
	if r.encoded != nil {
		_, err := j.w.Write(r.encoded)
		return err
	}
	return encodeRecord(j.enc, r)
}

// encodeRecord writes the record's JSON line with enc.
func encodeRecord(enc *json.Encoder, r *record) error {
	if r.Err != "" {
		return enc.Encode(jsonError{Input: escape(r.Input), Index: r.Index, Kind: r.Kind, LogIndex: r.LogIndex,
			EntryType: r.EntryType, SHA256: r.SHA256, Error: r.Err})
	}
	fs := make([]jsonFinding, len(r.Findings))
	for i, f := range r.Findings {
		fs[i] = jsonFinding{Lint: f.Lint, Status: f.Status.String(), Details: f.Details,
			Citation: f.Citation, Source: string(f.Source)}
	}
	return enc.Encode(jsonCert{Input: escape(r.Input), Index: r.Index, Kind: r.Kind, LogIndex: r.LogIndex,
		EntryType: r.EntryType, SHA256: r.SHA256, Screened: r.Screened, Findings: fs})
}

func (j *jsonWriter) flush() error { return j.w.Flush() }

// summaryWriter writes a table for people: a row per certificate with its
// counts per severity (INFO counts zlint's Notice status, which it prints as
// "info"), and under it a line per finding.
type summaryWriter struct {
	w      *bufio.Writer
	header bool
}

// prepare does nothing: the table is laid out as it is written.
func (s *summaryWriter) prepare(*record) {}

func newSummaryWriter(w io.Writer) *summaryWriter {
	return &summaryWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

const summaryRow = "%-40s %-16s %6s %6s %6s %6s\n"

func (s *summaryWriter) write(r *record) error {
	if !s.header {
		s.header = true
		fmt.Fprintf(s.w, summaryRow, "CERTIFICATE OR CRL", "SHA-256", "FATAL", "ERROR", "WARN", "INFO")
	}
	name := escape(r.Input) + "#" + strconv.Itoa(r.Index)
	if r.Err != "" {
		_, err := fmt.Fprintf(s.w, "%-40s %-16s UNREADABLE %s\n", name, "-", r.Err)
		return err
	}
	counts := map[lint.LintStatus]int{}
	for _, f := range r.Findings {
		counts[f.Status]++
	}
	fmt.Fprintf(s.w, summaryRow, name, r.SHA256[:16], strconv.Itoa(counts[lint.Fatal]),
		strconv.Itoa(counts[lint.Error]), strconv.Itoa(counts[lint.Warn]), strconv.Itoa(counts[lint.Notice]))
	for _, f := range r.Findings {
		if f.Details == "" {
			fmt.Fprintf(s.w, "    %-6s %s\n", f.Status, f.Lint)
		} else {
			fmt.Fprintf(s.w, "    %-6s %s: %s\n", f.Status, f.Lint, f.Details)
		}
	}
	return nil
}

func (s *summaryWriter) flush() error { return s.w.Flush() }

// footer ends the table with the totals.
func (s *summaryWriter) footer(t *tally) error {
	fmt.Fprintf(s.w, "certificates and CRLs linted: %d; with a finding at or above %s: %d; unreadable: %d\n",
		t.certs, t.failAt, t.failing, t.unreadable)
	t.stats.footer(s.w)
	return s.w.Flush()
}

// listLints writes the certificate and CRL lints of reg, sorted by name, one per
// line: name, source, effective date or "-", citation, tab-separated.
func listLints(w io.Writer, reg lint.Registry) error {
	var lints []*lint.LintMetadata
	for _, l := range reg.CertificateLints().Lints() {
		lints = append(lints, &l.LintMetadata)
	}
	for _, l := range reg.RevocationListLints().Lints() {
		lints = append(lints, &l.LintMetadata)
	}
	sort.Slice(lints, func(i, j int) bool { return lints[i].Name < lints[j].Name })
	bw := bufio.NewWriter(w)
	for _, l := range lints {
		date := "-"
		if !l.EffectiveDate.IsZero() {
			date = l.EffectiveDate.UTC().Format("2006-01-02")
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\n", l.Name, l.Source, date, escape(l.Citation), escape(l.Description))
	}
	return bw.Flush()
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
