// Package lintpipe is the Beam pipeline of zlint-smime-beam: it reads
// certificates from files matched by a glob, lints each with the library's
// recommended registry, and writes the CLI's JSON lines in shards and a
// summary of the findings.
package lintpipe

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local files; beamx adds gs://
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	_ "github.com/zmap/zlint/v3" // links every upstream lint in, as the CLI does

	"github.com/smimelint/zlint-smime/internal/input"
	"github.com/smimelint/zlint-smime/internal/records"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*Item)(nil)).Elem())
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(Item), error](&readFileFn{})
	register.Emitter1[Item]()
	register.DoFn4x1[context.Context, Item, func(int, string), func(string, int), error](&lintFn{})
	register.Emitter2[int, string]()
	register.Emitter2[string, int]()
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeShardFn{})
	register.Iter1[string]()
	register.Function2x1[string, int, string](formatCount)
	register.Function1x2[string, int, string](fixedKey)
}

// Counters, under the namespace CounterNamespace.
const (
	CounterNamespace = "zlint-smime"
	CounterRead      = "certificates_read"     // items read: certificates, CRLs and unreadable items
	CounterScreened  = "skipped_by_screen"     // items the pre-parse screen kept from the linter
	CounterLinted    = "certificates_linted"   // items linted, with or without findings
	CounterFailed    = "certificates_failed"   // items that could not be read, parsed or linted: error records
	CounterFindings  = "certificates_findings" // linted items with at least one finding
)

var (
	read     = beam.NewCounter(CounterNamespace, CounterRead)
	screened = beam.NewCounter(CounterNamespace, CounterScreened)
	linted   = beam.NewCounter(CounterNamespace, CounterLinted)
	failed   = beam.NewCounter(CounterNamespace, CounterFailed)
	findings = beam.NewCounter(CounterNamespace, CounterFindings)
)

// Options are the pipeline's settings.
type Options struct {
	Input  string // a file glob, in any file system Beam knows (local, gs://)
	Output string // the prefix of the output files
	Shards int    // number of JSON Lines files; < 1 means DefaultShards
	// Reshuffle spreads the items of each file over the workers before
	// linting; without it a file is linted by the worker that reads it.
	Reshuffle bool
	// Config is a zlint TOML configuration for the configurable lints, as
	// the command's -config with -smime-ca merged in
	// (zlintsmime.ConfigTextWithDeclaredCAs); "" for every default.
	Config string
}

// DefaultShards is the number of JSON Lines files when Options.Shards is
// unset: enough for the local runner to write in parallel. At CT-log scale
// choose more (about one per 10 million certificates), so that no single
// worker writes a huge file.
const DefaultShards = 4

// ShardName is the name of shard i of n.
func ShardName(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
}

// SummaryName is the name of the summary file.
func SummaryName(prefix string) string { return prefix + "-summary.tsv" }

// Build adds the pipeline to s: match files, read items, lint, write the
// records in shards and the summary.
func Build(s beam.Scope, o Options) {
	shards := o.Shards
	if shards < 1 {
		shards = DefaultShards
	}
	// A glob matching nothing is no record rather than a failed pipeline,
	// as a shard of a back-fill may be empty; the command warns of it.
	// Files are read as they are (no decompression by extension), as the
	// CLI reads them.
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, o.Input, fileio.MatchEmptyAllow()),
		fileio.ReadUncompressed())
	items := beam.ParDo(s, &readFileFn{}, files)
	if o.Reshuffle {
		// Reading a file is one element, so without this the items of a
		// file are linted where it was read. It costs an encoding and a
		// shuffle of every certificate (on Prism, a pipeline three times
		// slower per core), so it is for a few large files, not for many.
		items = beam.Reshuffle(s, items)
	}
	lines, keys := beam.ParDo2(s, &lintFn{Shards: shards, Config: o.Config}, items)
	beam.ParDo0(s, &writeShardFn{Prefix: o.Output, Shards: shards}, beam.GroupByKey(s, lines))

	counts := beam.ParDo(s, formatCount, stats.SumPerKey(s, keys))
	summary := beam.GroupByKey(s, beam.ParDo(s, fixedKey, counts))
	beam.ParDo0(s, &writeShardFn{Prefix: o.Output, Summary: true}, summary)
}

// readFileFn emits the items of one file, with the CLI's reading rules.
type readFileFn struct{}

func (fn *readFileFn) ProcessElement(ctx context.Context, f fileio.ReadableFile, emit func(Item)) error {
	name := f.Metadata.Path
	count := func(it Item) {
		read.Inc(ctx, 1)
		emit(it)
	}
	r, err := f.Open(ctx)
	if err != nil {
		count(Item{Input: name, Err: input.IOError("open", err).Error()})
		return nil
	}
	defer r.Close() //nolint:errcheck // read-only
	ReadInput(name, r, count)
	return nil
}

// lintFn lints each item and emits its JSON line, keyed by its shard, and
// at the end of each bundle the bundle's summary counts. Counting in the
// bundle rather than emitting a key per finding keeps the summary's
// shuffle to a few hundred elements per bundle.
type lintFn struct {
	Shards int
	Config string // Options.Config, sent to every worker with the DoFn

	linters *records.Linters
	counts  map[string]int // "kind\tkey" to count, in this bundle
}

func (fn *lintFn) Setup() error {
	// The CLI's registry and configuration: the recommended registry with
	// the configuration of --config and --smime-ca. Items are linted as the
	// command lints them (records.Linters, shared), with a Linter per
	// issuing CA of the CT entries this worker sees.
	fn.linters = records.NewLinters(nil, fn.Config, nil)
	return nil
}

func (fn *lintFn) StartBundle(_ context.Context, _ func(int, string), _ func(string, int)) {
	fn.counts = map[string]int{}
}

func (fn *lintFn) FinishBundle(_ context.Context, _ func(int, string), emitCount func(string, int)) {
	for k, n := range fn.counts {
		emitCount(k, n)
	}
	fn.counts = nil
}

func (fn *lintFn) ProcessElement(ctx context.Context, it Item, emitLine func(int, string), _ func(string, int)) error {
	emitKey := func(key string) { fn.counts[key]++ }
	rec := fn.linters.Lint(it.toInput())
	if rec.Screened {
		// Skipped unparsed by the out-of-scope screen (zlintsmime.Screenable);
		// its record says so, as the CLI's does.
		screened.Inc(ctx, 1)
	}
	line, err := rec.JSONLine()
	if err != nil {
		return fmt.Errorf("%s: item %d: encoding its record: %v", it.Input, it.Index, err)
	}
	emitLine(shardOf(it.Input, it.Index, fn.Shards), strings.TrimSuffix(string(line), "\n"))
	if rec.Err != "" {
		failed.Inc(ctx, 1)
		emitKey("total\terror records")
		return nil
	}
	linted.Inc(ctx, 1)
	emitKey("total\tlinted")
	if rec.IssuerCA != "" { // screened out: not parsed, so no issuer read
		emitKey("issuer\t" + rec.IssuerCA)
	}
	if len(rec.Findings) > 0 {
		findings.Inc(ctx, 1)
		emitKey("total\twith findings")
	}
	for _, f := range rec.Findings {
		emitKey("lint\t" + f.Lint)
		emitKey("severity\t" + f.Status.String())
	}
	return nil
}

// shardOf spreads the records over the shards by their input and index, so
// that a retried bundle writes each record to the same shard.
func shardOf(input string, index, shards int) int {
	h := fnv.New32a()
	io.WriteString(h, input)               //nolint:errcheck // a hash does not fail
	io.WriteString(h, strconv.Itoa(index)) //nolint:errcheck
	return int(h.Sum32() % uint32(shards))
}

// formatCount is a summary line: kind, key, count, tab-separated.
func formatCount(key string, n int) string { return key + "\t" + strconv.Itoa(n) }

// fixedKey gathers every summary line under one key, so one worker writes
// the summary file.
func fixedKey(line string) (int, string) { return 0, line }

// writeShardFn writes one shard of JSON lines, as they come, or the
// summary, sorted, to its file. A shard is streamed, never held whole;
// a retried shard overwrites its file with the same lines.
type writeShardFn struct {
	Prefix  string
	Shards  int
	Summary bool
}

func (fn *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool) (err error) {
	name := ShardName(fn.Prefix, shard, fn.Shards)
	if fn.Summary {
		name = SummaryName(fn.Prefix)
	}
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close() //nolint:errcheck // nothing to flush
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("%s: %v", name, cerr)
		}
	}()
	bw := bufio.NewWriterSize(w, 256<<10)
	var line string
	if fn.Summary {
		var all []string
		for lines(&line) {
			all = append(all, line)
		}
		sort.Strings(all)
		for _, l := range all {
			bw.WriteString(l)  //nolint:errcheck // Flush reports it
			bw.WriteByte('\n') //nolint:errcheck
		}
	} else {
		for lines(&line) {
			bw.WriteString(line) //nolint:errcheck // Flush reports it
			bw.WriteByte('\n')   //nolint:errcheck
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}
