package main

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestConfig marks a subordinate CA certificate as a Cross Certificate
// through zlint's configuration, which the certificate alone cannot show.
func TestConfig(t *testing.T) {
	fixture := filepath.Join("..", "..", "testdata", "ekusubca_server_auth_fail.pem")
	dir := t.TempDir()
	cross := writeFile(t, dir, "cross.toml", []byte("[e_smimelint_subca_eku]\ncross_certificate = true\n"))
	bad := writeFile(t, dir, "bad.toml", []byte("[e_smimelint_subca_eku\n"))
	example := writeFile(t, dir, "example.toml", []byte("[e_smimelint_subca_eku]\nCrossCertificate = true\n"))
	section := writeFile(t, dir, "section.toml", []byte("[e_smimelint_subca_ekuu]\nCrossCertificate = true\n"))
	key := writeFile(t, dir, "key.toml", []byte("[e_smimelint_subca_eku]\nCrossCertifcate = true\n"))
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantLint bool
	}{
		{"as a subordinate CA", []string{fixture}, 1, true},
		{"as a Cross Certificate", []string{"-config", cross, fixture}, 0, false},
		{"as a Cross Certificate, exampleConfig's key", []string{"-config", example, fixture}, 0, false},
		{"misspelt section", []string{"-config", section, fixture}, 2, false},
		{"misspelt key", []string{"-config", key, fixture}, 2, false},
		{"unreadable configuration", []string{"-config", bad, fixture}, 2, false},
		{"missing configuration", []string{"-config", filepath.Join(dir, "none.toml"), fixture}, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, nil, tt.args...)
			if r.code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %s", r.code, tt.wantCode, r.stderr)
			}
			var got bool
			for _, l := range r.lines {
				got = got || slices.Contains(l.errorLints(), "e_smimelint_subca_eku")
			}
			if got != tt.wantLint {
				t.Errorf("e_smimelint_subca_eku reported: %v, want %v", got, tt.wantLint)
			}
		})
	}
}
