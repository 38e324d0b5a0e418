package lintpipe

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/smimelint/zlint-smime/internal/records"
)

// TestMain runs the pipelines on the embedded Prism runner, in this
// process (loopback workers), unless --runner says otherwise, and removes
// the tools built for the tests.
func TestMain(m *testing.M) {
	code := ptest.MainRetWithDefault(m, "prism")
	if toolsDir != "" {
		os.RemoveAll(toolsDir) //nolint:errcheck // a temporary directory
	}
	os.Exit(code)
}

// toolsDir is where tools built the CLI and benchstream, once they have.
var toolsDir string

// repoRoot is the library's module, which holds the CLI and the fixtures.
var repoRoot = func() string {
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return abs
}()

// tools builds the CLI and benchstream once, from the library's module.
var tools = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "zlint-smime-beam-test")
	if err != nil {
		return "", err
	}
	toolsDir = dir
	cmd := exec.Command("go", "build", "-o", dir+string(filepath.Separator), "./cmd/zlint-smime", "./internal/benchstream")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", errors.New("building the CLI: " + err.Error() + "\n" + string(out))
	}
	return dir, nil
})

func tool(t *testing.T, name string) string {
	t.Helper()
	dir, err := tools()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, name)
}

// runCLI returns the CLI's JSON lines for the files, sorted.
func runCLI(t *testing.T, files []string, flags ...string) []string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool(t, "zlint-smime"), append(flags, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() <= 2) {
		t.Fatalf("zlint-smime: %v\n%s", err, stderr.String())
	}
	return sortedLines(t, stdout.Bytes())
}

func sortedLines(t *testing.T, b []byte) []string {
	t.Helper()
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return lines
}

// result is what a pipeline run wrote and counted.
type result struct {
	lines    []string         // the JSON lines of every shard, sorted
	shards   int              // shard files written
	summary  map[string]int   // "kind\tkey" to count
	counters map[string]int64 // by name; absent means 0
}

// runPipeline runs the pipeline over glob and reads back its output.
func runPipeline(t *testing.T, glob string, shards int, reshuffle bool) result {
	t.Helper()
	return runPipelineWith(t, Options{Input: glob, Shards: shards, Reshuffle: reshuffle})
}

// runPipelineWith runs the pipeline with o (Output is set here) and reads
// back its output.
func runPipelineWith(t *testing.T, o Options) result {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "out", "lint")
	shards := o.Shards
	p, s := beam.NewPipelineWithRoot()
	o.Output = prefix
	Build(s, o)
	pr, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatalf("running the pipeline: %v", err)
	}
	res := result{summary: map[string]int{}, counters: map[string]int64{}}
	for _, c := range pr.Metrics().AllMetrics().Counters() {
		if c.Key.Namespace == CounterNamespace {
			res.counters[c.Key.Name] += c.Result()
		}
	}
	var all []byte
	for i := range shards {
		b, err := os.ReadFile(ShardName(prefix, i, shards))
		if errors.Is(err, os.ErrNotExist) {
			continue // a shard no record fell into
		}
		if err != nil {
			t.Fatal(err)
		}
		res.shards++
		all = append(all, b...)
	}
	res.lines = sortedLines(t, all)
	b, err := os.ReadFile(SummaryName(prefix))
	if errors.Is(err, os.ErrNotExist) {
		return res // no record at all
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range sortedLines(t, b) {
		i := strings.LastIndexByte(l, '\t')
		n, err := strconv.Atoi(l[i+1:])
		if err != nil {
			t.Fatalf("summary line %q: %v", l, err)
		}
		res.summary[l[:i]] = n
	}
	return res
}

// checkSame compares the pipeline's records with the CLI's, and the
// summary and counters with the records.
func checkSame(t *testing.T, res result, cli []string) {
	t.Helper()
	if !slices.Equal(res.lines, cli) {
		t.Errorf("the pipeline wrote %d records, the CLI %d; first difference:", len(res.lines), len(cli))
		for i := range max(len(res.lines), len(cli)) {
			var a, b string
			if i < len(res.lines) {
				a = res.lines[i]
			}
			if i < len(cli) {
				b = cli[i]
			}
			if a != b {
				t.Errorf("pipeline: %.300s\nCLI:      %.300s", a, b)
				break
			}
		}
	}
	// What the summary and the counters must say, from the CLI's records.
	want := map[string]int{}
	var linted, failed, screenedOut int64
	for _, l := range cli {
		var r struct {
			Error    string
			Screened bool
			Findings []struct{ Lint, Status string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("CLI line %q: %v", l, err)
		}
		if r.Error != "" {
			failed++
			want["total\terror records"]++
			continue
		}
		if r.Screened {
			screenedOut++
		}
		linted++
		want["total\tlinted"]++
		if len(r.Findings) > 0 {
			want["total\twith findings"]++
		}
		for _, f := range r.Findings {
			want["lint\t"+f.Lint]++
			want["severity\t"+f.Status]++
		}
	}
	issuers := 0
	for k, n := range res.summary {
		if strings.HasPrefix(k, "issuer\t") {
			issuers += n
			continue
		}
		if want[k] != n {
			t.Errorf("summary %q: %d, want %d", k, n, want[k])
		}
	}
	for k, n := range want {
		if _, ok := res.summary[k]; !ok {
			t.Errorf("summary has no %q, want %d", k, n)
		}
	}
	if int64(issuers) != linted-screenedOut {
		t.Errorf("summary issuers count %d certificates and CRLs, want the %d linted and not screened out", issuers, linted-screenedOut)
	}
	for name, n := range map[string]int64{CounterRead: linted + failed, CounterLinted: linted,
		CounterFailed: failed, CounterScreened: screenedOut} {
		if res.counters[name] != n {
			t.Errorf("counter %s = %d, want %d", name, res.counters[name], n)
		}
	}
}

func TestPipelineFixtures(t *testing.T) {
	glob := filepath.Join(repoRoot, "testdata", "*.pem")
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	res := runPipeline(t, glob, 3, false)
	checkSame(t, res, runCLI(t, files))
	if res.shards != 3 {
		t.Errorf("%d shard files, want 3", res.shards)
	}
}

// TestPipelineDeclaredCAs declares the CA fixtures that carry no S/MIME
// signal (roots, TLS CAs) as S/MIME CAs, as --smime-ca does, and compares
// the records with the command's with -smime-ca: the CA rules apply to
// them, and the screen lets them through.
func TestPipelineDeclaredCAs(t *testing.T) {
	glob := filepath.Join(repoRoot, "testdata", "*root*.pem")
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	var list bytes.Buffer
	for _, f := range files {
		list.WriteString(fmt.Sprintf("%x\n", sha256.Sum256(fixtureDER(t, filepath.Base(f)))))
	}
	listFile := filepath.Join(t.TempDir(), "smime-ca.txt")
	if err := os.WriteFile(listFile, list.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := records.ConfigText("", listFile)
	if err != nil {
		t.Fatal(err)
	}
	declared := runPipelineWith(t, Options{Input: glob, Shards: 2, Config: text})
	checkSame(t, declared, runCLI(t, files, "-smime-ca", listFile))
	plain := runPipeline(t, glob, 2, false)
	if declared.counters[CounterFindings] <= plain.counters[CounterFindings] {
		t.Errorf("certificates with findings: %d declared, %d not; the declaration changed nothing",
			declared.counters[CounterFindings], plain.counters[CounterFindings])
	}
}

// TestPipelineStream lints a stream of 10,000 certificates and, next to
// it, bad lines, bad PEM, binary data and an empty input, with the items
// of each file reshuffled over the workers.
func TestPipelineStream(t *testing.T) {
	dir := t.TempDir()
	var stream bytes.Buffer
	cmd := exec.Command(tool(t, "benchstream"), "-n", "10000", "testdata/baseline_strict_mailbox.pem",
		"testdata/ca_smime_rsa4096.pem", "testdata/tls_server.pem")
	cmd.Dir, cmd.Stdout = repoRoot, &stream
	if err := cmd.Run(); err != nil {
		t.Fatalf("benchstream: %v", err)
	}
	pemText, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "baseline_strict_mailbox.pem"))
	if err != nil {
		t.Fatal(err)
	}
	first := bytes.SplitN(stream.Bytes(), []byte("\n"), 2)[0]
	// A DER SEQUENCE that is no certificate. Not SEQUENCE { INTEGER }: that
	// has the shape of a bare TBSCertificate, which the pipeline parses as one
	// (Linter.LintAnyDER) while the CLI of this commit parses every item that
	// is not a CRL as a certificate, so their error messages differ.
	notCert := base64.StdEncoding.EncodeToString([]byte{0x30, 0x03, 0x01, 0x01, 0xff})
	inputs := map[string]string{
		"stream.b64": stream.String(),
		"bad-lines.b64": string(first) + "\n\n  \nnot base64 at all!\n" + notCert + "\n" +
			string(first[:len(first)/2]) + "\n" + string(first) + "\r\n",
		"bad.pem": "text before\n" + string(pemText) + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" +
			"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMII\n",
		"binary.der": "\x00\x01\x02garbage",
		"empty.b64":  "",
		"blank.b64":  "\n \n",
	}
	for name, text := range inputs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	glob := filepath.Join(dir, "*")
	files, _ := filepath.Glob(glob)
	cli := runCLI(t, files)
	if len(cli) < 10000+12 {
		t.Fatalf("the CLI wrote %d records, want at least 10012", len(cli))
	}
	checkSame(t, runPipeline(t, glob, DefaultShards, true), cli)
}

// TestPipelineNoInput: a glob matching nothing is no record and no error.
func TestPipelineNoInput(t *testing.T) {
	res := runPipeline(t, filepath.Join(t.TempDir(), "*.pem"), 2, false)
	if len(res.lines) != 0 || res.shards != 0 || len(res.summary) != 0 {
		t.Errorf("got %d records in %d shards and %d summary lines, want none", len(res.lines), res.shards, len(res.summary))
	}
}
