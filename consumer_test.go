package zlintsmime_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// consumerGoLine is the go line of zlint v3.7.3's go.mod: a zlint user's
// module on it must be able to add this library as it is.
const consumerGoLine = "go 1.25.0"

// TestConsumerModuleKeepsGoLine builds a module on zlint's Go version that
// imports the library the two documented ways, and checks that go mod tidy
// leaves its go line alone: no dependency of ours may need a newer Go.
func TestConsumerModuleKeepsGoLine(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/consumer\n\n" + consumerGoLine + "\n\n" +
			"require github.com/smimelint/zlint-smime v0.0.0\n\n" +
			"replace github.com/smimelint/zlint-smime => " + root + "\n",
		"main.go": `package main

import (
	"fmt"

	zlintsmime "github.com/smimelint/zlint-smime"
	_ "github.com/smimelint/zlint-smime/lints"
)

func main() { fmt.Println(len(zlintsmime.Registry().Names())) }
`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", os.DevNull, "."}} {
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		// The machine's own toolchain, whatever it is: the check is about the
		// go line the module graph demands, not about which Go runs it.
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "go ") && line != consumerGoLine {
			t.Errorf("go mod tidy changed the consumer's go line to %q; a dependency needs a newer Go than zlint:\n%s", line, b)
		}
		if strings.HasPrefix(line, "toolchain ") {
			t.Errorf("go mod tidy added %q to the consumer's go.mod", line)
		}
	}
}
