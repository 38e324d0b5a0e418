package zlintsmime_test

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/smimelint/zlint-smime/internal/golden"
	"github.com/smimelint/zlint-smime/lints"
)

// The README's tables are generated from the registry between these markers;
// TestREADMETables keeps them in sync (-update rewrites them).
var readmeTables = []struct {
	begin, end string
	render     func() string
}{
	{"<!-- lints:begin -->", "<!-- lints:end -->", lintTable},
	{"<!-- superseded:begin -->", "<!-- superseded:end -->", supersededTable},
	{"<!-- companions:begin -->", "<!-- companions:end -->", companionTable},
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
	return reasonTable("Upstream lint run as well", lints.Companions)
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
		want := tbl.begin + "\n" + tbl.render() + tbl.end
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
