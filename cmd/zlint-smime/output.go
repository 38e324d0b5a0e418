package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/internal/records"
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

// prepare encodes the record's line in the worker that made it.
func (j *jsonWriter) prepare(r *record) {
	if line, err := r.JSONLine(); err == nil {
		r.encoded = line
	}
}

func (j *jsonWriter) write(r *record) error {
	if r.encoded != nil {
		_, err := j.w.Write(r.encoded)
		return err
	}
	return r.Encode(j.enc)
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
	name := records.Escape(r.Input) + "#" + strconv.Itoa(r.Index)
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
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\n", l.Name, l.Source, date, records.Escape(l.Citation), records.Escape(l.Description))
	}
	return bw.Flush()
}
