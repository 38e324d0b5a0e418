package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/zmap/zlint/v3/lint"
)

// scanStats counts, as records are written, what -progress shows (the log
// index reached, findings by severity) and what -summary ends with (counts
// per lint and per issuing CA), so that the operator of a long scan sees
// which CA issues what. add runs on the writing goroutine only (lintAll
// writes under its lock); progressLine reads the atomics from another.
type scanStats struct {
	logIndex   atomic.Int64 // the last log index written, +1; 0: none
	severity   [lint.Fatal + 1]atomic.Int64
	screened   atomic.Int64
	perLint    map[string]int
	perCA      map[string]*caStats
	lintStatus map[string]lint.LintStatus
}

type caStats struct {
	certs, withFindings int
	findings            [lint.Fatal + 1]int
}

func (s *scanStats) add(r *record) {
	if r.LogIndex != nil {
		s.logIndex.Store(*r.LogIndex + 1)
	}
	if r.Screened {
		s.screened.Add(1)
	}
	if r.Err != "" {
		return
	}
	if s.perLint == nil {
		s.perLint, s.perCA, s.lintStatus = map[string]int{}, map[string]*caStats{}, map[string]lint.LintStatus{}
	}
	for _, f := range r.Findings {
		if f.Status <= lint.Fatal {
			s.severity[f.Status].Add(1)
		}
		s.perLint[f.Lint]++
		s.lintStatus[f.Lint] = f.Status
	}
	if r.IssuerCA == "" {
		return
	}
	ca := s.perCA[r.IssuerCA]
	if ca == nil {
		ca = &caStats{}
		s.perCA[r.IssuerCA] = ca
	}
	ca.certs++
	if len(r.Findings) > 0 {
		ca.withFindings++
	}
	for _, f := range r.Findings {
		if f.Status <= lint.Fatal {
			ca.findings[f.Status]++
		}
	}
}

// progressLine is what -progress adds to its line.
func (s *scanStats) progressLine() string {
	var b strings.Builder
	if i := s.logIndex.Load(); i > 0 {
		fmt.Fprintf(&b, ", log index %d", i-1)
	}
	fmt.Fprintf(&b, ", findings %d error %d warn %d notice %d fatal",
		s.severity[lint.Error].Load(), s.severity[lint.Warn].Load(),
		s.severity[lint.Notice].Load(), s.severity[lint.Fatal].Load())
	if n := s.screened.Load(); n > 0 {
		fmt.Fprintf(&b, ", %d screened out", n)
	}
	return b.String()
}

// footer writes the counts per lint and per issuing CA under -summary's
// table, most frequent first.
func (s *scanStats) footer(w io.Writer) {
	if n := s.screened.Load(); n > 0 {
		fmt.Fprintf(w, "screened out unparsed (no lint of the registry could apply): %d\n", n)
	}
	if len(s.perLint) > 0 {
		fmt.Fprintf(w, "\n%-8s %-60s %s\n", "CERTS", "LINT", "STATUS")
		for _, name := range sortedByCount(s.perLint) {
			fmt.Fprintf(w, "%-8d %-60s %s\n", s.perLint[name], name, s.lintStatus[name])
		}
	}
	if len(s.perCA) > 0 {
		counts := map[string]int{}
		for name, ca := range s.perCA {
			counts[name] = ca.certs
		}
		fmt.Fprintf(w, "\n%-8s %-8s %6s %6s %6s %6s  %s\n", "LINTED", "FLAGGED", "FATAL", "ERROR", "WARN", "INFO", "ISSUING CA (CN or O)")
		for _, name := range sortedByCount(counts) {
			ca := s.perCA[name]
			fmt.Fprintf(w, "%-8d %-8d %6d %6d %6d %6d  %s\n", ca.certs, ca.withFindings, ca.findings[lint.Fatal],
				ca.findings[lint.Error], ca.findings[lint.Warn], ca.findings[lint.Notice], name)
		}
	}
}

// sortedByCount returns the keys of m, largest count first, then by name.
func sortedByCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
