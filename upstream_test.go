package zlintsmime_test

import (
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/golden"
	"github.com/smimelint/zlint-smime/lints"
)

// upstreamPassCase finds, in zlint's own S/MIME lint tests, the test
// certificates that a test expects to pass: a ".pem" file name followed
// within the same table entry by lint.Pass. Names are relative to zlint's
// testdata, after the prefix, if any, that the test file joins to them when
// it calls test.TestLint (upstreamPrefix).
var (
	upstreamPassCase = regexp.MustCompile(`"([^"]+\.pem)"[^{}]*?lint\.Pass`)
	upstreamPrefix   = regexp.MustCompile(`"(smime/[^"]*/)"\s*\+`)
)

// upstreamFindingsFile records every finding of ours on those certificates,
// each with the reason it is right. It is a golden file: -update rewrites
// the findings and keeps the reasons already written.
const upstreamFindingsFile = "testdata/peer/zlint-upstream-findings.json"

// TestUpstreamConformantCertificates runs the library's lints over the
// certificates that upstream zlint's S/MIME tests consider conformant and
// compares our findings with the documented ones.
func TestUpstreamConformantCertificates(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/zmap/zlint/v3").Output()
	if err != nil {
		t.Fatalf("locating zlint's module: %v", err)
	}
	zdir := strings.TrimSpace(string(out))
	tests, err := filepath.Glob(filepath.Join(zdir, "lints", "cabf_smime_br", "*_test.go"))
	if err != nil || len(tests) == 0 {
		t.Fatalf("no upstream S/MIME lint tests under %s: %v", zdir, err)
	}
	files := map[string]bool{}
	for _, f := range tests {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		prefix := ""
		if m := upstreamPrefix.FindSubmatch(src); m != nil {
			prefix = string(m[1])
		}
		for _, m := range upstreamPassCase.FindAllSubmatch(src, -1) {
			files[prefix+string(m[1])] = true
		}
	}
	if len(files) < 20 {
		t.Fatalf("found only %d upstream pass cases: has zlint's test layout changed?", len(files))
	}

	got := map[string]map[string]string{}
	for f := range files {
		der, err := os.ReadFile(filepath.Join(zdir, "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if block, _ := pem.Decode(der); block != nil {
			der = block.Bytes
		}
		c, err := zlintsmime.ParseCertificate(der)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		for _, name := range lints.Ours() {
			res := lint.GlobalRegistry().CertificateLints().ByName(name).Execute(c, lint.NewEmptyConfig())
			if res.Status > lint.Pass {
				if got[f] == nil {
					got[f] = map[string]string{}
				}
				got[f][name] = res.Status.String() + ": " + res.Details
			}
		}
	}

	var documented findingsFile
	readJSON(t, upstreamFindingsFile, &documented)
	if *golden.Update {
		documented.update(got)
		writeJSON(t, upstreamFindingsFile, documented)
		return
	}
	if diff := cmp.Diff(documented.results(), got); diff != "" {
		t.Errorf("our findings on upstream's conformant S/MIME test certificates changed (-documented +got); "+
			"check each, then run go test -run Upstream . -update and write its reason:\n%s", diff)
	}
	for f, byLint := range documented.Findings {
		for name, d := range byLint {
			if d.Reason == "" {
				t.Errorf("%s: finding of %s has no reason in %s", f, name, upstreamFindingsFile)
			}
		}
	}
	t.Logf("%d upstream pass-case certificates; our lints report on %d of them", len(files), len(got))
}

type findingsFile struct {
	Comment  string                                  `json:"_comment"`
	Findings map[string]map[string]documentedFinding `json:"findings"`
}

type documentedFinding struct {
	Result string `json:"result"`
	Reason string `json:"reason"`
}

func (f *findingsFile) results() map[string]map[string]string {
	r := map[string]map[string]string{}
	for file, byLint := range f.Findings {
		r[file] = map[string]string{}
		for name, d := range byLint {
			r[file][name] = d.Result
		}
	}
	return r
}

// update replaces the results and keeps the reasons of findings that remain.
func (f *findingsFile) update(got map[string]map[string]string) {
	old := f.Findings
	f.Findings = map[string]map[string]documentedFinding{}
	files := make([]string, 0, len(got))
	for file := range got {
		files = append(files, file)
	}
	sort.Strings(files)
	for _, file := range files {
		f.Findings[file] = map[string]documentedFinding{}
		for name, result := range got[file] {
			f.Findings[file][name] = documentedFinding{Result: result, Reason: old[file][name].Reason}
		}
	}
}
