package zlintsmime_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/lints"
)

// ruleID matches the rule IDs the project cites, by family prefix: a new
// family needs a prefix here and a section in docs/RULES.md.
var ruleID = regexp.MustCompile(`\b(?:(?:EAI|KEY|ORGID|OTH|ISS|ALG-SIG|SHA1|SMC\d+)-\d{2}|ALG-SPKI|PQC-KU|SAN-DIRNAME|EKU-(?:SUBCA|SUB|CROSS))\b`)

// ruleRange matches "KEY-04 to KEY-08", which cites every ID in between.
var ruleRange = regexp.MustCompile(`\b([A-Z][A-Z0-9-]*-)(\d{2}) to ([A-Z][A-Z0-9-]*-)(\d{2})\b`)

// citedIDs returns the rule IDs text cites, ranges expanded.
func citedIDs(text string) []string {
	ids := ruleID.FindAllString(text, -1)
	for _, m := range ruleRange.FindAllStringSubmatch(text, -1) {
		if m[1] != m[3] {
			continue
		}
		lo, _ := strconv.Atoi(m[2])
		hi, _ := strconv.Atoi(m[4])
		for n := lo; n <= hi; n++ {
			ids = append(ids, fmt.Sprintf("%s%02d", m[1], n))
		}
	}
	return ids
}

// definedIDs returns the IDs docs/RULES.md defines: the first cell of each
// table row.
func definedIDs(t *testing.T) map[string]bool {
	t.Helper()
	raw, err := os.ReadFile("docs/RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || !strings.HasPrefix(line, "|") {
			continue
		}
		id := strings.TrimSpace(cells[1])
		if !ruleID.MatchString(id) || ruleID.FindString(id) != id {
			continue
		}
		if defined[id] {
			t.Errorf("docs/RULES.md defines %s twice", id)
		}
		defined[id] = true
	}
	return defined
}

// TestRuleIDsDefined checks that every rule ID cited by a lint Description,
// lints/profile.go's Superseded and Companions, the README or any Go file
// (fixture rows and comments included) is defined in docs/RULES.md, and logs
// the defined IDs that nothing cites.
func TestRuleIDsDefined(t *testing.T) {
	defined := definedIDs(t)
	if len(defined) == 0 {
		t.Fatal("docs/RULES.md defines no rule ID (expected table rows starting with | ID |)")
	}
	cited := map[string][]string{} // ID → where it is cited
	cite := func(where, text string) {
		for _, id := range citedIDs(text) {
			if w := cited[id]; len(w) == 0 || w[len(w)-1] != where {
				cited[id] = append(cited[id], where)
			}
		}
	}
	reg := lint.GlobalRegistry()
	for _, name := range append(reg.CertificateLints().Names(), reg.RevocationListLints().Names()...) {
		if strings.Contains(name, "_smimelint_") {
			desc := lints.Metadata(name).Description
			if len(citedIDs(desc)) == 0 {
				t.Errorf("the Description of %s cites no rule ID; end it with the ID in parentheses, defined in docs/RULES.md", name)
			}
			cite("Description of "+name, desc)
		}
	}
	for name, why := range lints.Superseded {
		cite("lints.Superseded["+name+"]", why)
	}
	for name, why := range lints.Companions {
		cite("lints.Companions["+name+"]", why)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	cite("README.md", string(readme))
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		// This file's own examples are not citations.
		if d.IsDir() || !strings.HasSuffix(path, ".go") || path == "rules_test.go" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		cite(filepath.ToSlash(path), string(src))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	var missing []string
	for id := range cited {
		if !defined[id] {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	for _, id := range missing {
		where := cited[id]
		if len(where) > 3 {
			where = append(where[:3:3], fmt.Sprintf("%d more", len(where)-3))
		}
		t.Errorf("rule ID %s is cited by %s but not defined in docs/RULES.md: add a row to its family's table",
			id, strings.Join(where, ", "))
	}
	var unused []string
	for id := range defined {
		if len(cited[id]) == 0 {
			unused = append(unused, id)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Logf("docs/RULES.md defines IDs that nothing cites (fine if deliberate): %s", strings.Join(unused, ", "))
	}
}
