package zlintsmime_test

import (
	"slices"
	"testing"

	// Every upstream lint, in the same binary as ours: a duplicate lint name
	// makes lint.RegisterCertificateLint panic before any test runs.
	_ "github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/lints"
)

// TestLinkedWithUpstream checks that our lints and all of upstream's are
// registered side by side, and that upstream has none of our names.
func TestLinkedWithUpstream(t *testing.T) {
	ours := slices.Concat(lints.Ours(), lints.OursCRL())
	all := lint.GlobalRegistry().Names()
	if len(ours) == 0 || len(all) < len(ours)+300 {
		t.Fatalf("%d lints registered, %d of them ours: upstream zlint is not linked in", len(all), len(ours))
	}
	for _, name := range all {
		if lints.NameRule.MatchString(name) != slices.Contains(ours, name) {
			t.Errorf("%s: the naming rule and the library disagree", name)
		}
	}
}

// TestProfileSelectsRecommended checks that a zlint binary selecting the
// profile (zlint -profile smimelint_recommended) runs exactly the
// recommended registry.
func TestProfileSelectsRecommended(t *testing.T) {
	p, ok := lint.GetProfile(lints.ProfileName)
	if !ok {
		t.Fatalf("profile %s is not registered", lints.ProfileName)
	}
	var opts lint.FilterOptions
	opts.AddProfile(p)
	reg, err := lint.GlobalRegistry().Filter(opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := reg.Names(), zlintsmime.Registry().Names(); !slices.Equal(got, want) {
		t.Errorf("profile selects %d lints, the recommended registry holds %d", len(got), len(want))
	}
}
