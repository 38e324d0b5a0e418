package zlintsmime_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
)

func lintNames(fs []zlintsmime.Finding) []string {
	var names []string
	for _, f := range fs {
		names = append(names, f.Lint)
	}
	return names
}

// TestLinterSettingsStayWithTheLinter checks that the settings of one
// Linter, or a configuration set on one copy of the registry, reach no
// other caller, also when both lint at once.
func TestLinterSettingsStayWithTheLinter(t *testing.T) {
	der := fixtureDER(t, "ekucross_no_eku_reserved_policy_pass")
	cross, err := zlintsmime.NewLinter(zlintsmime.Options{CrossCertificate: true})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := zlintsmime.NewLinter(zlintsmime.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A caller configures its copy of the registry; nobody else may see it.
	mine := zlintsmime.Registry()
	cfg, err := lint.NewConfigFromString("[e_smimelint_subca_eku]\ncross_certificate = true\n")
	if err != nil {
		t.Fatal(err)
	}
	mine.SetConfiguration(cfg)

	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				var got []zlintsmime.Finding
				var err error
				wantEKUError := true
				switch i % 3 {
				case 0:
					got, err = cross.LintDER(der)
					wantEKUError = false
				case 1:
					got, err = plain.LintDER(der)
				default:
					got, err = zlintsmime.LintDER(der)
				}
				if err != nil {
					t.Error(err)
					return
				}
				if has := slices.Contains(lintNames(got), "e_smimelint_subca_eku"); has != wantEKUError {
					t.Errorf("caller %d: e_smimelint_subca_eku reported %v, want %v: %v", i%3, has, wantEKUError, lintNames(got))
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := zlintsmime.Registry().GetConfiguration(); got == mine.GetConfiguration() {
		t.Error("Registry() returned a registry that shares the configuration set on another copy")
	}
}

func TestNewLinterErrors(t *testing.T) {
	for _, tt := range []struct {
		name, config, want string
	}{
		{"not TOML", "[e_smimelint_subca_eku\n", "configuration"},
		{"wrong type", "[e_smimelint_subca_eku]\ncross_certificate = \"yes\"\n", "e_smimelint_subca_eku"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := zlintsmime.NewLinter(zlintsmime.Options{Config: tt.config})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one naming %q", err, tt.want)
			}
		})
	}
}

// TestLinterConfigAndRegistry checks Config and a caller's own registry.
func TestLinterConfigAndRegistry(t *testing.T) {
	der := fixtureDER(t, "ekucross_no_eku_reserved_policy_pass")
	byConfig, err := zlintsmime.NewLinter(zlintsmime.Options{Config: "[e_smimelint_subca_eku]\ncross_certificate = true\n"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := byConfig.LintDER(der)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(lintNames(got), "e_smimelint_subca_eku") {
		t.Errorf("Config cross_certificate = true ignored: %v", lintNames(got))
	}
	only, err := zlintsmime.Registry().Filter(lint.FilterOptions{IncludeNames: []string{"e_smimelint_subca_eku"}})
	if err != nil {
		t.Fatal(err)
	}
	narrow, err := zlintsmime.NewLinter(zlintsmime.Options{Registry: only})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := narrow.LintDER(der); !slices.Equal(lintNames(got), []string{"e_smimelint_subca_eku"}) {
		t.Errorf("own registry: findings %v", lintNames(got))
	}
	crl, err := narrow.LintCRLDER(fixturePEM(t, "oth22_crl_ca_hold_fail").Bytes)
	if err != nil || len(crl) != 0 {
		t.Errorf("CRL with a registry of no CRL lint: %v %v", crl, err)
	}
}

func TestCheckConfig(t *testing.T) {
	for _, tt := range []struct {
		name, config, want string
	}{
		{"empty", "", ""},
		{"exampleConfig's key", "[e_smimelint_subca_eku]\nCrossCertificate = true\n", ""},
		{"snake_case", "[e_smimelint_subca_eku]\ncross_certificate = true\n", ""},
		{"global section", "[CABFBaselineRequirementsConfig]\n", ""},
		{"misspelt section", "[e_smimelint_subca_ekuu]\nCrossCertificate = true\n", "unknown section [e_smimelint_subca_ekuu]"},
		{"misspelt key", "[e_smimelint_subca_eku]\nCrossCertifcate = true\n", `unknown key "CrossCertifcate"`},
		{"lint without settings", "[e_smimelint_strict_eku]\nx = 1\n", "takes no configuration"},
		{"top-level key", "CrossCertificate = true\n", `unknown top-level key "CrossCertificate"`},
		{"declared CA", "[Global]\nsmime_ca_sha256 = [\"" + strings.Repeat("AB:", 31) + "AB\"]\n", ""},
		{"declared CA, short", "[Global]\nsmime_ca_sha256 = [\"" + strings.Repeat("ab", 31) + "\"]\n", "is not a hex SHA-256 fingerprint"},
		{"declared CA, prefixed", "[Global]\nsmime_ca_sha256 = [\"sha256:" + strings.Repeat("ab", 32) + "\"]\n", "is not a hex SHA-256 fingerprint"},
		{"declared CA, misspelt key", "[Global]\nsmime_ca_sha265 = [\"" + strings.Repeat("ab", 32) + "\"]\n", `unknown key "smime_ca_sha265"`},
		// go-toml reads the key in upper case too, and nothing else.
		{"declared CA, upper-case key", "[Global]\nSMIME_CA_SHA256 = [\"" + strings.Repeat("ab", 32) + "\"]\n", ""},
		{"declared CA, upper-case key, bad entry", "[Global]\nSMIME_CA_SHA256 = [\"ab\"]\n", "SMIME_CA_SHA256"},
		{"declared CA, both spellings", "[Global]\nsmime_ca_sha256 = []\nSMIME_CA_SHA256 = []\n", "name the same list"},
		{"declared CA, mixed-case key", "[Global]\nSmime_ca_sha256 = [\"" + strings.Repeat("ab", 32) + "\"]\n", `unknown key "Smime_ca_sha256"`},
		{"another smime [Global] key", "[Global]\nsmimea_lookup = true\n", ""},
		{"declared CA, not a list", "[Global]\nsmime_ca_sha256 = \"" + strings.Repeat("ab", 32) + "\"\n", "not a list of strings"},
		{"another [Global] key", "[Global]\nsome_other_library = 1\n", ""},
		{"two spellings of one key", "[e_smimelint_subca_eku]\nCrossCertificate = false\ncross_certificate = true\n", "name the same setting"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := zlintsmime.NewLinter(zlintsmime.Options{Config: tt.config})
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one with %q", err, tt.want)
			}
		})
	}
}

// TestOptionsOverConfig checks that Options.CrossCertificate and
// Options.Issuer win over the configuration whatever spelling of the key it
// uses (-exampleConfig prints CrossCertificate, the Linter writes
// cross_certificate), on every run: two spellings of one key once left the
// result to the order of a map.
func TestOptionsOverConfig(t *testing.T) {
	cross := fixtureDER(t, "ekucross_no_eku_reserved_policy_pass")
	leaf := fixtureDER(t, "baseline_strict_mailbox")
	p384, err := zlintsmime.ParseCertificate(fixtureDER(t, "ca_smime_p384"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		o      zlintsmime.Options
		der    []byte
		want   string // a lint that must report; "" for none
		absent string // a lint that must not
	}{
		{"CrossCertificate over CrossCertificate = false",
			zlintsmime.Options{CrossCertificate: true, Config: "[e_smimelint_subca_eku]\nCrossCertificate = false\n"}, cross, "", "e_smimelint_subca_eku"},
		{"CrossCertificate over crosscertificate = false",
			zlintsmime.Options{CrossCertificate: true, Config: "[e_smimelint_subca_eku]\ncrosscertificate = false\n"}, cross, "", "e_smimelint_subca_eku"},
		{"Issuer over a quoted non-ASCII spelling",
			zlintsmime.Options{Issuer: p384, Config: "[e_smimelint_issuer_name_mismatch]\n\"\u0130ssuer\" = \"\"\n"}, leaf, "e_smimelint_issuer_name_mismatch", ""},
		{"Issuer over issuer = \"\"",
			zlintsmime.Options{Issuer: p384, Config: "[e_smimelint_issuer_name_mismatch]\nissuer = \"\"\n"}, leaf, "e_smimelint_issuer_name_mismatch", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for range 30 {
				l, err := zlintsmime.NewLinter(tt.o)
				if err != nil {
					t.Fatal(err)
				}
				findings, err := l.LintDER(tt.der)
				if err != nil {
					t.Fatal(err)
				}
				got := lintNames(findings)
				if (tt.want != "" && !slices.Contains(got, tt.want)) || (tt.absent != "" && slices.Contains(got, tt.absent)) {
					t.Fatalf("findings %v; want %q, not %q", got, tt.want, tt.absent)
				}
			}
		})
	}
}
