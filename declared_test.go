package zlintsmime_test

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// TestDeclaredCAs lints a root without any S/MIME signal (no EKU, no
// policies) and with pathLenConstraint 1: out of scope as it is, an S/MIME
// root once its certificate or SPKI fingerprint is declared in the
// configuration. The declaration lives in the registry's configuration: a
// registry without it, linting the same certificate afterwards, is
// unaffected.
func TestDeclaredCAs(t *testing.T) {
	der := readDER(t, filepath.Join("testdata", "oth19_root_no_signal_path_len_na.pem"))
	c, err := zlintsmime.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	certSum := sha256.Sum256(der)
	spkiSum := sha256.Sum256(c.RawSubjectPublicKeyInfo)
	colons := strings.ToUpper(hex.EncodeToString(spkiSum[:2])) + ":" + hex.EncodeToString(spkiSum[2:])
	const pathLen = "w_smimelint_root_path_len"
	for _, tt := range []struct {
		name, base string
		declared   []string
		want       bool
	}{
		{"none", "", nil, false},
		{"certificate", "", []string{hex.EncodeToString(certSum[:])}, true},
		{"spki, colons, uppercase", "", []string{colons}, true},
		{"another CA", "", []string{strings.Repeat("ab", 32)}, false},
		{"merged with a file's configuration", "[e_smimelint_subca_eku]\ncross_certificate = true\n[Global]\nsmime_ca_sha256 = [\"" + strings.Repeat("cd", 32) + "\"]\n",
			[]string{hex.EncodeToString(certSum[:])}, true},
		{"upper-case key, merged", "[Global]\nSMIME_CA_SHA256 = [\"" + strings.Repeat("cd", 32) + "\"]\n",
			[]string{hex.EncodeToString(certSum[:])}, true},
		{"in the file only", "[Global]\nsmime_ca_sha256 = [\"" + hex.EncodeToString(spkiSum[:]) + "\"]\n", nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := zlintsmime.ConfigWithDeclaredCAs(tt.base, tt.declared)
			if err != nil {
				t.Fatal(err)
			}
			reg, err := zlintsmime.NewRegistry(cfg)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.ContainsFunc(zlintsmime.LintWith(reg, c), func(f zlintsmime.Finding) bool { return f.Lint == pathLen })
			if got != tt.want {
				t.Errorf("%s reported: %v, want %v", pathLen, got, tt.want)
			}
			// The recommended registry, without the declaration, is unaffected.
			if slices.ContainsFunc(zlintsmime.Lint(c), func(f zlintsmime.Finding) bool { return f.Lint == pathLen }) {
				t.Errorf("the declaration leaked into the recommended registry")
			}
		})
	}
}

// TestNewLinterRegistryDeclarations: NewLinter reads only Options.Config,
// so a registry built the zlint way with declared CAs is refused unless
// Config declares them too, rather than linting the declared root as
// unscoped (no finding, where LintWith on the same registry has one).
func TestNewLinterRegistryDeclarations(t *testing.T) {
	der := readDER(t, filepath.Join("testdata", "oth19_root_no_signal_path_len_na.pem"))
	c, err := zlintsmime.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(der)
	fp := hex.EncodeToString(sum[:])
	colons := strings.ToUpper(fp[:2]) + ":" + fp[2:]
	text, err := zlintsmime.ConfigTextWithDeclaredCAs("", []string{fp})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := zlintsmime.ConfigWithDeclaredCAs("", []string{colons})
	if err != nil {
		t.Fatal(err)
	}
	declaring, err := zlintsmime.NewRegistry(cfg)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := zlintsmime.NewRegistry(lint.NewEmptyConfig())
	if err != nil {
		t.Fatal(err)
	}
	other, err := zlintsmime.ConfigTextWithDeclaredCAs("", []string{strings.Repeat("ab", 32)})
	if err != nil {
		t.Fatal(err)
	}
	const pathLen = "w_smimelint_root_path_len"
	for _, tt := range []struct {
		name    string
		o       zlintsmime.Options
		err     string
		finding bool
	}{
		{"registry declares, Config not", zlintsmime.Options{Registry: declaring}, "declares the S/MIME CA", false},
		{"registry declares, Config another", zlintsmime.Options{Registry: declaring, Config: other}, "declares the S/MIME CA", false},
		{"both declare", zlintsmime.Options{Registry: declaring, Config: text}, "", true},
		{"Config declares", zlintsmime.Options{Registry: plain, Config: text}, "", true},
		{"neither", zlintsmime.Options{Registry: plain}, "", false},
		// A Registry of the caller's whose configuration was never loaded:
		// zlint panics reading it; NewLinter, which does not use it, must not.
		{"unloaded configuration", zlintsmime.Options{Registry: unloadedRegistry{plain}, Config: text}, "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l, err := zlintsmime.NewLinter(tt.o)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := slices.ContainsFunc(l.Lint(c), func(f zlintsmime.Finding) bool { return f.Lint == pathLen })
			if got != tt.finding {
				t.Errorf("%s reported: %v, want %v", pathLen, got, tt.finding)
			}
		})
	}
}

// unloadedRegistry is a lint.Registry whose configuration is the zero
// lint.Configuration, with no TOML tree behind it.
type unloadedRegistry struct{ lint.Registry }

func (unloadedRegistry) GetConfiguration() lint.Configuration { return lint.Configuration{} }

func TestReadDeclaredCAs(t *testing.T) {
	list, err := zlintsmime.ReadDeclaredCAs(strings.NewReader("# NSS email roots\n\n" +
		strings.Repeat("AB", 32) + "  # a root\n" + strings.Repeat("cd:", 31) + "cd\n"))
	if err != nil || len(list) != 2 || list[0] != strings.Repeat("ab", 32) || list[1] != strings.Repeat("cd", 32) {
		t.Errorf("list %v, err %v", list, err)
	}
	if _, err := zlintsmime.ReadDeclaredCAs(strings.NewReader("abcd\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a short fingerprint: err %v", err)
	}
}

// TestDeclaredCAsReachEveryCARule declares CAs without an S/MIME signal and
// checks rules that read the S/MIME scope of a CA other than through a
// root's path: a declared CA's subject must hold O and C (OTH-23), and a
// declared issuing CA is in S/MIME scope (ISS-05). Both once ignored the
// declaration.
func TestDeclaredCAsReachEveryCARule(t *testing.T) {
	leaf := readDER(t, filepath.Join("testdata", "baseline_strict_mailbox.pem"))
	tlsCA := readDER(t, filepath.Join("testdata", "ca_tls_subca.pem"))
	cnOnly := readDER(t, filepath.Join("testdata", "oth23_tls_ca_cn_only_na.pem"))
	fingerprint := func(der []byte) string { s := sha256.Sum256(der); return hex.EncodeToString(s[:]) }
	for _, tt := range []struct {
		name     string
		der      []byte
		issuer   []byte // nil: none
		declared []byte // the CA declared; nil: none
		lint     string
		want     bool
	}{
		{"CA subject, not declared", cnOnly, nil, nil, "e_smimelint_ca_subject_required_attributes", false},
		{"CA subject, declared", cnOnly, nil, cnOnly, "e_smimelint_ca_subject_required_attributes", true},
		{"issuer scope, not declared", leaf, tlsCA, nil, "e_smimelint_issuer_not_smime_ca", true},
		{"issuer scope, declared", leaf, tlsCA, tlsCA, "e_smimelint_issuer_not_smime_ca", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var o zlintsmime.Options
			if tt.declared != nil {
				text, err := zlintsmime.ConfigTextWithDeclaredCAs("", []string{fingerprint(tt.declared)})
				if err != nil {
					t.Fatal(err)
				}
				o.Config = text
			}
			if tt.issuer != nil {
				c, err := zlintsmime.ParseCertificate(tt.issuer)
				if err != nil {
					t.Fatal(err)
				}
				o.Issuer = c
			}
			l, err := zlintsmime.NewLinter(o)
			if err != nil {
				t.Fatal(err)
			}
			findings, err := l.LintDER(tt.der)
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(lintNames(findings), tt.lint); got != tt.want {
				t.Errorf("%s reported: %v, want %v (findings %v)", tt.lint, got, tt.want, lintNames(findings))
			}
		})
	}
}
