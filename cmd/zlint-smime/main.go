// Command zlint-smime lints certificates against the S/MIME Baseline
// Requirements with zlint-smime's recommended registry, or with every zlint
// lint (-all), and prints one JSON line per certificate:
//
//	zlint-smime [flags] [file ...]
//
// Inputs are files or stdin ("-", or no argument), each PEM (any number of
// CERTIFICATE blocks), DER (one certificate) or base64 DER, one certificate
// per line; the format is detected per input unless -format says it. The
// selection flags are zlint's: -includeSources, -excludeSources,
// -includeNames, -excludeNames, -nameFilter.
//
// Exit status: 0 when no certificate has a finding at or above -fail-on, 1
// when one has, 2 on a usage error or when an input or certificate could not
// be read or parsed (2 wins over 1).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/zmap/zlint/v3" // links every upstream lint in, for -all
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1 // a finding at or above -fail-on
	exitTrouble  = 2 // usage error, or an input or certificate that could not be read or parsed
)

// defaultGCPercent replaces Go's default of 100 unless GOGC is set. The
// command's live heap is small and bounded (the registry and a reorder window
// of a few certificates), while zcrypto's parse and zlint allocate a few
// hundred objects per certificate, so at 100 the collector runs constantly.
// At 400 a 2-core run lints about 40% more certificates per second for about
// 30 MB more peak memory (README, Performance).
const defaultGCPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// options are the parsed flags.
type options struct {
	format   Format
	summary  bool
	list     bool
	all      bool
	failAt   lint.LintStatus
	workers  int
	progress bool
	filter   lint.FilterOptions
	config   string
	smimeCA  string
	inputs   []string
}

// run is the whole command: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "zlint-smime: %v\n", err)
		return exitTrouble
	}
	reg, err := registry(opts)
	if err != nil {
		fmt.Fprintf(stderr, "zlint-smime: %v\n", err)
		return exitTrouble
	}
	if opts.list {
		if err := listLints(stdout, reg); err != nil {
			fmt.Fprintf(stderr, "zlint-smime: writing the list: %v\n", err)
			return exitTrouble
		}
		return exitOK
	}

	var out sink
	var summary *summaryWriter
	if opts.summary {
		summary = newSummaryWriter(stdout)
		out = summary
	} else {
		out = newJSONWriter(stdout)
	}
	t := &tally{sink: out, failAt: opts.failAt}
	var p *progress
	if opts.progress {
		p = startProgress(stderr, &t.written)
	}
	err = lintAll(reg, opts.workers, readInputs(opts.inputs, stdin, opts.format), t)
	if err == nil && summary != nil {
		err = summary.footer(t)
	}
	if p != nil {
		p.stop()
	}
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "zlint-smime: writing the output: %v\n", err)
		return exitTrouble
	case t.unreadable > 0:
		return exitTrouble
	case t.failing > 0:
		return exitFindings
	}
	return exitOK
}

func parseFlags(args []string, stdout, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("zlint-smime", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: zlint-smime [flags] [file ...]\n\n"+
			"Lints S/MIME certificates; no file, or \"-\", reads stdin. One JSON line per certificate:\n"+
			"{\"input\",\"index\",\"sha256\",\"findings\"} or {\"input\",\"index\",\"error\"}.\n"+
			"Exit status: 0 no finding at or above -fail-on, 1 some, 2 usage error or unreadable input.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	var (
		opts                       options
		format, failOn, nameFilter string
		includeSrc, excludeSrc     string
		includeNames, excludeNames string
	)
	formatHelp := "input format: auto (per input: PEM if it holds -----BEGIN, DER if it starts with 0x30, " +
		"else base64 DER one certificate per line), pem, der or base64"
	failHelp := "exit 1 when a finding is at or above this severity: error (error, fatal) or warn (warn, error, fatal)"
	wkHelp := "number of certificates linted in parallel; output stays in input order"
	registryHelp := "the recommended registry (zlintsmime.Registry())"
	// On by default for a person watching stderr, unless stdout is the same
	// screen: the progress line would be mixed into the output.
	progressDefault := isTerminal(stderr) && !isTerminal(stdout)
	fs.StringVar(&format, "format", "auto", formatHelp)
	fs.BoolVar(&opts.summary, "summary", false, "print a table for people instead of JSON lines")
	fs.BoolVar(&opts.list, "list-lints", false,
		"list the selected lints (name, source, effective date, citation; tab-separated) and exit")
	fs.BoolVar(&opts.all, "all", false, "select from every zlint lint and zlint-smime's instead of "+registryHelp)
	fs.StringVar(&includeSrc, "includeSources", "", "comma-separated lint sources to include (e.g. CABF_SMIME_BR,RFC5280)")
	fs.StringVar(&excludeSrc, "excludeSources", "", "comma-separated lint sources to exclude")
	fs.StringVar(&includeNames, "includeNames", "", "comma-separated lint names to include")
	fs.StringVar(&excludeNames, "excludeNames", "", "comma-separated lint names to exclude")
	fs.StringVar(&nameFilter, "nameFilter", "",
		"only run lints whose name matches this regexp (not with -includeNames/-excludeNames)")
	fs.StringVar(&opts.config, "config", "",
		"a zlint TOML configuration file for configurable lints, e.g. [e_smimelint_subca_eku] cross_certificate = true")
	fs.StringVar(&opts.smimeCA, "smime-ca", "", smimeCAHelp)
	fs.StringVar(&failOn, "fail-on", "error", failHelp)
	fs.IntVar(&opts.workers, "workers", runtime.NumCPU(), wkHelp)
	fs.BoolVar(&opts.progress, "progress", progressDefault,
		"print the count and rate of certificates on stderr (default on when stderr is a terminal and stdout is not)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	opts.inputs = fs.Args()

	var err error
	if opts.format, err = parseFormat(format); err != nil {
		return nil, fmt.Errorf("-format: %v", err)
	}
	switch failOn {
	case "error":
		opts.failAt = lint.Error
	case "warn":
		opts.failAt = lint.Warn
	default:
		return nil, fmt.Errorf("-fail-on: unknown severity %q: want error or warn", failOn)
	}
	if opts.workers < 1 {
		return nil, fmt.Errorf("-workers: %d is not a positive number", opts.workers)
	}
	if err := opts.filter.IncludeSources.FromString(includeSrc); err != nil {
		return nil, fmt.Errorf("-includeSources: %v", err)
	}
	if err := opts.filter.ExcludeSources.FromString(excludeSrc); err != nil {
		return nil, fmt.Errorf("-excludeSources: %v", err)
	}
	opts.filter.IncludeNames = splitList(includeNames)
	opts.filter.ExcludeNames = splitList(excludeNames)
	if nameFilter != "" {
		if includeNames != "" || excludeNames != "" {
			return nil, errors.New("-nameFilter cannot be used with -includeNames or -excludeNames")
		}
		if opts.filter.NameFilter, err = regexp.Compile(nameFilter); err != nil {
			return nil, fmt.Errorf("-nameFilter: %v", err)
		}
	}
	return &opts, nil
}

// registry returns the base registry, recommended or -all, with the
// selection flags applied.
func registry(opts *options) (lint.Registry, error) {
	base, name := zlintsmime.Registry(), "the recommended registry"
	if opts.all {
		base, name = lint.GlobalRegistry(), "the registry of every lint"
	}
	reg, err := base.Filter(opts.filter)
	if err != nil {
		if !opts.all {
			return nil, fmt.Errorf("selecting lints from %s: %v (-all selects from every zlint lint)", name, err)
		}
		return nil, fmt.Errorf("selecting lints from %s: %v", name, err)
	}
	if len(reg.CertificateLints().Lints()) == 0 {
		return nil, fmt.Errorf("the selection flags leave no certificate lint of %s", name)
	}
	return configure(reg, opts)
}

// splitList splits a comma-separated flag value, dropping empty elements.
func splitList(s string) []string {
	var list []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			list = append(list, e)
		}
	}
	return list
}

// tally counts the records on their way to the output, for the exit status,
// the summary footer and -progress.
type tally struct {
	sink
	failAt     lint.LintStatus
	certs      int
	failing    int
	unreadable int
	written    atomic.Int64
}

func (t *tally) write(r *record) error {
	if r.Err != "" {
		t.unreadable++
	} else {
		t.certs++
		for _, f := range r.Findings {
			if f.Status >= t.failAt {
				t.failing++
				break
			}
		}
	}
	t.written.Add(1)
	return t.sink.write(r)
}

// progress prints the number of certificates done and the rate on stderr,
// at most progressEvery, and a final line when stopped. On a terminal the
// line is rewritten in place.
type progress struct {
	w     io.Writer
	n     *atomic.Int64
	tty   bool
	start time.Time
	done  chan struct{}
	exit  chan struct{}
}

const progressEvery = 250 * time.Millisecond

func startProgress(w io.Writer, n *atomic.Int64) *progress {
	p := &progress{w: w, n: n, tty: isTerminal(w), start: time.Now(),
		done: make(chan struct{}), exit: make(chan struct{})}
	every := progressEvery
	if !p.tty {
		every = time.Second // a log file needs fewer lines
	}
	go func() {
		defer close(p.exit)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				p.print(false)
			case <-p.done:
				return
			}
		}
	}()
	return p
}

func (p *progress) print(final bool) {
	n := p.n.Load()
	secs := time.Since(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(n) / secs
	}
	line := fmt.Sprintf("zlint-smime: %d certificates, %.0f/s", n, rate)
	switch {
	case p.tty && final:
		fmt.Fprintf(p.w, "\r%-60s\n", line)
	case p.tty:
		fmt.Fprintf(p.w, "\r%-60s", line)
	default:
		fmt.Fprintln(p.w, line)
	}
}

// stop ends the periodic line and prints the final one.
func (p *progress) stop() {
	close(p.done)
	<-p.exit
	p.print(true)
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
