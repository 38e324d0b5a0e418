package records

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/smimelint/zlint-smime/internal/input"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain ASCII":      "plain ASCII",
		"jörg@example":     "jörg@example",
		"a\nb\tc\x1b[31m":  `a\nb\tc\x1b[31m`,
		"del\x7f c1\u0085": `del\x7f c1\u0085`,
		"bad \xff utf8":    `bad \xff utf8`,
		"zero\u200bwidth":  `zero\u200bwidth`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLintConcurrent lints every fixture from many goroutines at once, with
// and without an issuer, and checks that each gets the line it gets alone:
// the Linters and their cache are shared by the command's workers.
func TestLintConcurrent(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*.pem"))
	if err != nil || len(paths) < 100 {
		t.Fatalf("fixtures: %d, %v", len(paths), err)
	}
	var items []input.Item
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		input.Read(filepath.Base(p), f, input.FormatAuto, func(it input.Item) bool {
			items = append(items, it)
			return true
		})
		f.Close()
	}
	issuer := firstDER(t, filepath.Join("..", "..", "testdata", "ca_smime_rsa4096.pem"))
	for _, tc := range []struct {
		name   string
		issuer []byte
	}{{"no issuer", nil}, {"issuer", issuer}} {
		t.Run(tc.name, func(t *testing.T) {
			want := make([]string, len(items))
			alone := NewLinters(nil, "", tc.issuer)
			for i, it := range items {
				want[i] = line(t, alone.Lint(it))
			}
			shared := NewLinters(nil, "", tc.issuer)
			var wg sync.WaitGroup
			for g := range 8 {
				wg.Go(func() {
					for i := g; i < len(items); i += 8 {
						if got := line(t, shared.Lint(items[i])); got != want[i] {
							t.Errorf("%s: concurrent %s, alone %s", items[i].Input, got, want[i])
						}
					}
				})
			}
			wg.Wait()
		})
	}
}

func line(t *testing.T, r Record) string {
	b, err := r.JSONLine()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func firstDER(t *testing.T, path string) []byte {
	var der []byte
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	input.Read(path, f, input.FormatAuto, func(it input.Item) bool { der = it.DER; return false })
	if der == nil {
		t.Fatalf("%s holds no certificate", path)
	}
	return der
}
