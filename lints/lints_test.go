package lints

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	_ "github.com/smimelint/zlint-smime/internal/golden"
)

// ruleSuffix is how a Description names the SBR-RULES rule it enforces.
var ruleSuffix = regexp.MustCompile(`\(([A-Z0-9]+-[A-Z0-9-]+)(, [^()]+)?\)$`)

// TestMetadata checks the conventions every lint of the library follows.
func TestMetadata(t *testing.T) {
	ours := slices.Concat(Ours(), OursCRL())
	if len(ours) == 0 {
		t.Fatal("no lint of the library is registered")
	}
	for _, name := range ours {
		l := Metadata(name)
		t.Run(name, func(t *testing.T) {
			if l.Source != lint.CABFSMIMEBaselineRequirements {
				t.Errorf("Source = %q, want %q", l.Source, lint.CABFSMIMEBaselineRequirements)
			}
			if !strings.HasPrefix(l.Citation, "SBR v1.0.16 §") && !strings.HasPrefix(l.Citation, "RFC ") {
				t.Errorf("Citation %q does not start with \"SBR v1.0.16 §\" or \"RFC \"", l.Citation)
			}
			if !ruleSuffix.MatchString(l.Description) {
				t.Errorf("Description %q does not end with the rule ID in parentheses, e.g. \"(EAI-02)\"", l.Description)
			}
			if l.EffectiveDate.IsZero() {
				t.Error("EffectiveDate is zero; use a named date from smime/")
			}
		})
	}
}

// TestProfileHoldsEveryLint guards the init order that profile.go relies on.
func TestProfileHoldsEveryLint(t *testing.T) {
	p, ok := lint.GetProfile(ProfileName)
	if !ok {
		t.Fatalf("profile %q is not registered", ProfileName)
	}
	for _, name := range slices.Concat(Ours(), OursCRL()) {
		if !slices.Contains(p.LintNames, name) {
			t.Errorf("profile %q lacks %s", ProfileName, name)
		}
	}
	for name := range Companions {
		if !slices.Contains(p.LintNames, CompanionName(name)) {
			t.Errorf("profile %q lacks %s, the wrapper of companion %s", ProfileName, CompanionName(name), name)
		}
		if slices.Contains(p.LintNames, name) {
			t.Errorf("profile %q holds companion %s unscoped", ProfileName, name)
		}
		if l := lint.GlobalRegistry().CertificateLints().ByName(name); l == nil || l.Source == lint.CABFSMIMEBaselineRequirements {
			t.Errorf("companion %s is not an upstream lint of another source", name)
		}
	}
	for name := range Superseded {
		if slices.Contains(p.LintNames, name) {
			t.Errorf("profile %q holds superseded lint %s", ProfileName, name)
		}
		if lint.GlobalRegistry().CertificateLints().ByName(name) == nil {
			t.Errorf("superseded lint %s is not an upstream lint", name)
		}
	}
}

// TestNameRuleIsOurs checks that only the library's lints follow the rule:
// every lint registered in this test binary that is not upstream's must
// match it, and upstream's S/MIME lints never do.
func TestNameRuleIsOurs(t *testing.T) {
	for _, name := range lint.GlobalRegistry().Names() {
		if strings.Contains(name, "smimelint") && !NameRule.MatchString(name) {
			t.Errorf("%s looks like ours but breaks the naming rule", name)
		}
	}
}

// TestCompanionsStateless guards companion's design: CheckApplies and
// Execute each make a fresh upstream instance, which is right only for
// upstream lints that keep no state, i.e. hold no fields.
func TestCompanionsStateless(t *testing.T) {
	for name := range Companions {
		up := lint.GlobalRegistry().CertificateLints().ByName(name)
		typ := reflect.TypeOf(up.Lint())
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || typ.NumField() != 0 {
			t.Errorf("companion %s is a %s with state; the wrapper would lose it between CheckApplies and Execute", name, typ)
		}
	}
}
