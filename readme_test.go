package zlintsmime_test

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/smimelint/zlint-smime/internal/golden"
	"github.com/smimelint/zlint-smime/lints"
)

// The README's tables are generated from the registry between these markers;
// TestREADMETables keeps them in sync (-update rewrites them).
var readmeTables = []struct {
	begin, end string
	// indent is the table's indentation in the README (inside a list item).
	indent string
	render func() (string, error)
}{
	{"<!-- lints:begin -->", "<!-- lints:end -->", "", infallible(lintTable)},
	{"<!-- superseded:begin -->", "<!-- superseded:end -->", "", infallible(supersededTable)},
	{"<!-- companions:begin -->", "<!-- companions:end -->", "", infallible(companionTable)},
	{"<!-- campaign:begin -->", "<!-- campaign:end -->", "  ", campaignTable},
}

func infallible(render func() string) func() (string, error) {
	return func() (string, error) { return render(), nil }
}

// campaignTable sums the fuzzing campaign's log per target against its goal,
// as .ci/fuzz-campaign -summary does, so that the README's figures are the
// committed log's. The targets, and those with the lower goal (whole), are
// .ci/fuzz's lists, which .ci/fuzz-campaign reads too.
func campaignTable() (string, error) {
	fuzz, err := os.ReadFile(".ci/fuzz")
	if err != nil {
		return "", err
	}
	log, err := os.ReadFile(".ci/fuzz-campaign.tsv")
	if err != nil {
		return "", err
	}
	_, list, ok := strings.Cut(string(fuzz), "\ntargets=(")
	list, _, ok2 := strings.Cut(list, "\n)")
	_, whole, ok3 := strings.Cut(string(fuzz), "\nwhole=\"")
	whole, _, ok4 := strings.Cut(whole, "\"")
	if !ok || !ok2 || !ok3 || !ok4 {
		return "", fmt.Errorf("cannot find the target lists (targets, whole) in .ci/fuzz")
	}
	targets := strings.Fields(list)
	execs := map[string]int64{}
	for i, line := range strings.Split(strings.TrimSuffix(string(log), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) == 5 {
			// A line for a target .ci/fuzz does not list (a mistyped
			// argument's failed run) would be left out of the table unseen.
			if !slices.Contains(targets, f[1]) {
				return "", fmt.Errorf(".ci/fuzz-campaign.tsv line %d: %q is not a target .ci/fuzz lists", i+1, f[1])
			}
			if n, err := strconv.ParseInt(f[3], 10, 64); err == nil {
				execs[f[1]] += n
				continue
			}
		}
		return "", fmt.Errorf(".ci/fuzz-campaign.tsv line %d: want date, target, seconds, executions, result: %q", i+1, line)
	}
	var b strings.Builder
	b.WriteString("| target | executions | goal | met |\n|---|---:|---:|---|\n")
	for _, t := range targets {
		goal, exp := int64(100_000_000), 8
		if slices.Contains(strings.Fields(whole), t) {
			goal, exp = 10_000_000, 7
		}
		met := "not yet"
		if execs[t] >= goal {
			met = "yes"
		}
		fmt.Fprintf(&b, "| `%s` | %s | 10^%d | %s |\n", t, thousands(execs[t]), exp, met)
	}
	return b.String(), nil
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func lintTable() string {
	var b strings.Builder
	b.WriteString("| Lint | Checks | Severity | Effective | Citation | Rule |\n|---|---|---|---|---|---|\n")
	for _, name := range slices.Concat(lints.Ours(), lints.OursCRL()) {
		l := lints.Metadata(name)
		sev := map[byte]string{'e': "Error", 'w': "Warn", 'n': "Notice"}[name[0]]
		// A Description ends with its rule IDs in parentheses: the text
		// before them is what the lint checks.
		checks, rule := l.Description, ""
		if i := strings.LastIndex(l.Description, "("); i >= 0 && strings.HasSuffix(l.Description, ")") {
			checks, rule = strings.TrimSpace(l.Description[:i]), l.Description[i+1:len(l.Description)-1]
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", name, cell(checks), sev,
			l.EffectiveDate.Format("2006-01-02"), cell(l.Citation), cell(rule))
	}
	return b.String()
}

// cell makes text safe inside a Markdown table cell.
func cell(text string) string {
	return strings.ReplaceAll(text, "|", `\|`)
}

func supersededTable() string {
	return reasonTable("Upstream lint left out", lints.Superseded)
}

func companionTable() string {
	names := make([]string, 0, len(lints.Companions))
	for n := range lints.Companions {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("| Upstream lint | Run in S/MIME scope as | Effective | Why |\n|---|---|---|---|\n")
	for _, n := range names {
		w := lints.CompanionName(n)
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", n, w, lints.Metadata(w).EffectiveDate.Format("2006-01-02"), lints.Companions[n])
	}
	return b.String()
}

func reasonTable(head string, m map[string]string) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | Why |\n|---|---|\n", head)
	for _, n := range names {
		fmt.Fprintf(&b, "| `%s` | %s |\n", n, m[n])
	}
	return b.String()
}

func TestREADMETables(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	for _, tbl := range readmeTables {
		i, j := strings.Index(readme, tbl.begin), strings.Index(readme, tbl.end)
		if i < 0 || j < i {
			t.Fatalf("README.md lacks the markers %s … %s", tbl.begin, tbl.end)
		}
		table, err := tbl.render()
		if err != nil {
			t.Fatal(err)
		}
		table = strings.ReplaceAll(table, "\n", "\n"+tbl.indent)
		want := tbl.begin + "\n" + tbl.indent + table + tbl.end
		got := readme[i : j+len(tbl.end)]
		if got == want {
			continue
		}
		if *golden.Update {
			readme = readme[:i] + want + readme[j+len(tbl.end):]
			continue
		}
		t.Errorf("README.md table %s is out of date; run go test -run README . -update", tbl.begin)
	}
	if *golden.Update {
		if err := os.WriteFile("README.md", []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
