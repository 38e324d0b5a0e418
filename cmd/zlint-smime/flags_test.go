package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// TestZlintConventions checks the flags that behave as zlint's CLI's do.
func TestZlintConventions(t *testing.T) {
	fixture := filepath.Join("..", "..", "testdata", "eai02_rfc822_non_ascii_fail.pem")
	dir := t.TempDir()
	section := writeFile(t, dir, "section.toml", []byte("[e_smimelint_subca_ekuu]\n"))
	tests := []struct {
		name     string
		args     []string
		wantCode int
		stdout   []string // substrings of stdout
		stderr   string   // substring of stderr
	}{
		{"version", []string{"-version"}, 0, []string{"zlint-smime ", "github.com/zmap/zlint/v3 v3.7.3", "github.com/zmap/zcrypto v0."}, ""},
		{"profile", []string{"-profile", "smimelint_recommended", fixture}, 1, []string{"e_smimelint_rfc822name_non_ascii"}, ""},
		{"unknown profile", []string{"-profile", "nope", fixture}, 2, nil, `unknown profile "nope"; the profiles are smimelint_recommended`},
		{"exampleConfig", []string{"-exampleConfig"}, 0, []string{"[e_smimelint_subca_eku]", "CrossCertificate = false", "[e_smimelint_issuer_name_mismatch]", `Issuer = ""`}, ""},
		{"exampleConfig of a selection", []string{"-exampleConfig", "-includeNames", "e_smimelint_subca_eku"}, 0, []string{"[e_smimelint_subca_eku]"}, ""},
		{"list-lints with descriptions", []string{"-list-lints"}, 0, []string{"e_smimelint_subca_eku\tCABF_SMIME_BR\t2023-09-01\tSBR v1.0.16 §7.1.2.2(g)\tAn S/MIME subordinate CA certificate has an extKeyUsage"}, ""},
		{"list-profiles", []string{"-list-profiles"}, 0, []string{`"name":"smimelint_recommended"`}, ""},
		{"config naming an unknown section", []string{"-config", section, fixture}, 2, nil, "unknown section [e_smimelint_subca_ekuu]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmdRaw(t, nil, tt.args...)
			if r.code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %s", r.code, tt.wantCode, r.stderr)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("stdout lacks %q:\n%.2000s", want, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.stderr)
			}
			if strings.Count(r.stderr, "zlint-smime: ") > 1 {
				t.Errorf("stderr %q names the command more than once", r.stderr)
			}
		})
	}
}

// TestListLintsJSON checks that -list-lints-json writes zlint's schema: one
// lint.LintMetadata object per line, for exactly the selected lints.
func TestListLintsJSON(t *testing.T) {
	r := runCmdRaw(t, nil, "-list-lints-json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var names []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var m lint.LintMetadata
		if err := json.Unmarshal([]byte(l), &m); err != nil || m.Name == "" || m.Description == "" || m.Source == "" {
			t.Fatalf("line %q: %v", l, err)
		}
		names = append(names, m.Name)
	}
	if want := zlintsmime.Registry().Names(); len(names) != len(want) {
		t.Errorf("%d lints listed, the recommended registry has %d", len(names), len(want))
	}
}

// runCmdRaw runs the command and keeps its output as text.
func runCmdRaw(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errOut)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}
