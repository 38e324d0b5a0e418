package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestUnparsableKey runs the command on the certificates whose subject key
// zcrypto cannot parse (brainpoolP256r1): each is linted, not reported as a
// parse error, and the key is a finding of the SPKI lint where the SBR
// applies.
func TestUnparsableKey(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "unparsable")
	for file, want := range map[string][]string{
		"key_brainpoolp256r1_fail.pem":          {"e_smimelint_spki_algorithm_encoding"},
		"key_brainpoolp256r1_validity_fail.pem": {"e_smimelint_spki_algorithm_encoding", "e_smimelint_validity_period_too_long"},
		"key_brainpoolp256r1_tls_na.pem":        nil,
	} {
		path := filepath.Join(dir, file)
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
		r := runCmd(t, nil, path)
		if len(r.lines) != 1 || r.lines[0].Error != "" {
			t.Fatalf("%s: output %s", file, r.stdout)
		}
		if got := r.lines[0].lints(); !slices.Equal(got, want) {
			t.Errorf("%s: findings of %v, want %v", file, got, want)
		}
		if r.lines[0].SHA256 == "" {
			t.Errorf("%s: no sha256", file)
		}
	}
}
