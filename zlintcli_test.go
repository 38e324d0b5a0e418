package zlintsmime_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// pluginFile is the file the README's "Using it with zlint's own CLI"
// section adds next to a copy of zlint's cmd/zlint/main.go.
const pluginFile = "package main\n\nimport _ \"github.com/smimelint/zlint-smime/lints\"\n"

// buildZlintCLI follows the README's recipe: zlint v3.7.3's own CLI, built
// with the library's blank import, in a module of its own.
func buildZlintCLI(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	modCache, err := exec.Command(goBin, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	zlintMain, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(modCache)), "github.com/zmap/zlint/v3@v3.7.3/cmd/zlint/main.go"))
	if err != nil {
		t.Skipf("zlint's CLI source is not in the module cache (go mod download): %v", err)
	}
	dir := t.TempDir()
	for name, content := range map[string]string{
		"go.mod": "module example.com/zlint\n\n" + consumerGoLine + "\n\n" +
			"require github.com/smimelint/zlint-smime v0.0.0\n\n" +
			"replace github.com/smimelint/zlint-smime => " + root + "\n",
		"main.go":      string(zlintMain),
		"smimelint.go": pluginFile,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "zlint")
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", bin, "."}} {
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return bin
}

// TestZlintCLIWithPlugin checks what a zlint user sees in zlint's own CLI
// built with the blank import: our lints listed, the profile selecting the
// recommended registry, and a finding on a failing fixture.
func TestZlintCLIWithPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds zlint's CLI")
	}
	bin := buildZlintCLI(t)
	run := func(args ...string) []byte {
		t.Helper()
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("zlint %s: %v", strings.Join(args, " "), err)
		}
		return out
	}

	listed := map[string]bool{}
	for _, line := range bytes.Split(bytes.TrimSpace(run("-profile", "smimelint_recommended", "-list-lints-json")), []byte("\n")) {
		var l struct{ Name string }
		if err := json.Unmarshal(line, &l); err != nil {
			t.Fatalf("-list-lints-json line %q: %v", line, err)
		}
		listed[l.Name] = true
	}
	want := zlintsmime.Registry().Names()
	if len(listed) != len(want) {
		t.Errorf("-profile smimelint_recommended lists %d lints, the recommended registry has %d", len(listed), len(want))
	}
	for _, name := range want {
		if !listed[name] {
			t.Errorf("-profile smimelint_recommended misses %s", name)
		}
	}

	var results map[string]struct {
		Result lint.LintStatus `json:"result"`
	}
	if err := json.Unmarshal(run("-profile", "smimelint_recommended", "testdata/eai02_rfc822_non_ascii_fail.pem"), &results); err != nil {
		t.Fatal(err)
	}
	if got := results["e_smimelint_rfc822name_non_ascii"].Result; got != lint.Error {
		t.Errorf("e_smimelint_rfc822name_non_ascii = %v in zlint's CLI, want error", got)
	}

	// The key zlint's -exampleConfig prints for our lints is the one they
	// read: a Cross Certificate configured that way loses its EKU Error.
	example := string(run("-exampleConfig"))
	if !strings.Contains(example, "[e_smimelint_subca_eku]\n") || !strings.Contains(example, "CrossCertificate = false") {
		t.Fatalf("zlint -exampleConfig does not show e_smimelint_subca_eku's CrossCertificate:\n%.3000s", example)
	}
	config := filepath.Join(t.TempDir(), "cross.toml")
	if err := os.WriteFile(config, []byte("[e_smimelint_subca_eku]\nCrossCertificate = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want lint.LintStatus
	}{
		{nil, lint.Error},
		{[]string{"-config", config}, lint.Pass},
	} {
		args := append(append([]string{"-includeNames", "e_smimelint_subca_eku"}, tc.args...), "testdata/ekucross_no_eku_reserved_policy_pass.pem")
		results = nil
		if err := json.Unmarshal(run(args...), &results); err != nil {
			t.Fatal(err)
		}
		if got := results["e_smimelint_subca_eku"].Result; got != tc.want {
			t.Errorf("zlint %v: e_smimelint_subca_eku = %v, want %v", tc.args, got, tc.want)
		}
	}
}
