package main

// zlint-smime serve: an HTTP linting service that answers as pkimetal's
// REST API does (doc/REST_API.md of github.com/pkimetal/pkimetal), so that a
// CA's pre-issuance hook written for pkimetal can call it unchanged.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/records"
	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

// serveConfig are the settings of the service.
type serveConfig struct {
	addr        string
	maxBody     int64         // request body limit; larger is 413
	timeout     time.Duration // per request: reading, waiting for a linting slot, writing
	concurrency int           // requests linted at once
	issuerCache int           // Linters kept for issuers given with requests
	shutdown    time.Duration // how long SIGTERM waits for requests in flight
	// config is the zlint TOML configuration of -config and -smime-ca,
	// which every profile's Linters take ("" for every default).
	config string
}

// serveCommand is "zlint-smime serve [flags]": it returns the exit status.
func serveCommand(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("zlint-smime serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "HOST:PORT to listen on")
	fs.Int64Var(&cfg.maxBody, "max-body", 1<<20, "request body limit in bytes; a larger body is answered 413")
	fs.DurationVar(&cfg.timeout, "timeout", 10*time.Second, "per-request time limit (reading, waiting to be linted, writing)")
	fs.IntVar(&cfg.concurrency, "concurrency", runtime.NumCPU(), "requests linted at once; others wait, up to -timeout")
	fs.IntVar(&cfg.issuerCache, "issuer-cache", 256, "Linters kept for the issuers given with requests (issuer parameter)")
	fs.DurationVar(&cfg.shutdown, "shutdown-timeout", 30*time.Second, "how long SIGTERM waits for requests in flight")
	var configFile, smimeCAFile string
	fs.StringVar(&configFile, "config", "", "a zlint TOML configuration file for configurable lints, as -exampleConfig prints it; "+
		"every profile takes it, and an unknown section or key is a usage error")
	fs.StringVar(&smimeCAFile, "smime-ca", "", smimeCAHelp)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: zlint-smime serve [flags]\n\n"+
			"An HTTP linting service with pkimetal's REST API: POST /lintcert, /linttbscert, /lintcrl, /linttbscrl;\n"+
			"GET /linters, /profiles, /livez, /readyz, /metrics. SIGTERM finishes the requests in flight.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "zlint-smime serve: unexpected argument %q\n", fs.Arg(0))
		return exitTrouble
	}
	var err error
	if cfg.config, err = records.ConfigText(configFile, smimeCAFile); err != nil {
		fmt.Fprintf(stderr, "zlint-smime serve: %v\n", err)
		return exitTrouble
	}
	s, err := newServer(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "zlint-smime serve: %v\n", err)
		return exitTrouble
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintf(stderr, "zlint-smime serve: %v\n", err)
		return exitTrouble
	}
	// Catch SIGTERM before saying the service is up, so that a supervisor
	// that stops it right away gets a graceful shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	fmt.Fprintf(stderr, "zlint-smime serve: listening on %s\n", ln.Addr())
	if err := s.run(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "zlint-smime serve: %v\n", err)
		return exitTrouble
	}
	return exitOK
}

// profile is one value of the profile parameter.
type serveProfile struct {
	Name           string
	Source         string
	Description    string
	Autodetectable bool
	linter         *zlintsmime.Linter
	options        zlintsmime.Options
}

// server is the service: everything a request reads is built in newServer
// and never changes, except the issuer cache (its own lock) and the
// readiness flag.
type server struct {
	cfg      serveConfig
	profiles []*serveProfile
	byName   map[string]*serveProfile
	linters  []byte // the /linters answer, encoded once
	version  string
	sem      chan struct{}
	issuers  *issuerLinters
	ready    atomic.Bool
	metrics  *serveMetrics
	handler  http.Handler

	// beforeLint, when set (tests only), runs while a request holds its
	// linting slot, to hold a request in flight.
	beforeLint func()
}

// defaultProfile is pkimetal's default profile name.
const defaultProfile = "autodetect"

func newServer(cfg serveConfig) (*server, error) {
	if cfg.concurrency < 1 {
		return nil, fmt.Errorf("-concurrency: %d is not a positive number", cfg.concurrency)
	}
	if cfg.maxBody < 1 {
		return nil, fmt.Errorf("-max-body: %d is not a positive number", cfg.maxBody)
	}
	if cfg.issuerCache < 1 {
		cfg.issuerCache = 1
	}
	s := &server{cfg: cfg, byName: map[string]*serveProfile{}, version: moduleVersion(), sem: make(chan struct{}, cfg.concurrency)}
	// The S/MIME lints tell the certificate's kind (CA, mailbox, strict...)
	// from the certificate itself, as pkimetal's autodetect does; what the
	// certificate cannot show is whether it is a Cross Certificate.
	for _, p := range []*serveProfile{
		{Name: defaultProfile, Description: "AUTO-DETECT: the recommended registry; the lints tell the certificate's type and generation from the certificate"},
		{Name: "smimelint_recommended", Source: "S/MIME BRs", Description: "zlint-smime's recommended registry (the zlint profile of that name); the same as autodetect"},
		{Name: "smimelint_cross_certificate", Source: "S/MIME BRs", Description: "the recommended registry, linting CA certificates as Cross Certificates (SBR §7.1.2.2(g))",
			options: zlintsmime.Options{CrossCertificate: true}},
	} {
		p.options.Config = cfg.config
		l, err := zlintsmime.NewLinter(p.options)
		if err != nil {
			return nil, fmt.Errorf("profile %s: %v", p.Name, err)
		}
		p.linter = l
		p.Autodetectable = p.Name != defaultProfile && !p.options.CrossCertificate
		s.profiles = append(s.profiles, p)
		s.byName[p.Name] = p
	}
	var err error
	if s.linters, err = lintersJSON(zlintsmime.Registry()); err != nil {
		return nil, err
	}
	s.issuers = &issuerLinters{}
	s.issuers.cache.Max = cfg.issuerCache
	s.metrics = newServeMetrics()
	s.handler = s.routes()
	s.ready.Store(true)
	return s, nil
}

// moduleVersion is the module's version from the build information.
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(unknown)"
}

// run serves on ln until ctx ends, then stops accepting, marks itself not
// ready and waits up to cfg.shutdown for the requests in flight.
func (s *server) run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.timeout,
		ReadTimeout:       s.cfg.timeout,
		WriteTimeout:      2 * s.cfg.timeout,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.ready.Store(false)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.shutdown)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %v", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// endpoint is one POST endpoint.
type serveEndpoint struct {
	path  string
	alt   string // the endpoint's own name for b64input
	shape smime.Shape
	what  string
}

var serveEndpoints = []serveEndpoint{
	{"/lintcert", "b64cert", smime.CertificateShape, "a signed Certificate or Precertificate"},
	{"/linttbscert", "b64tbscert", smime.TBSCertificateShape, "a to-be-signed Certificate or Precertificate"},
	{"/lintcrl", "b64crl", smime.CRLShape, "a signed CRL"},
	{"/linttbscrl", "b64tbscrl", smime.TBSCRLShape, "a to-be-signed CRL"},
}

// endpointFor names the endpoint that lints a shape.
func endpointFor(sh smime.Shape) string {
	for _, e := range serveEndpoints {
		if e.shape == sh {
			return e.path
		}
	}
	return ""
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, e := range serveEndpoints {
		mux.Handle(e.path, s.instrument(e.path, func(w http.ResponseWriter, r *http.Request) { s.lint(w, r, e) }))
	}
	mux.Handle("GET /linters", s.instrument("/linters", func(w http.ResponseWriter, r *http.Request) {
		writeJSONBytes(w, http.StatusOK, s.linters)
	}))
	mux.Handle("GET /profiles", s.instrument("/profiles", func(w http.ResponseWriter, r *http.Request) {
		b, _ := json.Marshal(s.profiles)
		writeJSONBytes(w, http.StatusOK, b)
	}))
	mux.Handle("GET /livez", s.instrument("/livez", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	}))
	mux.Handle("GET /readyz", s.instrument("/readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !s.ready.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "shutting down\n")
			return
		}
		io.WriteString(w, "ok\n")
	}))
	mux.Handle("GET /metrics", s.instrument("/metrics", promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}).ServeHTTP))
	mux.Handle("/", s.instrument("other", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			writeIndex(w)
			return
		}
		http.NotFound(w, r)
	}))
	return mux
}

// apiResult is one entry of the answer: pkimetal's shape plus Code, the lint
// name. Code and Field are left out when empty (meta and fatal entries of
// the service itself, and Field, which zlint does not give).
type apiResult struct {
	Linter   string
	Code     string `json:"Code,omitempty"`
	Field    string `json:"Field,omitempty"`
	Finding  string
	Severity string
}

// linterName is the Linter of every entry.
const linterName = "zlint-smime"

// apiSeverities are pkimetal's severity words, least severe first.
var apiSeverities = []string{"meta", "debug", "info", "notice", "warning", "error", "bug", "fatal"}

func severityRank(s string) int {
	for i, w := range apiSeverities {
		if w == s {
			return i
		}
	}
	return -1
}

// severityWord maps a zlint status to pkimetal's word. zlint has no info
// or debug level; its Fatal (a lint that could not run) is pkimetal's fatal.
func severityWord(st lint.LintStatus) string {
	switch st {
	case lint.Notice:
		return "notice"
	case lint.Warn:
		return "warning"
	case lint.Error:
		return "error"
	case lint.Fatal:
		return "fatal"
	}
	return "info"
}

// responseFormat is the format parameter, or the Accept header: "" when
// unrecognised.
func responseFormat(r *http.Request, dflt string) string {
	if f := r.FormValue("format"); f != "" {
		switch f {
		case "json", "text", "html":
			return f
		}
		return ""
	}
	for _, a := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(a), ";")
		switch mt {
		case "application/json":
			return "json"
		case "text/plain":
			return "text"
		case "text/html":
			return "html"
		}
	}
	return dflt
}

// lint answers a POST endpoint; a GET without input is the form page.
func (s *server) lint(w http.ResponseWriter, r *http.Request, e serveEndpoint) {
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.maxBody)
	// ParseForm first: ParseMultipartForm hides its error behind
	// ErrNotMultipart for a form-encoded body.
	err := r.ParseForm()
	if err == nil {
		if err = r.ParseMultipartForm(s.cfg.maxBody); errors.Is(err, http.ErrNotMultipart) {
			err = nil
		}
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) || strings.Contains(err.Error(), "too large") {
			s.writeResults(w, "json", http.StatusRequestEntityTooLarge,
				[]apiResult{fatalResult(fmt.Sprintf("Request body larger than %d bytes", s.cfg.maxBody))}, e, r)
			return
		}
		s.writeResults(w, "json", http.StatusBadRequest, []apiResult{fatalResult("Unreadable request: " + err.Error())}, e, r)
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	input := formParam(r, "b64input", e.alt)
	dflt := "json"
	if r.Method == http.MethodGet {
		if input == "" {
			writeForm(w, e, s.profiles)
			return
		}
		dflt = "html" // a person's browser, or a link to a result page
	}
	format := responseFormat(r, dflt)
	if format == "" {
		// pkimetal answers 400 here (it cannot know which format to use).
		s.writeResults(w, "json", http.StatusBadRequest, []apiResult{fatalResult("Unrecognised response format")}, e, r)
		return
	}
	results, err := s.lintInput(r, e, input)
	if err != nil {
		// As pkimetal: a bad input is 200 with a single fatal entry.
		results = []apiResult{fatalResult(err.Error())}
		if errors.Is(err, errBusy) || errors.Is(err, errLintTimeout) {
			s.writeResults(w, format, http.StatusServiceUnavailable, results, e, r)
			return
		}
	}
	s.writeResults(w, format, http.StatusOK, results, e, r)
}

// formParam is the first of the names given as a form or query value, or
// as a multipart file part (curl -F name=@file.pem).
func formParam(r *http.Request, names ...string) string {
	for _, n := range names {
		if v := r.FormValue(n); v != "" {
			return v
		}
	}
	if r.MultipartForm == nil {
		return ""
	}
	for _, n := range names {
		for _, fh := range r.MultipartForm.File[n] {
			f, err := fh.Open()
			if err != nil {
				continue
			}
			b, err := io.ReadAll(f)
			f.Close()
			if err == nil && len(b) > 0 {
				return string(b)
			}
		}
	}
	return ""
}

var (
	errBusy        = badInput("Timed out waiting for a linting slot")
	errLintTimeout = badInput("Timed out linting: the lints did not finish within the request's time (-timeout)")
)

// badInput is the Finding of the fatal entry that answers a bad request:
// pkimetal's words ("Unrecognised input"), with the reason after them.
type badInputError struct{ msg string }

func (e *badInputError) Error() string { return e.msg }

func badInput(format string, a ...any) error {
	return &badInputError{fmt.Sprintf(format, a...)}
}

func fatalResult(msg string) apiResult {
	return apiResult{Linter: linterName, Finding: msg, Severity: "fatal"}
}

// lintInput checks the parameters, lints the input and returns the entries
// at or above the severity asked for.
func (s *server) lintInput(r *http.Request, e serveEndpoint, input string) ([]apiResult, error) {
	if strings.TrimSpace(input) == "" {
		return nil, badInput("Empty input: give b64input or %s", e.alt)
	}
	der, err := decodeInput(input)
	if err != nil {
		return nil, badInput("Unrecognised input: %v", err)
	}
	pname := r.FormValue("profile")
	if pname == "" {
		pname = defaultProfile
	}
	p, ok := s.byName[pname]
	if !ok {
		return nil, badInput("Unrecognised profile %q (GET /profiles lists them)", pname)
	}
	minSev := 0
	if sv := r.FormValue("severity"); sv != "" {
		if minSev = severityRank(sv); minSev < 0 {
			return nil, badInput("Unrecognised severity %q: want one of %s", sv, strings.Join(apiSeverities, ", "))
		}
	}
	if sh := smime.ShapeOf(der); sh != e.shape && sh != smime.UnknownShape {
		return nil, badInput("Wrong input for %s: this is %s, not %s; use %s", e.path, shapeWords(sh), e.what, endpointFor(sh))
	}
	l := p.linter
	if is := formParam(r, "issuer"); is != "" {
		if l, err = s.issuers.get(p, []byte(is)); err != nil {
			return nil, badInput("Unusable issuer: %v", err)
		}
	}

	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.timeout)
	defer cancel()
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, errBusy
	}
	// The lint runs on its own goroutine so that the answer keeps to the
	// request's time even when a certificate makes the lints slow (tens of
	// thousands of names): a lint cannot be stopped half-way, so the
	// goroutine keeps its slot until it ends, and -concurrency still bounds
	// the CPU that linting takes.
	done := make(chan lintOutcome, 1)
	go func() {
		defer func() { <-s.sem }()
		done <- s.lintShape(l, e.shape, der)
	}()
	var findings []zlintsmime.Finding
	select {
	case o := <-done:
		if o.err != nil {
			return nil, badInput("Unparsable input for %s: %v", e.path, o.err)
		}
		findings = o.findings
	case <-ctx.Done():
		s.metrics.lintTimeouts.Inc()
		return nil, errLintTimeout
	}

	results := make([]apiResult, 0, len(findings)+1)
	if minSev == 0 {
		results = append(results, apiResult{Linter: linterName, Severity: "meta",
			Finding: fmt.Sprintf("Profile: %s; Version: %s", p.Name, s.version)})
	}
	for _, f := range findings {
		sev := severityWord(f.Status)
		s.metrics.findings.WithLabelValues(f.Lint, sev).Inc()
		if severityRank(sev) < minSev {
			continue
		}
		finding := f.Lint
		if f.Details != "" {
			finding += ": " + f.Details
		}
		results = append(results, apiResult{Linter: linterName, Code: f.Lint, Finding: finding, Severity: sev})
	}
	return results, nil
}

// lintOutcome is what a request's linting goroutine hands back.
type lintOutcome struct {
	findings []zlintsmime.Finding
	err      error
}

// lintShape lints der as the endpoint's shape. A panic (zlint recovers its
// lints' own; this covers parsing) becomes an error rather than the end of
// the process, since it runs outside net/http's per-request recovery.
func (s *server) lintShape(l *zlintsmime.Linter, shape smime.Shape, der []byte) (o lintOutcome) {
	defer func() {
		if p := recover(); p != nil {
			o = lintOutcome{err: fmt.Errorf("internal error (a bug, please report it): %v", p)}
		}
	}()
	if s.beforeLint != nil {
		s.beforeLint()
	}
	switch shape {
	case smime.CertificateShape:
		o.findings, o.err = l.LintDER(der)
	case smime.TBSCertificateShape:
		o.findings, o.err = l.LintTBSDER(der)
	case smime.CRLShape:
		o.findings, o.err = l.LintCRLDER(der)
	case smime.TBSCRLShape:
		var rl *x509.RevocationList
		if rl, o.err = zlintsmime.ParseTBSRevocationList(der); o.err == nil {
			o.findings = l.LintRevocationList(rl)
		}
	}
	return o
}

func shapeWords(sh smime.Shape) string {
	switch sh {
	case smime.CertificateShape:
		return "a signed certificate"
	case smime.TBSCertificateShape:
		return "a to-be-signed certificate"
	case smime.CRLShape:
		return "a signed CRL"
	case smime.TBSCRLShape:
		return "a to-be-signed CRL"
	}
	return "an unknown structure"
}

// decodeInput reads PEM (the first block, of any type: the endpoint checks
// the structure) or base64 DER, with line breaks allowed. A space counts as
// "+", which a query string or an unencoded form turns "+" into.
func decodeInput(in string) ([]byte, error) {
	b := []byte(strings.TrimSpace(in))
	if bytes.Contains(b, []byte("-----BEGIN")) {
		block, _ := pem.Decode(b[bytes.Index(b, []byte("-----BEGIN")):])
		if block == nil {
			return nil, errors.New("a PEM block that does not decode")
		}
		return block.Bytes, nil
	}
	clean := strings.Map(func(r rune) rune {
		switch r {
		case '\r', '\n', '\t':
			return -1
		case ' ':
			return '+'
		}
		return r
	}, string(b))
	der, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		if der, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "=")); err != nil {
			return nil, errors.New("neither PEM nor base64")
		}
	}
	if len(der) == 0 {
		return nil, errors.New("empty after decoding")
	}
	return der, nil
}

// issuerCacheKey is the SHA-256 of an issuer's DER, and whether it was linted
// with the Cross Certificate profile.
type issuerCacheKey struct {
	sum     [32]byte
	profile string
}

// issuerLinters keeps a Linter per issuer and profile: building one costs
// about a millisecond (BenchmarkNewLinter), a lint a fraction of that. When
// full, an arbitrary entry is dropped: a CA's hook sends few issuers, and a
// client sending many only costs itself rebuilds.
type issuerLinters struct {
	cache util.OnceCache[issuerCacheKey, *zlintsmime.Linter]
}

func (c *issuerLinters) get(p *serveProfile, text []byte) (*zlintsmime.Linter, error) {
	der, err := decodeInput(string(text))
	if err != nil {
		return nil, fmt.Errorf("neither PEM nor base64 DER")
	}
	if sh := smime.ShapeOf(der); sh != smime.CertificateShape {
		return nil, fmt.Errorf("%s, not a certificate", shapeWords(sh))
	}
	return c.cache.Get(issuerCacheKey{sha256.Sum256(der), p.Name}, func() (*zlintsmime.Linter, error) {
		cert, err := zlintsmime.ParseCertificate(der)
		if err != nil {
			return nil, err
		}
		o := p.options
		o.Issuer = cert
		l, err := zlintsmime.NewLinter(o)
		if err != nil {
			err = errors.New(strings.TrimPrefix(err.Error(), "zlint-smime: "))
		}
		return l, err
	})
}

// lintInfo is one entry of /linters.
type lintInfo struct {
	Name          string
	Kind          string // certificate or crl
	Source        lint.LintSource
	Description   string
	Citation      string
	EffectiveDate string `json:",omitempty"`
}

// lintersJSON lists every lint the service runs: the recommended registry,
// upstream zlint's S/MIME lints that the library keeps and its own.
func lintersJSON(reg lint.Registry) ([]byte, error) {
	var list []lintInfo
	add := func(kind string, m *lint.LintMetadata) {
		li := lintInfo{Name: m.Name, Kind: kind, Source: m.Source, Description: m.Description, Citation: m.Citation}
		if !m.EffectiveDate.IsZero() {
			li.EffectiveDate = m.EffectiveDate.UTC().Format("2006-01-02")
		}
		list = append(list, li)
	}
	for _, l := range reg.CertificateLints().Lints() {
		add("certificate", &l.LintMetadata)
	}
	for _, l := range reg.RevocationListLints().Lints() {
		add("crl", &l.LintMetadata)
	}
	return json.Marshal(list)
}

func writeJSONBytes(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// writeResults answers in the format asked for.
func (s *server) writeResults(w http.ResponseWriter, format string, status int, results []apiResult, e serveEndpoint, r *http.Request) {
	switch format {
	case "text":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		var b strings.Builder
		for _, res := range results {
			fmt.Fprintf(&b, "%s\t%s\t%s\n", res.Linter, strings.ToUpper(res.Severity), res.Finding)
		}
		io.WriteString(w, b.String())
	case "html":
		writeResultPage(w, status, results, e, r, s.profiles)
	default:
		if results == nil {
			results = []apiResult{} // [] rather than null
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(results)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		w.WriteHeader(status)
		w.Write(buf.Bytes())
	}
}

// serveMetrics are the service's metrics, on a registry of its own.
type serveMetrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	findings *prometheus.CounterVec
	// lintTimeouts counts requests answered 503 because their lint ran past
	// -timeout; each such lint still holds its slot until it ends.
	lintTimeouts prometheus.Counter
}

func newServeMetrics() *serveMetrics {
	m := &serveMetrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "zlint_smime_http_requests_total", Help: "HTTP requests by endpoint and status code.",
		}, []string{"endpoint", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "zlint_smime_http_request_duration_seconds", Help: "HTTP request latency by endpoint.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1, 5},
		}, []string{"endpoint"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "zlint_smime_findings_total", Help: "Findings reported, by lint and severity.",
		}, []string{"lint", "severity"}),
		lintTimeouts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "zlint_smime_lint_timeouts_total", Help: "Requests whose lint did not finish within -timeout (answered 503).",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.findings, m.lintTimeouts,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// statusRecorder keeps the status code for the metrics.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// instrument counts and times a handler; name is a fixed label, never the
// request's path, so that the metrics stay bounded.
func (s *server) instrument(name string, h http.HandlerFunc) http.Handler {
	lat := s.metrics.latency.WithLabelValues(name)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		h(rec, r)
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		lat.Observe(time.Since(start).Seconds())
		s.metrics.requests.WithLabelValues(name, strconv.Itoa(rec.code)).Inc()
	})
}
