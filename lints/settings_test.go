package lints_test

import (
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"
)

// TestSettingsKeys checks the keys the library's configurable lints accept:
// the one zlint's -exampleConfig prints, its lower-case and snake_case
// forms, and nothing else.
func TestSettingsKeys(t *testing.T) {
	c := readFixture(t, testdata+"/ekucross_no_eku_reserved_policy_pass.pem").cert
	l := lint.GlobalRegistry().CertificateLints().ByName("e_smimelint_subca_eku")
	for _, tt := range []struct {
		name, config string
		want         lint.LintStatus
		fatal        string
	}{
		{"default: not a Cross Certificate", "", lint.Error, ""},
		{"exampleConfig's key", "CrossCertificate = true", lint.Pass, ""},
		{"snake_case", "cross_certificate = true", lint.Pass, ""},
		{"lower case", "crosscertificate = true", lint.Pass, ""},
		{"false", "CrossCertificate = false", lint.Error, ""},
		{"misspelt", "CrossCertifcate = true", lint.Fatal, `unknown key "CrossCertifcate"`},
		{"wrong type", `CrossCertificate = "yes"`, lint.Fatal, "not a bool"},
		// The keys are read in order, so an error names the same one on
		// every run.
		{"two unknown keys", "zeta = 1\nalpha = 2", lint.Fatal, `unknown key "alpha"`},
		// Which of two spellings won would depend on the order of a map.
		{"two spellings", "CrossCertificate = false\ncross_certificate = true", lint.Fatal,
			`keys "CrossCertificate" and "cross_certificate" name the same setting`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := lint.NewConfigFromString("[e_smimelint_subca_eku]\n" + tt.config + "\n")
			if err != nil {
				t.Fatal(err)
			}
			res := l.Execute(c, cfg)
			if res.Status != tt.want || !strings.Contains(res.Details, tt.fatal) {
				t.Fatalf("%s %q, want %s with %q", res.Status, res.Details, tt.want, tt.fatal)
			}
		})
	}
}
