package records

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigText: the command, serve and Beam read -config and -smime-ca
// through ConfigText, so a mistake in either file is refused there, once,
// naming the flag and the file, before any certificate is linted.
func TestConfigText(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fp := strings.Repeat("ab", 32)
	good := write("good.toml", "[e_smimelint_subca_eku]\ncross_certificate = true\n")
	list := write("list.txt", fp+"\n")
	for _, tt := range []struct {
		name, config, smimeCA string
		want                  []string // in the error; none: no error
		declares              bool
	}{
		{"neither", "", "", nil, false},
		{"both", good, list, nil, true},
		{"unknown section", write("section.toml", "[e_nonexistent]\nx = 1\n"), "", []string{"-config ", "section.toml: ", "unknown section [e_nonexistent]"}, false},
		{"misspelt declared key", write("key.toml", "[Global]\nsmime_ca_sha265 = [\""+fp+"\"]\n"), "", []string{"-config ", "key.toml: ", "smime_ca_sha265"}, false},
		{"wrong type", write("type.toml", "[e_smimelint_subca_eku]\ncross_certificate = \"yes\"\n"), "", []string{"-config ", "type.toml: ", "e_smimelint_subca_eku"}, false},
		{"not TOML", write("broken.toml", "[Global\n"), "", []string{"-config ", "broken.toml: "}, false},
		{"no such file", filepath.Join(dir, "missing.toml"), "", []string{"-config: ", "missing.toml"}, false},
		{"bad list", good, write("bad.txt", "abcd\n"), []string{"-smime-ca: ", "bad.txt: ", "line 1"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text, err := ConfigText(tt.config, tt.smimeCA)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(text, fp) != tt.declares {
					t.Errorf("declares %s: %v, want %v:\n%s", fp, !tt.declares, tt.declares, text)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; configuration:\n%s", text)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "zlint-smime: ") {
				t.Errorf("error %q repeats the library's prefix: each program starts its messages with its name", err)
			}
		})
	}
}
