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
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/zmap/zlint/v3" // links every upstream lint in, for -all
	"github.com/zmap/zlint/v3/lint"
	_ "github.com/zmap/zlint/v3/profiles" // zlint's own profiles, for -profile, as in zlint's CLI

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/input"
	"github.com/smimelint/zlint-smime/internal/records"
	"github.com/smimelint/zlint-smime/smime"
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
	format   input.Format
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

	// zlint's own CLI conventions.
	version       bool
	exampleConfig bool
	listJSON      bool
	listProfiles  bool
	profile       string
	ct            ctOptions // -ct-* flags (ct_scan.go)

	// issuer is the DER of -issuer's certificate; configText the -config
	// file with the -smime-ca list merged in, for the Linters built with it.
	issuer     []byte
	issuerFile string
	configText string
}

// run is the whole command: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "serve" {
		return serveCommand(args[1:], stderr) // serve.go
	}
	opts, err := parseFlags(args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "zlint-smime: %v\n", err)
		return exitTrouble
	}
	if opts.version {
		printVersion(stdout)
		return exitOK
	}
	reg, err := registry(opts)
	if err != nil {
		fmt.Fprintf(stderr, "zlint-smime: %v\n", err)
		return exitTrouble
	}
	if done, status := listings(opts, reg, stdout, stderr); done {
		return status
	}
	return lintInputs(opts, reg, stdin, stdout, stderr)
}

// lintInputs is the command after its flags and registry: it reads, lints
// and writes every input and returns the exit status. FuzzCTEntries calls it
// directly, so that its executions go to the input rather than to building
// the same registry again.
func lintInputs(opts *options, reg lint.Registry, stdin io.Reader, stdout, stderr io.Writer) int {
	var out sink
	var summary *summaryWriter
	if opts.summary {
		summary = newSummaryWriter(stdout)
		out = summary
	} else {
		out = newJSONWriter(stdout)
	}
	// The input files, or a -ct-log scan (ct.go, ct_scan.go).
	items, out, stopCT, err := inputs(opts, stdin, out, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "zlint-smime: %v\n", err)
		return exitTrouble
	}
	defer stopCT()
	t := &tally{sink: out, failAt: opts.failAt}
	var p *progress
	if opts.progress {
		p = startProgress(stderr, &t.written, t.stats.progressLine)
	}
	err = lintAll(records.NewLinters(reg, opts.configText, opts.issuer), opts.workers, items, t)
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
		fmt.Fprintf(fs.Output(), "Usage: zlint-smime [flags] [file ...]\n       zlint-smime serve [flags]   (the HTTP service: zlint-smime serve -h)\n\n"+
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
		"else base64 DER one certificate per line), pem, der, base64, or ct (RFC 6962 get-entries JSON: " +
		"{\"entries\":[...]} or one {\"leaf_input\",\"extra_data\"} object per line)"
	failHelp := "exit 1 when a finding is at or above this severity: error (error, fatal) or warn (warn, error, fatal)"
	wkHelp := "number of certificates linted in parallel; output stays in input order"
	registryHelp := "the recommended registry (zlintsmime.Registry())"
	// On by default for a person watching stderr, unless stdout is the same
	// screen: the progress line would be mixed into the output.
	progressDefault := isTerminal(stderr) && !isTerminal(stdout)
	fs.StringVar(&format, "format", "auto", formatHelp)
	fs.BoolVar(&opts.summary, "summary", false, "print a table for people instead of JSON lines")
	fs.BoolVar(&opts.list, "list-lints", false,
		"list the selected lints (name, source, effective date, citation, description; tab-separated) and exit")
	fs.BoolVar(&opts.listJSON, "list-lints-json", false,
		"list the selected lints as zlint's -list-lints-json does (one JSON object per line) and exit")
	fs.BoolVar(&opts.exampleConfig, "exampleConfig", false,
		"print zlint's example configuration of the selected lints (every setting at its default), for -config, and exit")
	fs.BoolVar(&opts.listProfiles, "list-profiles", false,
		"list the zlint profiles as zlint's -list-profiles does (one JSON object per line) and exit")
	fs.BoolVar(&opts.version, "version", false, "print the versions of zlint-smime, zlint and zcrypto and exit")
	fs.StringVar(&opts.profile, "profile", "",
		"select the lints of this zlint profile, e.g. smimelint_recommended (-list-profiles lists them)")
	fs.BoolVar(&opts.all, "all", false, "select from every zlint lint and zlint-smime's instead of "+registryHelp)
	fs.StringVar(&includeSrc, "includeSources", "", "comma-separated lint sources to include (e.g. CABF_SMIME_BR,RFC5280)")
	fs.StringVar(&excludeSrc, "excludeSources", "", "comma-separated lint sources to exclude")
	fs.StringVar(&includeNames, "includeNames", "", "comma-separated lint names to include")
	fs.StringVar(&excludeNames, "excludeNames", "", "comma-separated lint names to exclude")
	fs.StringVar(&nameFilter, "nameFilter", "",
		"only run lints whose name matches this regexp (not with -includeNames/-excludeNames)")
	fs.StringVar(&opts.config, "config", "",
		"a zlint TOML configuration file for configurable lints, as -exampleConfig prints it, e.g. "+
			"[e_smimelint_subca_eku] CrossCertificate = true; an unknown section or key is a usage error")
	fs.StringVar(&opts.smimeCA, "smime-ca", "", smimeCAHelp)
	fs.StringVar(&opts.issuerFile, "issuer", "", "the issuing CA certificate (PEM or DER) of every input: the "+
		"issuer-aware rules run, and no rule reads the issuer's key from the signature, so a TBS, a dummy "+
		"signature or a throwaway key gives the findings of the certificate the CA will sign")
	fs.StringVar(&failOn, "fail-on", "error", failHelp)
	fs.IntVar(&opts.workers, "workers", runtime.NumCPU(), wkHelp)
	fs.BoolVar(&opts.progress, "progress", progressDefault,
		"print the count and rate of certificates on stderr (default on when stderr is a terminal and stdout is not)")
	opts.ct.register(fs) // -ct-log, -ct-start, -ct-end, -ct-fetchers, -ct-batch, -ct-state
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	opts.inputs = fs.Args()
	if opts.issuerFile != "" {
		var err error
		if opts.issuer, err = readIssuer(opts.issuerFile); err != nil {
			return nil, fmt.Errorf("-issuer %s: %v", opts.issuerFile, err)
		}
	}
	if err := opts.ct.check(opts.inputs); err != nil {
		return nil, err
	}

	var err error
	if opts.format, err = input.ParseFormat(format); err != nil {
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

// registry returns the base registry, recommended, -all or -profile, with
// the selection flags applied. As in zlint's CLI, a profile's lints are
// added to -includeNames and chosen from every registered lint.
func registry(opts *options) (lint.Registry, error) {
	base, name := zlintsmime.Registry(), "the recommended registry"
	filter := opts.filter
	switch {
	case opts.profile != "":
		p, ok := lint.GetProfile(opts.profile)
		if !ok {
			var known []string
			for _, p := range lint.AllProfiles() {
				known = append(known, p.Name)
			}
			sort.Strings(known)
			return nil, fmt.Errorf("-profile: unknown profile %q; the profiles are %s", opts.profile, strings.Join(known, ", "))
		}
		filter.AddProfile(p)
		base, name = lint.GlobalRegistry(), "the profile "+p.Name
	case opts.all:
		base, name = lint.GlobalRegistry(), "the registry of every lint"
	}
	reg, err := base.Filter(filter)
	if err != nil {
		if !opts.all {
			return nil, fmt.Errorf("selecting lints from %s: %v (-all selects from every zlint lint)", name, err)
		}
		return nil, fmt.Errorf("selecting lints from %s: %v", name, err)
	}
	if len(reg.CertificateLints().Lints()) == 0 {
		return nil, fmt.Errorf("the selection flags leave no certificate lint of %s", name)
	}
	// configure reads and checks -config (and -smime-ca) as serve and the
	// Beam pipeline do (records.ConfigText), so a mistake is a usage error
	// here rather than a Fatal result on every certificate.
	return configure(reg, opts)
}

// readIssuer reads the issuing CA certificate of -issuer: PEM (its first
// CERTIFICATE block), DER or base64 DER, which must be a CA certificate.
func readIssuer(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	der, err := smime.IssuerDER(b)
	if err != nil {
		return nil, err
	}
	c, err := zlintsmime.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	if _, err := smime.NewIssuer(c); err != nil {
		return nil, err
	}
	return der, nil
}

// listings answers -list-lints, -list-lints-json and -exampleConfig, and
// reports whether one was asked for, with the exit status.
func listings(opts *options, reg lint.Registry, stdout, stderr io.Writer) (bool, int) {
	var err error
	switch {
	case opts.list:
		err = listLints(stdout, reg)
	case opts.listJSON:
		// zlint's own schema, one object per lint and line.
		reg.WriteJSON(stdout)
	case opts.listProfiles:
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, p := range lint.AllProfiles() {
			if err = enc.Encode(p); err != nil {
				break
			}
		}
	case opts.exampleConfig:
		var b []byte
		if b, err = reg.DefaultConfiguration(); err == nil {
			_, err = fmt.Fprintln(stdout, string(b))
		}
	default:
		return false, exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "zlint-smime: writing the list: %v\n", err)
		return true, exitTrouble
	}
	return true, exitOK
}

// printVersion prints the module's version from the build information
// ("(devel)" when built from a checkout) and those of zlint and zcrypto.
func printVersion(w io.Writer) {
	version, deps := "(unknown)", map[string]string{}
	if bi, ok := debug.ReadBuildInfo(); ok {
		version = bi.Main.Version
		for _, d := range bi.Deps {
			if d.Replace != nil {
				d = d.Replace
			}
			deps[d.Path] = d.Version
		}
	}
	fmt.Fprintf(w, "zlint-smime %s\n", version)
	for _, path := range []string{"github.com/zmap/zlint/v3", "github.com/zmap/zcrypto"} {
		v := deps[path]
		if v == "" {
			v = "(unknown)"
		}
		fmt.Fprintf(w, "%s %s\n", path, v)
	}
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
	stats      scanStats // per lint, per CA and per severity, for -summary and -progress (ct_stats.go)
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
	t.stats.add(r)
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
	extra func() string // appended to the line
}

const progressEvery = 250 * time.Millisecond

func startProgress(w io.Writer, n *atomic.Int64, extra func() string) *progress {
	p := &progress{w: w, n: n, extra: extra, tty: isTerminal(w), start: time.Now(),
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
	if p.extra != nil {
		line += p.extra()
	}
	switch {
	case p.tty && final:
		fmt.Fprintf(p.w, "\r%-100s\n", line)
	case p.tty:
		fmt.Fprintf(p.w, "\r%-100s", line)
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
