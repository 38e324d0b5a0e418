package zlintsmime_test

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/smime"
)

// TestRecommendedAppliesOnlyInScope checks what a screen in front of the
// linter may rely on: on a certificate out of S/MIME scope (smime.InScope
// false: no S/MIME signal, e.g. a TLS certificate), every certificate lint
// of the recommended registry, companions included, returns NA. (A CA
// that the configuration declares an S/MIME CA, smime.DeclaredCAs, is in
// scope too: a screen must let declared CAs through.)
func TestRecommendedAppliesOnlyInScope(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.pem")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	reg := zlintsmime.Registry()
	cfg := reg.GetConfiguration()
	out := 0
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := pem.Decode(raw)
		if b == nil || b.Type != "CERTIFICATE" {
			continue
		}
		c, err := zlintsmime.ParseCertificate(b.Bytes)
		if err != nil || smime.InScope(c) {
			continue
		}
		out++
		for _, l := range reg.CertificateLints().Lints() {
			if res := l.Execute(c, cfg); res.Status != lint.NA {
				t.Errorf("%s: out of S/MIME scope, yet %s returned %s %s", filepath.Base(p), l.Name, res.Status, res.Details)
			}
		}
	}
	if out < 10 {
		t.Fatalf("only %d fixtures out of S/MIME scope", out)
	}
}
