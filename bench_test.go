package zlintsmime_test

// Performance at CT-monitor scale (issue 8). The benchmarks measure, on an
// S/MIME subscriber, an S/MIME subordinate CA and a TLS server certificate:
// zcrypto's parse alone, our lints, upstream zlint's S/MIME lints, each of
// our lints alone, a lint that does nothing (the floor zlint's framework
// sets), and smime.Inspect. The README (Performance) has the figures.
//
// smime.Inspect caches its facts per *x509.Certificate pointer, so every
// benchmark that runs lints says which cache it sees:
//
//   - warm: the same pointer every iteration; Inspect's facts are cached
//     before the timer starts, so only the per-lint work is measured.
//   - cold: a different pointer every iteration, taken round a pool of
//     coldPoolSize certificates parsed before the timer starts; each is
//     handed to smime.Forget after its run, so every iteration computes
//     Inspect's facts again, as a CT monitor does, which sees each
//     certificate once.
//   - parsed: a fresh zcrypto parse every iteration; subtract Parse's figure
//     to compare with cold.
//
// The performance targets of the README are ratios taken by the paired
// benchmarks (BenchmarkTLSPair, BenchmarkPerLintPair, and the command's
// BenchmarkWorkersPair), which run both sides alternately on cold
// certificates; the README gives the commands, and internal/benchreport turns
// their output into its tables:
//
//	go test -run '^$' -bench 'TLSPair|PerLintPair' -count 5 .

import (
	"encoding/pem"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/fixtures"
	"github.com/smimelint/zlint-smime/lints"
	"github.com/smimelint/zlint-smime/smime"
)

// benchFixtures are the certificates of the benchmarks, by fixture name.
var benchFixtures = []string{
	"baseline_strict_mailbox", // S/MIME subscriber
	"ca_smime_rsa4096",        // S/MIME subordinate CA
	"tls_server",              // TLS certificate: most of what a CT log holds
}

// The no-op lints measure the floor: what zlint's framework costs a lint that
// does nothing. They are built here, in the test binary only, and not
// registered: a registered lint of source CABF_SMIME_BR would join the
// recommended registry (lints.Recommended takes every such lint) and break
// TestProfileSelectsRecommended. Execute, which is all the benchmarks call,
// does not look at the registry. Their names could not collide anyway: ours
// hold "smimelint" (lints.NameRule) and upstream has no "bench" lint.
const (
	noopFiltered     = "n_bench_noop_filtered"     // zlint's S/MIME pre-filter runs first
	noopOverride     = "n_bench_noop_override"     // OverrideFrameworkFilter: always run
	noopConfigurable = "n_bench_noop_configurable" // OverrideFrameworkFilter and lint.Configurable
	noopDeclared     = "n_bench_noop_declared"     // the same, configured with the declared S/MIME CAs only
	noopIssuer       = "n_bench_noop_issuer"       // the same, with the declared S/MIME CAs and the issuer
)

// noop applies to every certificate and passes it.
type noop struct{}

func (noop) CheckApplies(*x509.Certificate) bool { return true }

func (noop) Execute(*x509.Certificate) *lint.LintResult { return &lint.LintResult{Status: lint.Pass} }

// configurableNoop is a noop that zlint configures before each run, as it
// does the lints that take a cross_certificate setting.
type configurableNoop struct {
	noop
	CrossCertificate bool `toml:"cross_certificate"`
	Declared         *smime.DeclaredCAs
}

func (n *configurableNoop) Configure() any { return n }

// declaredNoop is a noop that zlint configures with the declared S/MIME CAs
// of its [Global] table (smime.DeclaredCAs), as it does every lint that
// applies to S/MIME CA certificates.
type declaredNoop struct {
	noop
	Declared *smime.DeclaredCAs
}

func (n *declaredNoop) Configure() any { return n }

// issuerNoop is configured as the issuer-aware lints are: the declared
// S/MIME CAs and the issuing CA certificate.
type issuerNoop struct {
	noop
	Declared *smime.DeclaredCAs
	Issuer   string
}

func (n *issuerNoop) Configure() any { return n }

// floorOf returns the name of the no-op lint registered the way l is.
func floorOf(l *lint.CertificateLint) string {
	switch cfg, configurable := l.Lint().(lint.Configurable); {
	case configurable && !l.OverrideFrameworkFilter:
		// zlint's S/MIME pre-filter answers NA before it configures the
		// lint, so on a TLS certificate the filtered floor is the one.
		return noopFiltered
	case configurable:
		// The floor is the noop whose configuration has the same fields:
		// zlint's configuration step costs by field.
		fields := reflect.TypeOf(cfg.Configure()).Elem()
		if _, issuer := fields.FieldByName("Issuer"); issuer {
			return noopIssuer
		}
		if _, cross := fields.FieldByName("CrossCertificate"); !cross {
			return noopDeclared
		}
		return noopConfigurable
	case l.OverrideFrameworkFilter:
		return noopOverride
	}
	return noopFiltered
}

// noops are the no-op lints by name.
var noops = map[string]*lint.CertificateLint{}

func init() {
	for _, n := range []struct {
		name     string
		override bool
		lint     func() lint.CertificateLintInterface
	}{
		{noopFiltered, false, func() lint.CertificateLintInterface { return &noop{} }},
		{noopOverride, true, func() lint.CertificateLintInterface { return &noop{} }},
		{noopConfigurable, true, func() lint.CertificateLintInterface { return &configurableNoop{} }},
		{noopDeclared, true, func() lint.CertificateLintInterface { return &declaredNoop{} }},
		{noopIssuer, true, func() lint.CertificateLintInterface { return &issuerNoop{} }},
	} {
		if lint.GlobalRegistry().CertificateLints().ByName(n.name) != nil {
			panic(n.name + " is a registered lint")
		}
		noops[n.name] = &lint.CertificateLint{
			LintMetadata: lint.LintMetadata{
				Name:                    n.name,
				Description:             "does nothing: the per-certificate floor of zlint's framework",
				Citation:                "none",
				Source:                  lint.CABFSMIMEBaselineRequirements,
				OverrideFrameworkFilter: n.override,
			},
			Lint: n.lint,
		}
	}
}

// coldPoolSize is the number of distinct certificates a cold benchmark goes
// round: more than the processor's caches hold, as in a CT monitor.
const coldPoolSize = 256

// benchConfig is the configuration zlint passes when none is given.
var benchConfig = lint.NewEmptyConfig()

// fixtureDER returns the DER of testdata/<name>.pem.
func fixtureDER(tb testing.TB, name string) []byte {
	tb.Helper()
	block := fixturePEM(tb, name)
	if block.Type != "CERTIFICATE" {
		tb.Fatalf("%s.pem holds no CERTIFICATE block", name)
	}
	return block.Bytes
}

// fixturePEM returns the PEM block of testdata/<name>.pem: a certificate or
// a CRL.
func fixturePEM(tb testing.TB, name string) *pem.Block {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name+".pem"))
	if err != nil {
		tb.Fatal(err)
	}
	block, _ := pem.Decode(raw) // skips the "# " header
	if block == nil {
		tb.Fatalf("%s.pem holds no PEM block", name)
	}
	return block
}

// certificateFixtures returns the names of the certificate fixtures of
// testdata, without the CRLs.
func certificateFixtures(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("testdata/*.pem")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no fixtures: %v", err)
	}
	var names []string
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".pem")
		if fixturePEM(tb, name).Type == "CERTIFICATE" {
			names = append(names, name)
		}
	}
	return names
}

func mustParse(tb testing.TB, der []byte) *x509.Certificate {
	tb.Helper()
	c, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// pool returns n certificates parsed from der: n distinct pointers, none of
// them known to smime's cache.
func pool(tb testing.TB, der []byte, n int) []*x509.Certificate {
	tb.Helper()
	p := make([]*x509.Certificate, n)
	for i := range p {
		p[i] = mustParse(tb, der)
	}
	return p
}

// lintsByName returns the lints of the names: registered ones, or no-ops.
func lintsByName(tb testing.TB, names []string) []*lint.CertificateLint {
	tb.Helper()
	ls := make([]*lint.CertificateLint, len(names))
	for i, n := range names {
		if ls[i] = noops[n]; ls[i] != nil {
			continue
		}
		if ls[i] = lint.GlobalRegistry().CertificateLints().ByName(n); ls[i] == nil {
			tb.Fatalf("lint %s is not registered", n)
		}
	}
	return ls
}

// upstreamSMIME returns the names of upstream's S/MIME lints: the registered
// lints of source CABF_SMIME_BR that are not ours.
func upstreamSMIME() []string {
	var names []string
	for _, l := range lint.GlobalRegistry().CertificateLints().BySource(lint.CABFSMIMEBaselineRequirements) {
		if !lints.NameRule.MatchString(l.Name) {
			names = append(names, l.Name)
		}
	}
	sort.Strings(names)
	return names
}

// Cache modes of the lint benchmarks (see the file comment).
const (
	warm   = "warm"
	cold   = "cold"
	parsed = "parsed"
)

var cacheModes = []string{warm, cold, parsed}

// lastResult keeps the results alive.
var lastResult *lint.LintResult

// benchParse measures zcrypto's parse of der.
func benchParse(der []byte) func(*testing.B) {
	return func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := x509.ParseCertificate(der); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// benchLints measures running ls on der, as zlint runs them, in the cache
// mode. Besides ns/op it reports ns/lint, the cost of one lint on average.
func benchLints(ls []*lint.CertificateLint, der []byte, mode string) func(*testing.B) {
	return func(b *testing.B) {
		run := func(c *x509.Certificate) {
			for _, l := range ls {
				lastResult = l.Execute(c, benchConfig)
			}
		}
		switch mode {
		case warm:
			c := mustParse(b, der)
			run(c)
			b.ReportAllocs()
			for b.Loop() {
				run(c)
			}
		case cold:
			p := pool(b, der, coldPoolSize)
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				run(p[i])
				smime.Forget(p[i])
				if i++; i == len(p) {
					i = 0
				}
			}
		case parsed:
			b.ReportAllocs()
			for b.Loop() {
				c, err := x509.ParseCertificate(der)
				if err != nil {
					b.Fatal(err)
				}
				run(c)
			}
		default:
			b.Fatalf("unknown cache mode %q", mode)
		}
		if len(ls) > 1 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ls)), "ns/lint")
		}
	}
}

// benchCheckApplies measures the lint's CheckApplies alone, called directly
// on certificates smime has not cached: what our code adds to zlint's
// framework on a certificate the lint does not apply to.
func benchCheckApplies(l *lint.CertificateLint, der []byte) func(*testing.B) {
	return func(b *testing.B) {
		impl := l.Lint()
		p := pool(b, der, coldPoolSize)
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			lastApplies = impl.CheckApplies(p[i])
			if i++; i == len(p) {
				i = 0
			}
		}
	}
}

// lastApplies keeps CheckApplies results alive.
var lastApplies bool

// BenchmarkCheckApplies runs the CheckApplies of each lint of ours alone,
// cold, on each certificate.
func BenchmarkCheckApplies(b *testing.B) {
	for _, f := range benchFixtures {
		der := fixtureDER(b, f)
		for _, l := range lintsByName(b, lints.Ours()) {
			b.Run(f+"/"+l.Name, benchCheckApplies(l, der))
		}
	}
}

// BenchmarkParse is zcrypto's parse alone, to subtract from the parsed
// figures.
func BenchmarkParse(b *testing.B) {
	for _, f := range benchFixtures {
		b.Run(f, benchParse(fixtureDER(b, f)))
	}
}

// BenchmarkOurs runs every lint of the library.
func BenchmarkOurs(b *testing.B) {
	ours := lintsByName(b, lints.Ours())
	for _, f := range benchFixtures {
		der := fixtureDER(b, f)
		for _, mode := range cacheModes {
			b.Run(f+"/"+mode, benchLints(ours, der, mode))
		}
	}
}

// BenchmarkUpstreamSMIME runs every upstream lint of source CABF_SMIME_BR.
func BenchmarkUpstreamSMIME(b *testing.B) {
	upstream := lintsByName(b, upstreamSMIME())
	for _, f := range benchFixtures {
		der := fixtureDER(b, f)
		for _, mode := range []string{cold, parsed} { // upstream caches nothing
			b.Run(f+"/"+mode, benchLints(upstream, der, mode))
		}
	}
}

// pairChunk is how many operations one side of a paired benchmark runs
// before the other side takes its turn: long enough for the clock to time
// well, short enough that both sides see the same state of the machine.
const pairChunk = 256

// benchPair measures two sides of a comparison alternately, chunk by chunk,
// so that a change in the load of a shared machine hits both alike, and
// reports each side's ns per operation divided by its per (1, or its number
// of lints) in its unit, and "ratio", second ÷ first: the figure a target is
// stated in. The order alternates too, so that neither side always runs
// first after the other has warmed or cooled the caches.
func benchPair(b *testing.B, unitA string, perA float64, unitB string, perB float64, runA, runB func(i int)) {
	var ta, tb time.Duration
	n := 0
	run := func(f func(int), t *time.Duration) {
		start := time.Now()
		for i := range pairChunk {
			f(n + i)
		}
		*t += time.Since(start)
	}
	for round := 0; b.Loop(); round++ {
		if round%2 == 0 {
			run(runA, &ta)
			run(runB, &tb)
		} else {
			run(runB, &tb)
			run(runA, &ta)
		}
		n += pairChunk
	}
	a := float64(ta.Nanoseconds()) / float64(n) / perA
	c := float64(tb.Nanoseconds()) / float64(n) / perB
	b.ReportMetric(a, unitA)
	b.ReportMetric(c, unitB)
	b.ReportMetric(c/a, "ratio")
}

// BenchmarkTLSPair is the TLS target: each lint of ours against the no-op
// lint registered the same way, alternately, on the TLS certificate, cold.
func BenchmarkTLSPair(b *testing.B) {
	der := fixtureDER(b, "tls_server")
	for _, l := range lintsByName(b, lints.Ours()) {
		floor := noops[floorOf(l)]
		b.Run(l.Name, func(b *testing.B) {
			pa, pb := pool(b, der, coldPoolSize), pool(b, der, coldPoolSize)
			benchPair(b, "floor-ns/op", 1, "lint-ns/op", 1,
				func(i int) { lastResult = floor.Execute(pa[i%coldPoolSize], benchConfig) },
				func(i int) { lastResult = l.Execute(pb[i%coldPoolSize], benchConfig) })
		})
	}
}

// BenchmarkPerLintPair is the S/MIME target: upstream's S/MIME lints and
// ours, alternately, on the same certificate, cold, per lint.
func BenchmarkPerLintPair(b *testing.B) {
	ours, upstream := lintsByName(b, lints.Ours()), lintsByName(b, upstreamSMIME())
	runAll := func(ls []*lint.CertificateLint, c *x509.Certificate) {
		for _, l := range ls {
			lastResult = l.Execute(c, benchConfig)
		}
	}
	for _, f := range benchFixtures[:2] { // the S/MIME ones
		der := fixtureDER(b, f)
		b.Run(f, func(b *testing.B) {
			pu, po := pool(b, der, coldPoolSize), pool(b, der, coldPoolSize)
			benchPair(b, "upstream-ns/lint", float64(len(upstream)), "ours-ns/lint", float64(len(ours)),
				func(i int) { runAll(upstream, pu[i%coldPoolSize]) },
				func(i int) { runAll(ours, po[i%coldPoolSize]); smime.Forget(po[i%coldPoolSize]) })
			b.ReportMetric(float64(len(upstream)), "upstream-lints")
			b.ReportMetric(float64(len(ours)), "our-lints")
		})
	}
}

// BenchmarkNoop is the floor: a lint that does nothing, through Execute.
func BenchmarkNoop(b *testing.B) {
	for _, f := range benchFixtures {
		der := fixtureDER(b, f)
		for _, name := range []string{noopFiltered, noopOverride, noopConfigurable, noopDeclared, noopIssuer} {
			b.Run(f+"/"+name, benchLints(lintsByName(b, []string{name}), der, cold))
		}
	}
}

// BenchmarkLint runs each lint of the library alone. A cold figure includes
// computing Inspect's facts when the lint asks for them, which a full run
// pays once per certificate for all the lints; the warm figure is what the
// lint adds to a full run.
func BenchmarkLint(b *testing.B) {
	for _, f := range benchFixtures {
		der := fixtureDER(b, f)
		for _, name := range lints.Ours() {
			ls := lintsByName(b, []string{name})
			for _, mode := range []string{warm, cold} {
				b.Run(f+"/"+name+"/"+mode, benchLints(ls, der, mode))
			}
		}
	}
}

// BenchmarkInspect is the cost of the facts smime computes once per
// certificate (uncached: a new pointer every iteration) against a cache
// hit, which every further lint of the same certificate pays instead.
func BenchmarkInspect(b *testing.B) {
	for _, f := range benchFixtures {
		der := fixtureDER(b, f)
		b.Run(f+"/uncached", func(b *testing.B) {
			p := pool(b, der, coldPoolSize)
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				smime.Inspect(p[i])
				smime.Forget(p[i])
				if i++; i == len(p) {
					i = 0
				}
			}
		})
		b.Run(f+"/cached", func(b *testing.B) {
			c := mustParse(b, der)
			smime.Inspect(c)
			b.ReportAllocs()
			for b.Loop() {
				smime.Inspect(c)
			}
		})
	}
}

// TestCheckAppliesNoAllocs checks that CheckApplies of every lint of ours
// allocates nothing on a certificate it does not apply to: a CT monitor runs
// every lint on every certificate, and most are not S/MIME ones. Each run
// gets a certificate smime has not seen, so a CheckApplies that computes
// Inspect's facts to say no is caught.
func TestCheckAppliesNoAllocs(t *testing.T) {
	const runs = 20
	for _, f := range benchFixtures {
		der := fixtureDER(t, f)
		for _, l := range lintsByName(t, lints.Ours()) {
			impl := l.Lint()
			c := mustParse(t, der)
			if impl.CheckApplies(c) {
				continue // allowed to allocate: the lint runs
			}
			if lints.IsCompanion(l.Name) && smime.InScope(c) {
				// In S/MIME scope a companion asks the upstream lint's
				// CheckApplies, whose allocations are upstream's; out of
				// scope (the CT monitor's case) it must allocate nothing.
				continue
			}
			fresh := pool(t, der, runs+1) // AllocsPerRun calls once more to warm up
			i := 0
			allocs := testing.AllocsPerRun(runs, func() {
				impl.CheckApplies(fresh[i])
				i++
			})
			if allocs != 0 {
				t.Errorf("%s: CheckApplies allocates %v times on %s, which it does not apply to", l.Name, allocs, f)
			}
		}
	}
}

// TestExecuteAllocsOnTLS is the deterministic side of the TLS target: on
// the TLS certificate, running each lint of ours through Execute allocates
// what the no-op lint registered the same way allocates (the result, and
// for a lint.Configurable lint zlint's configuration step), so our code adds
// no allocation there, only the cheap pre-checks' instructions.
func TestExecuteAllocsOnTLS(t *testing.T) {
	const runs = 20
	der := fixtureDER(t, "tls_server")
	allocs := func(l *lint.CertificateLint) float64 {
		fresh, i := pool(t, der, runs+1), 0
		return testing.AllocsPerRun(runs, func() { lastResult = l.Execute(fresh[i], benchConfig); i++ })
	}
	for _, l := range lintsByName(t, lints.Ours()) {
		floor := noops[floorOf(l)]
		if got, want := allocs(l), allocs(floor); got != want {
			t.Errorf("%s: %v allocations on the TLS certificate; %s, registered the same way, makes %v", l.Name, got, floor.Name, want)
		}
	}
}

// TestInspectOncePerCertificate shows that the extensions are parsed once
// per certificate, not once per lint: running all our lints on a new
// certificate allocates what one Inspect computation allocates plus what
// the lints allocate on a certificate whose facts are cached. On the TLS
// certificate no lint computes them at all.
func TestInspectOncePerCertificate(t *testing.T) {
	const runs = 20
	ours := lintsByName(t, lints.Ours())
	runAll := func(c *x509.Certificate) {
		for _, l := range ours {
			lastResult = l.Execute(c, benchConfig)
		}
	}
	for _, f := range benchFixtures {
		der := fixtureDER(t, f)
		fresh := pool(t, der, runs+1)
		i := 0
		inspect := testing.AllocsPerRun(runs, func() { smime.Inspect(fresh[i]); i++ })
		c := mustParse(t, der)
		runAll(c)
		warmAllocs := testing.AllocsPerRun(runs, func() { runAll(c) })
		fresh, i = pool(t, der, runs+1), 0
		coldAllocs := testing.AllocsPerRun(runs, func() { runAll(fresh[i]); i++ })
		computations := (coldAllocs - warmAllocs) / inspect
		t.Logf("%s: Inspect %v allocs; all our lints: %v allocs warm, %v cold: %.2f computations per certificate",
			f, inspect, warmAllocs, coldAllocs, computations)
		want := 1.0
		if f == "tls_server" {
			want = 0
		}
		if math.Abs(computations-want) > 0.25 {
			t.Errorf("%s: Inspect's facts are computed %.2f times per certificate; want %v", f, computations, want)
		}
		// The cache hands every lint the same facts.
		if first, again := smime.Inspect(c), smime.Inspect(c); first != again {
			t.Errorf("%s: two Inspect calls on one certificate return different facts", f)
		}
	}
}

// TestInspectConcurrent lints every fixture from several goroutines at
// once, each on its own parse, and
// compares with a sequential run. Run it with -race.
func TestInspectConcurrent(t *testing.T) {
	ours := lintsByName(t, lints.Ours())
	results := func(c *x509.Certificate) []lint.LintResult {
		rs := make([]lint.LintResult, len(ours))
		for i, l := range ours {
			rs[i] = *l.Execute(c, benchConfig)
		}
		return rs
	}
	var names []string
	var ders [][]byte
	var want [][]lint.LintResult
	for _, name := range certificateFixtures(t) {
		der := fixtureDER(t, name)
		c, err := x509.ParseCertificate(der)
		if err != nil {
			continue // a fixture zcrypto rejects is not linted
		}
		names = append(names, name+".pem")
		ders = append(ders, der)
		want = append(want, results(c))
	}
	const goroutines, rounds = 8, 3
	var wg sync.WaitGroup
	errs := make(chan string, goroutines*rounds*len(ders))
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for k := range ders {
					k := (k + g*7 + r) % len(ders) // the goroutines interleave differently
					c, err := x509.ParseCertificate(ders[k])
					if err != nil {
						errs <- err.Error()
						return
					}
					if got := results(c); !reflect.DeepEqual(got, want[k]) {
						errs <- fmt.Sprintf("%s: concurrent results differ from sequential ones", names[k])
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestPreChecksAreNecessary checks, on every fixture, that the allocation-free
// pre-checks the lints call before smime.Inspect never say no where Inspect's
// facts say yes, so that they change no lint's applicability.
func TestPreChecksAreNecessary(t *testing.T) {
	files := certificateFixtures(t)
	var mailboxes, pqc, constraints, generations int
	for _, name := range files {
		c, err := x509.ParseCertificate(fixtureDER(t, name))
		if err != nil {
			continue
		}
		ci := smime.Inspect(c)
		if len(ci.Mailboxes) > 0 {
			mailboxes++
			if !smime.MayHaveSmtpUTF8Mailbox(c) {
				t.Errorf("%s: MayHaveSmtpUTF8Mailbox is false, but Inspect finds %d SmtpUTF8Mailbox names", name, len(ci.Mailboxes))
			}
		}
		if e, ok := smime.Lookup(smime.SPKIEncodings, ci.Algorithms.SPKI); ok && strings.HasPrefix(e.Name, "ML-") {
			pqc++
			if !smime.MayHavePQCKey(c) {
				t.Errorf("%s: MayHavePQCKey is false for a %s key", name, e.Name)
			}
		}
		if ci.NameConstraints.Present {
			constraints++
			if !smime.HasNameConstraints(c) {
				t.Errorf("%s: HasNameConstraints is false, but Inspect decodes nameConstraints", name)
			}
		}
		if g := ci.Class.Generation(); smime.PolicyGeneration(c) != g {
			t.Errorf("%s: PolicyGeneration = %v, Inspect says %v", name, smime.PolicyGeneration(c), g)
		} else if g != smime.GenerationUnknown {
			generations++
		}
	}
	t.Logf("%d fixtures: %d with SmtpUTF8Mailbox names, %d with ML-DSA or ML-KEM keys, %d with nameConstraints, %d with a generation",
		len(files), mailboxes, pqc, constraints, generations)
	if mailboxes == 0 || pqc == 0 || constraints == 0 || generations == 0 {
		t.Error("the fixtures no longer exercise every pre-check")
	}
}

// BenchmarkManyNamesPair: a subscriber certificate with 300 rfc822Names and
// one with 3,000, alternately, through the Linter (parse included). Its
// ratio is the cost of a name in the larger against a name in the smaller:
// about 1 while every lint stays linear in the number of names. The
// service's hostile test sends 30,000 names and checks only that they are
// answered; how fast belongs here.
func BenchmarkManyNamesPair(b *testing.B) {
	l, err := zlintsmime.NewLinter(zlintsmime.Options{})
	if err != nil {
		b.Fatal(err)
	}
	small, err := fixtures.ManyNames(300)
	if err != nil {
		b.Fatal(err)
	}
	large, err := fixtures.ManyNames(3000)
	if err != nil {
		b.Fatal(err)
	}
	lintDER := func(der []byte) {
		if _, err := l.LintDER(der); err != nil {
			b.Fatal(err)
		}
	}
	benchPair(b, "small-ns/name", 300, "large-ns/name", 3000,
		func(int) { lintDER(small) }, func(int) { lintDER(large) })
}
