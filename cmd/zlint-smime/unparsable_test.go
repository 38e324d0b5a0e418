package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ct "github.com/google/certificate-transparency-go"

	"github.com/smimelint/zlint-smime/internal/cttest"
	"github.com/smimelint/zlint-smime/internal/fixtures"
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

// TestUnparsableKeyCT logs each of those certificates in a CT entry whose
// chain holds their issuing CA (none for a self-issued root), and lints its
// bare TBSCertificate: each is linted as the file is with -issuer, not
// reported as a parse error, so a monitor and a CA's pre-issuance check see
// the key finding.
func TestUnparsableKeyCT(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "unparsable")
	paths, err := filepath.Glob(filepath.Join(dir, "*.pem"))
	if err != nil || len(paths) != len(fixtures.Unparsable()) {
		t.Fatalf("fixtures: %v, %v", paths, err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var issuerFlags []string
			var chain [][]byte
			if issuer, ok := fixtures.IssuerFile(filepath.Base(path)); ok {
				caFile := filepath.Join("..", "..", "testdata", issuer)
				issuerFlags = []string{"-issuer", caFile}
				chain = [][]byte{derOf(t, string(mustRead(t, caFile)))}
			} else if !strings.Contains(path, "root") {
				t.Fatal("no CA fixture in the list issued it")
			}
			file := runCmd(t, nil, append(issuerFlags, path)...)
			resp, err := json.Marshal(ct.GetEntriesResponse{Entries: []ct.LeafEntry{cttest.X509Entry(derOf(t, string(mustRead(t, path))), chain...)}})
			if err != nil {
				t.Fatal(err)
			}
			entry := runCmd(t, resp, "-format", "ct")
			if len(file.lines) != 1 || len(entry.lines) != 1 {
				t.Fatalf("file: %s\nentry: %s", file.stdout, entry.stdout)
			}
			f, e := file.lines[0], entry.lines[0]
			if e.Error != "" || !slices.Equal(e.lints(), f.lints()) || e.SHA256 != f.SHA256 || e.Screened != f.Screened {
				t.Errorf("entry: %s\nfile:  %s", entry.stdout, file.stdout)
			}
			// Before signing, as a bare TBSCertificate (not screened: a CA
			// lints what it is about to sign).
			tbsFile := filepath.Join(t.TempDir(), "tbs.der")
			if err := os.WriteFile(tbsFile, tbsOf(t, derOf(t, string(mustRead(t, path)))), 0o644); err != nil {
				t.Fatal(err)
			}
			tbs := runCmd(t, nil, append(issuerFlags, tbsFile)...)
			if len(tbs.lines) != 1 || tbs.lines[0].Error != "" || tbs.lines[0].Kind != "tbs" || !slices.Equal(tbs.lines[0].lints(), f.lints()) {
				t.Errorf("tbs: %s\nfile: %s", tbs.stdout, file.stdout)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
