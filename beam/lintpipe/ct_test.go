package lintpipe

import (
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/cryptobyte"

	"github.com/smimelint/zlint-smime/smime"
)

// merkleLeaf builds a MerkleTreeLeaf (RFC 6962 §3.4) of the entry type
// around body (an ASN.1Cert, or issuer_key_hash and a TBSCertificate).
func merkleLeaf(entryType uint16, body []byte) []byte {
	var b cryptobyte.Builder
	b.AddUint8(0)              // v1
	b.AddUint8(0)              // timestamped_entry
	b.AddUint64(1700000000000) // timestamp
	b.AddUint16(entryType)     // x509_entry or precert_entry
	if entryType == 1 {
		b.AddBytes(make([]byte, 32)) // issuer_key_hash
	}
	b.AddUint24LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(body) })
	b.AddUint16(0) // no extensions
	return b.BytesOrPanic()
}

// chain is an x509_entry's extra_data: ASN.1CertChain.
func chain(certs ...[]byte) []byte {
	var b cryptobyte.Builder
	b.AddUint24LengthPrefixed(func(b *cryptobyte.Builder) {
		for _, c := range certs {
			b.AddUint24LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(c) })
		}
	})
	return b.BytesOrPanic()
}

// precertChain is a precert_entry's extra_data: PrecertChainEntry.
func precertChain(precert []byte, certs ...[]byte) []byte {
	var b cryptobyte.Builder
	b.AddUint24LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(precert) })
	b.AddBytes(chain(certs...))
	return b.BytesOrPanic()
}

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
	entries := []entry{
		{LeafInput: merkleLeaf(0, leaf), ExtraData: chain(issuer)},
		{LeafInput: merkleLeaf(0, good), ExtraData: chain(goodCA)},
		{LeafInput: merkleLeaf(1, tbs), ExtraData: precertChain(leaf, issuer)},
		{LeafInput: merkleLeaf(0, tls), ExtraData: chain(goodCA)},
		{LeafInput: merkleLeaf(0, good), ExtraData: chain(good)}, // the "issuer" is no CA
		{LeafInput: merkleLeaf(0, leaf)[:20]},
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
