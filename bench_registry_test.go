package zlintsmime_test

// Throughput of the recommended registry as a whole, per S/MIME certificate
// (issue 15), beside upstream zlint's S/MIME lints as its CLI runs them
// with -includeSources CABF_SMIME_BR. Every operation parses the
// certificate afresh, so the facts smime.Inspect keeps are computed in
// every operation, as for a certificate seen once. The README (Performance)
// has the figures and the commands:
//
//	go test -run '^$' -bench 'SMIMEPair|SMIMECert' -count 5 .
//	go test -run '^$' -bench 'RegistryParallel' -cpu 1,2 -count 5 .
//	go test -run '^$' -bench 'RegistryScalingPair' -count 5 .

import (
	"sync"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// smimeFixtures are the S/MIME certificates of benchFixtures.
var smimeFixtures = benchFixtures[:2]

// upstreamRegistry is what upstream's CLI runs with -includeSources
// CABF_SMIME_BR. The global registry of this binary also holds our lints,
// which are of that source too, so it is filtered by name.
func upstreamRegistry(tb testing.TB) lint.Registry {
	tb.Helper()
	r, err := lint.GlobalRegistry().Filter(lint.FilterOptions{IncludeNames: upstreamSMIME()})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// parseAndLint parses der and runs every certificate lint of ls on it, as
// zlint's LintCertificateEx does, without building its result map (which
// both sides would pay alike).
func parseAndLint(tb testing.TB, ls []*lint.CertificateLint, der []byte) {
	c, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	for _, l := range ls {
		lastResult = l.Execute(c, benchConfig)
	}
}

// BenchmarkSMIMECert is the per-certificate cost of parse plus the whole
// recommended registry on each S/MIME certificate; allocs/op is the
// allocation count per certificate, parse included.
func BenchmarkSMIMECert(b *testing.B) {
	ls := zlintsmime.Registry().CertificateLints().Lints()
	for _, f := range smimeFixtures {
		der := fixtureDER(b, f)
		b.Run(f, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				parseAndLint(b, ls, der)
			}
			b.ReportMetric(float64(len(ls)), "lints")
		})
	}
}

// BenchmarkSMIMEPair is the S/MIME speed target, per certificate and per
// lint: parse plus upstream's S/MIME lints (upstream's CLI with
// -includeSources CABF_SMIME_BR) against parse plus the recommended
// registry, alternately on the same certificate, pairChunk certificates a
// turn. Each certificate's parse and lints are timed apart, so the per-lint
// figures leave the parse out. "ratio" is ours ÷ upstream per certificate
// (target ≤ 0.5: twice as fast); "lint-ratio" per lint (target ≤ 0.5).
func BenchmarkSMIMEPair(b *testing.B) {
	up := upstreamRegistry(b).CertificateLints().Lints()
	ours := zlintsmime.Registry().CertificateLints().Lints()
	for _, f := range smimeFixtures {
		der := fixtureDER(b, f)
		b.Run(f, func(b *testing.B) {
			type side struct {
				ls           []*lint.CertificateLint
				parse, lints time.Duration
			}
			u, o := &side{ls: up}, &side{ls: ours}
			run := func(s *side) {
				for range pairChunk {
					t0 := time.Now()
					c, err := x509.ParseCertificate(der)
					if err != nil {
						b.Fatal(err)
					}
					t1 := time.Now()
					for _, l := range s.ls {
						lastResult = l.Execute(c, benchConfig)
					}
					s.parse += t1.Sub(t0)
					s.lints += time.Since(t1)
				}
			}
			n := 0
			for round := 0; b.Loop(); round++ {
				if round%2 == 0 {
					run(u)
					run(o)
				} else {
					run(o)
					run(u)
				}
				n += pairChunk
			}
			perCert := func(s *side) float64 { return float64((s.parse + s.lints).Nanoseconds()) / float64(n) }
			perLint := func(s *side) float64 {
				return float64(s.lints.Nanoseconds()) / float64(n) / float64(len(s.ls))
			}
			b.ReportMetric(float64((u.parse+o.parse).Nanoseconds())/float64(2*n), "parse-ns/cert")
			b.ReportMetric(perCert(u), "upstream-ns/cert")
			b.ReportMetric(perCert(o), "ours-ns/cert")
			b.ReportMetric(perCert(o)/perCert(u), "ratio")
			b.ReportMetric(perLint(u), "upstream-ns/lint")
			b.ReportMetric(perLint(o), "ours-ns/lint")
			b.ReportMetric(perLint(o)/perLint(u), "lint-ratio")
			b.ReportMetric(float64(len(up)), "upstream-lints")
			b.ReportMetric(float64(len(ours)), "our-lints")
		})
	}
}

// BenchmarkRegistryParallel runs parse plus the recommended registry from
// GOMAXPROCS goroutines at once (b.RunParallel), round the S/MIME
// certificates; compare its ns/op at -cpu 1 and -cpu 2. Each goroutine
// lints its own certificates, as a server with a goroutine per request
// does; they share smime's facts cache and zlint's registry.
func BenchmarkRegistryParallel(b *testing.B) {
	ls := zlintsmime.Registry().CertificateLints().Lints()
	var ders [][]byte
	for _, f := range smimeFixtures {
		ders = append(ders, fixtureDER(b, f))
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			parseAndLint(b, ls, ders[i%len(ders)])
			i++
		}
	})
}

// BenchmarkRegistryScalingPair is the scaling target as a paired ratio:
// parse plus the recommended registry in one goroutine, then in two at
// once, alternately, pairChunk certificates per goroutine per turn.
// "ratio" is the certificates per second of two goroutines ÷ one (target
// ≥ 1.8 on two cores). The -cpu 1,2 figures of BenchmarkRegistryParallel
// say the same, unpaired.
func BenchmarkRegistryScalingPair(b *testing.B) {
	ls := zlintsmime.Registry().CertificateLints().Lints()
	var ders [][]byte
	for _, f := range smimeFixtures {
		ders = append(ders, fixtureDER(b, f))
	}
	work := func() {
		for i := range pairChunk {
			parseAndLint(b, ls, ders[i%len(ders)])
		}
	}
	var t1, t2 time.Duration
	one := func() {
		start := time.Now()
		work()
		t1 += time.Since(start)
	}
	two := func() {
		start := time.Now()
		var wg sync.WaitGroup
		wg.Go(work)
		wg.Go(work)
		wg.Wait()
		t2 += time.Since(start)
	}
	for round := 0; b.Loop(); round++ {
		if round%2 == 0 {
			one()
			two()
		} else {
			two()
			one()
		}
	}
	// Two goroutines lint twice the certificates in t2.
	b.ReportMetric(2*t1.Seconds()/t2.Seconds(), "ratio")
}
