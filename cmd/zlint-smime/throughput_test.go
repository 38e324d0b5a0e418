package main

// CLI throughput at CT-monitor scale (issue 8): the whole pipeline of the
// command, base64 lines in, JSON lines out, through lintAll. The figures and
// the commands are in the README (Performance).
//
//	go test -run '^$' -bench Throughput -benchmem ./cmd/zlint-smime

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/input"
	"github.com/smimelint/zlint-smime/internal/records"
)

// throughputFixtures are the certificates the stream repeats: an S/MIME
// subscriber, an S/MIME subordinate CA and a TLS certificate.
var throughputFixtures = []string{"baseline_strict_mailbox", "ca_smime_rsa4096", "tls_server"}

// fixtureLines returns the fixtures as base64 DER lines, as CT tooling
// writes them.
func fixtureLines(tb testing.TB) [][]byte {
	tb.Helper()
	var lines [][]byte
	for _, name := range throughputFixtures {
		raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", name+".pem"))
		if err != nil {
			tb.Fatal(err)
		}
		block, _ := pem.Decode(raw)
		if block == nil {
			tb.Fatalf("%s.pem holds no PEM block", name)
		}
		lines = append(lines, []byte(base64.StdEncoding.EncodeToString(block.Bytes)+"\n"))
	}
	return lines
}

// lineStream is an endless-or-counted stream of base64 lines that repeats
// lines; it is generated as it is read, so it holds no more than one line.
type lineStream struct {
	lines [][]byte
	left  int // lines still to produce
	next  int
	cur   []byte
}

func newLineStream(lines [][]byte, n int) *lineStream { return &lineStream{lines: lines, left: n} }

func (s *lineStream) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.cur) == 0 {
			if s.left == 0 {
				break
			}
			s.cur = s.lines[s.next%len(s.lines)]
			s.next++
			s.left--
		}
		c := copy(p[n:], s.cur)
		s.cur = s.cur[c:]
		n += c
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// countingSink counts the records and checks they are not errors.
type countingSink struct {
	sink
	records, errors int
}

func (c *countingSink) write(r *record) error {
	c.records++
	if r.Err != "" {
		c.errors++
	}
	return c.sink.write(r)
}

// commandGC sets the collector as main does, unless GOGC is set, so that
// the benchmarks measure the command; it returns the function that restores
// the previous setting.
func commandGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(defaultGCPercent)
	return func() { debug.SetGCPercent(old) }
}

// throughputStreamLen is the number of certificates one benchmark operation
// lints.
const throughputStreamLen = 600

// lintStream lints a stream of throughputStreamLen base64 lines through the
// command's pipeline, JSON lines to io.Discard, and checks every line got
// its record.
func lintStream(b *testing.B, reg lint.Registry, lines [][]byte, workers int) {
	out := &countingSink{sink: newJSONWriter(io.Discard)}
	items := readInputs(nil, newLineStream(lines, throughputStreamLen), input.FormatBase64)
	if err := lintAll(records.NewLinters(reg, "", nil), workers, items, out); err != nil {
		b.Fatal(err)
	}
	if out.records != throughputStreamLen || out.errors != 0 {
		b.Fatalf("%d records, %d errors; want %d, 0", out.records, out.errors, throughputStreamLen)
	}
}

// BenchmarkThroughput lints a stream of base64 lines with the recommended
// registry, as the command does by default, with 1 and 2 workers, writing
// JSON lines to io.Discard. certs/s is the figure to compare.
func BenchmarkThroughput(b *testing.B) {
	defer commandGC()()
	reg, err := registry(&options{})
	if err != nil {
		b.Fatal(err)
	}
	lines := fixtureLines(b)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			certs := 0
			b.ReportAllocs()
			for b.Loop() {
				lintStream(b, reg, lines, workers)
				certs += throughputStreamLen
			}
			b.ReportMetric(float64(certs)/b.Elapsed().Seconds(), "certs/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(certs), "ns/cert")
		})
	}
}

// BenchmarkWorkersPair is the scaling target: the whole pipeline with one
// worker and with two, alternately, one stream each turn, so that a change
// in the load of a shared machine hits both alike. "ratio" is two workers'
// certificates per second ÷ one worker's.
func BenchmarkWorkersPair(b *testing.B) {
	defer commandGC()()
	reg, err := registry(&options{})
	if err != nil {
		b.Fatal(err)
	}
	lines := fixtureLines(b)
	run := func(workers int, t *time.Duration) {
		start := time.Now()
		lintStream(b, reg, lines, workers)
		*t += time.Since(start)
	}
	var one, two time.Duration
	certs := 0
	for round := 0; b.Loop(); round++ {
		if round%2 == 0 {
			run(1, &one)
			run(2, &two)
		} else {
			run(2, &two)
			run(1, &one)
		}
		certs += throughputStreamLen
	}
	rate1, rate2 := float64(certs)/one.Seconds(), float64(certs)/two.Seconds()
	b.ReportMetric(rate1, "1-worker-certs/s")
	b.ReportMetric(rate2, "2-workers-certs/s")
	b.ReportMetric(rate2/rate1, "ratio")
}

// BenchmarkScaling runs one stage of a worker's work at a time, in 1 and
// in 2 goroutines that share nothing but the process, to find which stage
// keeps two workers from being twice as fast as one:
//
//   - sha256: hashing the DER 64 times, CPU work that does not allocate:
//     what the machine gives a second goroutine;
//   - parse: zcrypto's parse, about 420 allocations per certificate;
//   - lint: records.Linters.Lint, what a worker does for one item (hash, parse, every
//     lint of the recommended registry, escaping).
//
// certs/s is the figure to compare between goroutines=1 and goroutines=2.
func BenchmarkScaling(b *testing.B) {
	defer commandGC()()
	reg, err := registry(&options{})
	if err != nil {
		b.Fatal(err)
	}
	var ders [][]byte
	for _, line := range fixtureLines(b) {
		der, err := base64.StdEncoding.DecodeString(string(line))
		if err != nil {
			b.Fatal(err)
		}
		ders = append(ders, der)
	}
	ls := records.NewLinters(reg, "", nil)
	stages := []struct {
		name string
		do   func(der []byte)
	}{
		{"sha256", func(der []byte) {
			for range 64 {
				sha256.Sum256(der)
			}
		}},
		{"parse", func(der []byte) {
			if _, err := zlintsmime.ParseCertificate(der); err != nil {
				panic(err)
			}
		}},
		{"lint", func(der []byte) {
			if rec := ls.Lint(item{Input: "-", DER: der}); rec.Err != "" {
				panic(rec.Err)
			}
		}},
	}
	for _, st := range stages {
		for _, goroutines := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/goroutines=%d", st.name, goroutines), func(b *testing.B) {
				certs := 0
				b.ReportAllocs()
				for b.Loop() {
					var wg sync.WaitGroup
					for g := range goroutines {
						wg.Add(1)
						go func() {
							defer wg.Done()
							for i := g; i < throughputStreamLen; i += goroutines {
								st.do(ders[i%len(ders)])
							}
						}()
					}
					wg.Wait()
					certs += throughputStreamLen
				}
				b.ReportMetric(float64(certs)/b.Elapsed().Seconds(), "certs/s")
			})
		}
	}
}

// heapSink samples the live heap, after a collection, every sampleEvery
// records.
type heapSink struct {
	sink
	records     int
	sampleEvery int
	samples     []uint64
}

func (h *heapSink) write(r *record) error {
	h.records++
	if h.records%h.sampleEvery == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.samples = append(h.samples, m.HeapAlloc)
	}
	return h.sink.write(r)
}

// TestLongStreamMemoryBounded checks that the live heap does not grow with
// the length of the stream: neither the reader, nor the reorder window, nor
// smime's per-certificate cache keeps what it has finished with.
// TestBoundedReadAhead checks the read-ahead on a stalled output; this test
// runs a stream many times longer than every bound, with 2 workers.
func TestLongStreamMemoryBounded(t *testing.T) {
	reg, err := registry(&options{})
	if err != nil {
		t.Fatal(err)
	}
	n, every := 6000, 1000
	if testing.Short() {
		n, every = 2000, 400
	}
	out := &heapSink{sink: newJSONWriter(io.Discard), sampleEvery: every}
	if err := lintAll(records.NewLinters(reg, "", nil), 2, readInputs(nil, newLineStream(fixtureLines(t), n), input.FormatBase64), out); err != nil {
		t.Fatal(err)
	}
	if out.records != n {
		t.Fatalf("%d records, want %d", out.records, n)
	}
	// The first sample is taken after every bound has filled up (the cache
	// holds 64 certificates, the window 8 per worker); from then on the
	// heap must stay flat. A leak of one certificate per record would add
	// megabytes per sample.
	const slack = 1 << 20
	first := out.samples[0]
	t.Logf("live heap every %d certificates (KiB): %v", every, kib(out.samples))
	for i, s := range out.samples[1:] {
		if s > first+slack {
			t.Errorf("live heap after %d certificates is %d KiB, %d KiB more than after %d: it grows with the stream",
				(i+2)*every, s>>10, (s-first)>>10, every)
		}
	}
}

func kib(v []uint64) []uint64 {
	out := make([]uint64, len(v))
	for i, x := range v {
		out[i] = x >> 10
	}
	return out
}
