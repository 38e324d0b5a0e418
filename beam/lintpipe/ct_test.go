package lintpipe

import (
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	ct "github.com/google/certificate-transparency-go"

	"github.com/smimelint/zlint-smime/internal/cttest"
	"github.com/smimelint/zlint-smime/smime"
)

func fixtureDER(t *testing.T, name string) []byte {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(repoRoot, "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(text)
	return block.Bytes
}

// TestPipelineCTEquals lints get-entries JSON, a response and entries one
// per line with log indices, and compares the records with the command's
// -format ct: x509 and precert entries with their chains (so the
// issuer-aware lints run), a TLS certificate the screen skips, and broken
// entries.
func TestPipelineCTEquals(t *testing.T) {
	leaf := fixtureDER(t, "key03_rsa2048_issuer_fail.pem")
	issuer := fixtureDER(t, "ca_smime_rsa2048.pem")
	good := fixtureDER(t, "baseline_strict_mailbox.pem")
	goodCA := fixtureDER(t, "ca_smime_rsa4096.pem")
	tls := fixtureDER(t, "tls_server.pem")
	tbs, ok := smime.TBSOf(leaf)
	if !ok {
		t.Fatal("the fixture is not a certificate")
	}
	type entry struct {
		LeafInput []byte `json:"leaf_input"`
		ExtraData []byte `json:"extra_data"`
		LogIndex  *int64 `json:"log_index,omitempty"`
	}
	logged := func(e ct.LeafEntry) entry { return entry{LeafInput: e.LeafInput, ExtraData: e.ExtraData} }
	entries := []entry{
		logged(cttest.X509Entry(leaf, issuer)),
		logged(cttest.X509Entry(good, goodCA)),
		logged(cttest.PrecertEntry(leaf, tbs, issuer)),
		logged(cttest.X509Entry(tls, goodCA)),
		logged(cttest.X509Entry(good, good)), // the "issuer" is no CA
		{LeafInput: cttest.X509Entry(leaf).LeafInput[:20]},
		{LeafInput: []byte("not a leaf")},
	}
	dir := t.TempDir()
	response, err := json.Marshal(map[string]any{"entries": entries})
	if err != nil {
		t.Fatal(err)
	}
	var lines []byte
	for i, e := range entries {
		idx := int64(1000 + i)
		e.LogIndex = &idx
		b, _ := json.Marshal(e)
		lines = append(append(lines, b...), '\n')
	}
	for name, body := range map[string][]byte{"response.json": response, "lines.json": lines} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	glob := filepath.Join(dir, "*.json")
	files, _ := filepath.Glob(glob)
	cli := runCLI(t, files)
	if len(cli) != 2*len(entries) {
		t.Fatalf("the CLI wrote %d records, want %d", len(cli), 2*len(entries))
	}
	checkSame(t, runPipeline(t, glob, 2, false), cli)
}
