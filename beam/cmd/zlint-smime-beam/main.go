// Command zlint-smime-beam lints certificates at CT-log scale on Apache
// Beam: it reads the files matched by --input (PEM, DER, base64 DER one per
// line, or a CT log's get-entries JSON), lints each certificate and CRL with
// zlint-smime's recommended registry, as the zlint-smime command does, and
// writes the command's JSON lines in shards, <output>-SSSSS-of-NNNNN.jsonl,
// and a summary, <output>-summary.tsv (counts per lint, per severity and
// per issuing CA):
//
//	zlint-smime-beam --input 'certs/*.b64' --output out/lint [--runner prism]
//
// The runner is Beam's --runner flag: prism (the default) runs the pipeline
// in this process; dataflow, flink and spark submit it to a cluster (see
// the README, "Linting at scale").
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/smimelint/zlint-smime/beam/lintpipe"
	"github.com/smimelint/zlint-smime/internal/records"
)

var (
	input     = flag.String("input", "", "file glob of the inputs: PEM, DER, base64 DER one per line, or CT get-entries JSON (required)")
	output    = flag.String("output", "", "prefix of the output files: <prefix>-SSSSS-of-NNNNN.jsonl and <prefix>-summary.tsv (required)")
	shards    = flag.Int("shards", lintpipe.DefaultShards, "number of JSON Lines files")
	reshuffle = flag.Bool("reshuffle", false, "spread the certificates of each file over the workers "+
		"(for a few large files; with many files, the files are spread already)")
	config  = flag.String("config", "", "a zlint TOML configuration file for configurable lints, as the command's -config")
	smimeCA = flag.String("smime-ca", "", "a file of declared S/MIME CAs (one hex SHA-256 of a CA certificate "+
		"or its subjectPublicKeyInfo per line), as the command's -smime-ca; it adds to [Global] smime_ca_sha256 of --config")
)

// defaultGCPercent is the CLI's (cmd/zlint-smime/main.go) unless GOGC is
// set: the live heap of a worker is small while parsing and linting
// allocate a lot, so the default of 100 runs the collector constantly.
const defaultGCPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	flag.Parse()
	beam.Init() // a worker started by a runner never returns from here
	if *input == "" || *output == "" {
		fmt.Fprintln(os.Stderr, "zlint-smime-beam: --input and --output are required")
		flag.Usage()
		os.Exit(2)
	}
	// Checked here, so that a mistake stops the run rather than making
	// every record an error on the workers.
	text, err := records.ConfigText(*config, *smimeCA)
	if err != nil {
		fmt.Fprintf(os.Stderr, "zlint-smime-beam: %v\n", err)
		os.Exit(2)
	}
	p, s := beam.NewPipelineWithRoot()
	lintpipe.Build(s, lintpipe.Options{Input: *input, Output: *output, Shards: *shards, Reshuffle: *reshuffle, Config: text})
	res, err := beamx.RunWithMetrics(context.Background(), p)
	if err != nil {
		fmt.Fprintf(os.Stderr, "zlint-smime-beam: %v\n", err)
		os.Exit(1)
	}
	if res != nil {
		printCounters(res)
	}
}

// printCounters writes the pipeline's counters on stderr, as the runner
// reports them. A counter never incremented is not reported: it is 0.
func printCounters(res beam.PipelineResult) {
	counts := map[string]int64{}
	for _, name := range []string{lintpipe.CounterRead, lintpipe.CounterScreened, lintpipe.CounterLinted,
		lintpipe.CounterFailed, lintpipe.CounterFindings} {
		counts[name] = 0
	}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Key.Namespace == lintpipe.CounterNamespace {
			counts[c.Key.Name] += c.Result()
		}
	}
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(os.Stderr, "zlint-smime-beam: %s: %d\n", name, counts[name])
	}
	if counts[lintpipe.CounterRead] == 0 {
		// An empty file is an error record, so nothing read is no file
		// matched (or a runner that reports no counters).
		fmt.Fprintf(os.Stderr, "zlint-smime-beam: warning: --input %q matched no file\n", *input)
	}
}
