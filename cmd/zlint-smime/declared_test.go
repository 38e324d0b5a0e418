package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSMIMECAFlag lints a root without an S/MIME signal and with
// pathLenConstraint 1: w_smimelint_root_path_len applies only once -smime-ca
// declares it; a later run without the flag is unaffected; a CRL is still
// linted with the flag; a bad list is a usage error.
func TestSMIMECAFlag(t *testing.T) {
	td := filepath.Join("..", "..", "testdata")
	root := filepath.Join(td, "oth19_root_no_signal_path_len_na.pem")
	raw, err := os.ReadFile(root)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pem.Decode(raw)
	sum := sha256.Sum256(b.Bytes)
	dir := t.TempDir()
	list := writeFile(t, dir, "email-roots.txt", []byte("# email roots\n"+hex.EncodeToString(sum[:])+"  # the test root\n"))
	const pathLen = "w_smimelint_root_path_len"

	r := runCmd(t, nil, "-smime-ca", list, root)
	if len(r.lines) != 1 || !slices.Contains(r.lines[0].lints(), pathLen) {
		t.Errorf("declared: output %s %s", r.stdout, r.stderr)
	}
	r = runCmd(t, nil, root)
	if len(r.lines) != 1 || slices.Contains(r.lines[0].lints(), pathLen) {
		t.Errorf("not declared: output %s", r.stdout)
	}
	crl := filepath.Join(td, "algsig01_crl_no_null_fail.pem")
	r = runCmd(t, nil, "-smime-ca", list, crl)
	if len(r.lines) != 1 || len(r.lines[0].lints()) == 0 {
		t.Errorf("CRL with -smime-ca: output %s", r.stdout)
	}
	bad := writeFile(t, dir, "bad.txt", []byte("not-a-fingerprint\n"))
	r = runCmd(t, nil, "-smime-ca", bad, root)
	if r.code == exitOK || !strings.Contains(r.stderr, "-smime-ca") || !strings.Contains(r.stderr, "line 1") {
		t.Errorf("bad list: code %d, stderr %s", r.code, r.stderr)
	}
}
