package zlintsmime_test

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// PeerCorpusEnv names the environment variable that points the conformance
// test at another copy of the peer linter's corpus (a newer one, say); by
// default the test reads the copy the repository keeps, so a fresh clone
// runs it.
const PeerCorpusEnv = "ZLINT_SMIME_PEER_CORPUS"

// vendoredPeerCorpus is the repository's copy of pkilint's S/MIME corpus,
// with its MIT licence.
const vendoredPeerCorpus = "testdata/peer/pkilint-smime"

type peerIndex struct {
	Cases []peerCase `json:"cases"`
}

type peerCase struct {
	ID       string    `json:"id"`
	PEM      string    `json:"pem"`
	Expected []peerRow `json:"expected"`
}

type peerRow struct {
	Severity string   `json:"severity"`
	Code     string   `json:"code"`
	Rules    []string `json:"rules"`
}

type mappingFile struct {
	Lints map[string]mappingEntry `json:"lints"`
}

type mappingEntry struct {
	Family   string   `json:"family"`
	Rules    []string `json:"rules"`
	Codes    []string `json:"codes"`
	DateGate string   `json:"date_gate"`
}

// counts reports whether a peer row expresses the entry's rule.
func (m mappingEntry) counts(r peerRow) bool {
	if !slices.Contains(m.Codes, r.Code) {
		return false
	}
	if len(m.Rules) == 0 {
		return true
	}
	for _, rule := range r.Rules {
		if slices.Contains(m.Rules, rule) {
			return true
		}
	}
	return false
}

type deviationsFile struct {
	Deviations []deviation `json:"deviations"`
}

type deviation struct {
	Case     string `json:"case"`
	Lint     string `json:"lint"`
	Kind     string `json:"kind"`
	Reason   string `json:"reason"`
	Citation string `json:"citation"`
}

// peerStatus maps a peer severity to the zlint status it corresponds to.
// FATAL is a decoding failure that zcrypto mostly survives; the library
// reports the underlying rule as an Error.
var peerStatus = map[string]lint.LintStatus{
	"FATAL": lint.Error, "ERROR": lint.Error, "WARNING": lint.Warn, "NOTICE": lint.Notice, "INFO": lint.Notice,
}

type outcome int

const (
	agree outcome = iota
	agreeLifted
	// stricter: both report the rule, ours at a higher severity than the
	// peer's (an Error for its WARNING); not counted as agreement.
	stricter
	falseNegative
	falsePositive
	deviated
	nOutcomes
)

var outcomeHeader = [nOutcomes]string{"agree", "agree (date gate lifted)", "ours more severe", "our FN", "our FP", "documented deviation"}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestConformance compares the recommended registry with the peer linter's
// expected findings, rule by rule for the mapped codes. It prints the
// agreement table with -v and fails on any undocumented disagreement.
func TestConformance(t *testing.T) {
	dir := os.Getenv(PeerCorpusEnv)
	if dir == "" {
		dir = vendoredPeerCorpus
	}
	var index peerIndex
	readJSON(t, filepath.Join(dir, "index.json"), &index)
	var mapping mappingFile
	readJSON(t, "testdata/peer/mapping.json", &mapping)
	var devs deviationsFile
	readJSON(t, "testdata/peer/deviations.json", &devs)

	type key struct{ caseID, lint, kind string }
	documented := map[key]bool{}
	for _, d := range devs.Deviations {
		if d.Reason == "" || d.Citation == "" {
			t.Errorf("deviation %s/%s has no reason or citation", d.Case, d.Lint)
		}
		documented[key{d.Case, d.Lint, d.Kind}] = false
	}

	reg := zlintsmime.Registry()
	cfg := reg.GetConfiguration()
	names := make([]string, 0, len(mapping.Lints))
	for name := range mapping.Lints {
		if reg.CertificateLints().ByName(name) == nil {
			t.Errorf("mapping names %s, which is not in the recommended registry", name)
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)

	table := map[string]*[nOutcomes]int{}
	var undocumented []string
	for _, pc := range index.Cases {
		c := parsePeerCert(t, filepath.Join(dir, pc.PEM))
		for _, name := range names {
			m := mapping.Lints[name]
			var want lint.LintStatus
			for _, r := range pc.Expected {
				if m.counts(r) && peerStatus[r.Severity] > want {
					want = peerStatus[r.Severity]
				}
			}
			l := reg.CertificateLints().ByName(name)
			res := l.Execute(c, cfg)
			lifted := false
			if res.Status == lint.NE && m.DateGate != "keep" {
				ungated := *l
				ungated.EffectiveDate, ungated.IneffectiveDate = time.Time{}, time.Time{}
				res, lifted = ungated.Execute(c, cfg), true
			}
			got := res.Status
			var o outcome
			switch {
			case want != 0 && got > want:
				o = stricter
			case want != 0 && got == want && !lifted:
				o = agree
			case want != 0 && got == want:
				o = agreeLifted
			case want != 0:
				o = falseNegative
			case got > lint.Pass:
				o = falsePositive
			default:
				continue // both silent
			}
			if o == falseNegative || o == falsePositive {
				k := key{pc.ID, name, [...]string{falseNegative: "FN", falsePositive: "FP"}[o]}
				if _, ok := documented[k]; ok {
					documented[k], o = true, deviated
				} else {
					undocumented = append(undocumented, fmt.Sprintf("%s %s: %s (peer wants %s, we give %s %q)",
						k.kind, pc.ID, name, statusOrNone(want), got, res.Details))
				}
			}
			if table[m.Family] == nil {
				table[m.Family] = new([nOutcomes]int)
			}
			table[m.Family][o]++
		}
	}

	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "family\t%s\t\n", strings.Join(outcomeHeader[:], "\t"))
	families := make([]string, 0, len(table))
	for f := range table {
		families = append(families, f)
	}
	sort.Strings(families)
	for _, f := range families {
		fmt.Fprintf(w, "%s", f)
		for _, n := range table[f] {
			fmt.Fprintf(w, "\t%d", n)
		}
		fmt.Fprintln(w, "\t")
	}
	w.Flush()
	t.Logf("agreement with the peer corpus (%d cases, %d mapped lints):\n%s", len(index.Cases), len(names), b.String())

	for _, u := range undocumented {
		t.Errorf("undocumented disagreement: %s", u)
	}
	for k, seen := range documented {
		if !seen {
			t.Errorf("documented deviation no longer occurs: %s %s %s", k.kind, k.caseID, k.lint)
		}
	}
}

func statusOrNone(s lint.LintStatus) string {
	if s == 0 {
		return "nothing"
	}
	return s.String()
}

func parsePeerCert(t *testing.T, path string) *x509.Certificate {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		t.Fatalf("%s: no PEM block", path)
	}
	c, err := zlintsmime.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
