package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCommand builds the command and runs it as a user would, on its
// default runner (Prism, in the process), over the fixtures: the flags,
// the shard and summary files and the counters on stderr. The records
// themselves are compared with the CLI's in package lintpipe.
func TestCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "zlint-smime-beam")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	prefix := filepath.Join(dir, "out", "run")
	glob, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "*.pem"))
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "--input", glob, "--output", prefix, "--shards", "2")
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("zlint-smime-beam: %v\n%s", err, stderr.String())
	}
	lines := 0
	for _, name := range []string{prefix + "-00000-of-00002.jsonl", prefix + "-00001-of-00002.jsonl"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines += bytes.Count(b, []byte("\n"))
	}
	if _, err := os.Stat(prefix + "-summary.tsv"); err != nil {
		t.Error(err)
	}
	want := "zlint-smime-beam: certificates_read: " + strconv.Itoa(lines) + "\n"
	if lines == 0 || !strings.Contains(stderr.String(), want) {
		t.Errorf("%d lines written; stderr lacks %q:\n%s", lines, want, stderr.String())
	}
	if !regexp.MustCompile(`zlint-smime-beam: skipped_by_screen: [0-9]+\n`).MatchString(stderr.String()) {
		t.Errorf("stderr lacks the screen's counter:\n%s", stderr.String())
	}
}
