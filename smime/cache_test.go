package smime_test

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"weak"

	"github.com/zmap/zcrypto/x509"

	"github.com/smimelint/zlint-smime/smime"
)

// The tests below count the computations of Inspect's facts. None of them
// is timed: each checks a count, so a slow or loaded machine cannot fail
// them. Run them with -race too: they are where goroutines share the cache.

// cacheFixtures are certificates of the root testdata: S/MIME subscribers,
// an S/MIME CA and a TLS certificate.
var cacheFixtures = []string{
	"baseline_strict_mailbox",
	"ca_smime_rsa4096",
	"tls_server",
}

func fixtureDERs(tb testing.TB) [][]byte {
	tb.Helper()
	var ders [][]byte
	for _, name := range cacheFixtures {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", name+".pem"))
		if err != nil {
			tb.Fatal(err)
		}
		block, _ := pem.Decode(raw)
		if block == nil || block.Type != "CERTIFICATE" {
			tb.Fatalf("%s.pem holds no certificate", name)
		}
		ders = append(ders, block.Bytes)
	}
	return ders
}

// parseN parses n certificates, round the fixtures: n distinct pointers.
func parseN(tb testing.TB, ders [][]byte, n int) []*x509.Certificate {
	tb.Helper()
	cs := make([]*x509.Certificate, n)
	for i := range cs {
		c, err := x509.ParseCertificate(ders[i%len(ders)])
		if err != nil {
			tb.Fatal(err)
		}
		cs[i] = c
	}
	return cs
}

// lintAll asks Inspect about c as the lints do: many times, from whatever
// goroutine runs the lint, reading the facts it returns. It does not run the
// registry itself. The root package's tests run every lint on the cache
// (TestInspectOncePerCertificate counts computations through the lints,
// TestInspectConcurrent runs them from many goroutines under -race). Keeping
// the lints out of this package's test binary keeps it small, and the parser
// fuzz targets of this package run in it: the fuzzing engine resets and
// scans every coverage counter of the binary at each execution, and the
// lints' counters cost those targets about a sixth of their executions.
func lintAll(c *x509.Certificate) {
	for range lintsPerCertificate {
		ci := smime.Inspect(c)
		_ = len(ci.RFC822Names)
	}
}

// lintsPerCertificate is of the order of the lints that ask Inspect about
// an S/MIME certificate (the registry has more than a hundred lints).
const lintsPerCertificate = 100

// checkOnce checks that the facts of every certificate of cs were computed
// exactly once since before: each was computed at least once (lintAll asks
// Inspect), so a count of len(cs) means no certificate twice. It then asks
// again about every certificate and checks that nothing was computed again.
func checkOnce(t *testing.T, before int64, cs []*x509.Certificate) {
	t.Helper()
	if got := smime.Inspections() - before; got != int64(len(cs)) {
		t.Fatalf("facts computed %d times for %d certificates", got, len(cs))
	}
	first := make([]*smime.Cert, len(cs))
	for i, c := range cs {
		first[i] = smime.Inspect(c)
	}
	for i, c := range cs {
		if smime.Inspect(c) != first[i] {
			t.Fatalf("certificate %d: two Inspect calls return different facts", i)
		}
	}
	if got := smime.Inspections() - before; got != int64(len(cs)) {
		t.Fatalf("facts computed %d times for %d certificates after asking again", got, len(cs))
	}
}

// TestInspectConcurrentDistinct: 256 goroutines, started at once, each lint
// their own certificates; each certificate's facts are computed exactly
// once.
func TestInspectConcurrentDistinct(t *testing.T) {
	const goroutines, perGoroutine = 256, 4
	cs := parseN(t, fixtureDERs(t), goroutines*perGoroutine)
	before := smime.Inspections()
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			<-start
			for _, c := range cs[g*perGoroutine : (g+1)*perGoroutine] {
				lintAll(c)
			}
		})
	}
	close(start)
	wg.Wait()
	checkOnce(t, before, cs)
}

// TestInspectConcurrentSame: 256 goroutines ask about the same certificates
// at the same moment; the facts are computed once per certificate, and all
// get the same facts.
func TestInspectConcurrentSame(t *testing.T) {
	const goroutines = 256
	cs := parseN(t, fixtureDERs(t), 3)
	before := smime.Inspections()
	got := make([][]*smime.Cert, goroutines)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			<-start
			for k := range cs {
				k := (k + g) % len(cs)
				lintAll(cs[k])
			}
			for _, c := range cs {
				got[g] = append(got[g], smime.Inspect(c))
			}
		})
	}
	close(start)
	wg.Wait()
	for g := range got {
		for k := range cs {
			if got[g][k] != got[0][k] {
				t.Fatalf("goroutines %d and 0 got different facts for certificate %d", g, k)
			}
		}
	}
	checkOnce(t, before, cs)
}

// TestInspectManyInFlight: 10,000 certificates alive at once, linted in
// turn by a few workers; no bound on the cache makes any of them computed
// twice, however many others were linted in between.
func TestInspectManyInFlight(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	cs := parseN(t, fixtureDERs(t), n)
	before := smime.Inspections()
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(cs); i += workers {
				lintAll(cs[i])
			}
		})
	}
	wg.Wait()
	checkOnce(t, before, cs)
	runtime.KeepAlive(cs)
}

// TestInspectForgetsCollected checks that the facts do not outlive their
// certificate: once the certificates are unreachable and collected, the
// cache no longer holds them. Cleanups run on their own goroutine after a
// collection, so the test collects until they have, a bounded number of
// times.
func TestInspectForgetsCollected(t *testing.T) {
	const n = 500
	var keys []weak.Pointer[x509.Certificate]
	func() {
		for _, c := range parseN(t, fixtureDERs(t), n) {
			smime.Inspect(c)
			keys = append(keys, weak.Make(c))
		}
	}()
	cached := func() int {
		k := 0
		for _, w := range keys {
			if smime.CachedWeak(w) {
				k++
			}
		}
		return k
	}
	for range 100 {
		runtime.GC()
		runtime.Gosched()
		if cached() == 0 {
			return
		}
	}
	t.Fatalf("%d of %d certificates still cached after they were dropped: a Cert keeps its certificate alive", cached(), n)
}

// TestForget checks the contract for a certificate changed after linting:
// Inspect keeps the facts of the first inspection until Forget.
func TestForget(t *testing.T) {
	c := parseN(t, fixtureDERs(t), 1)[0]
	first := smime.Inspect(c)
	if len(first.RFC822Names) == 0 {
		t.Fatal("the fixture has no rfc822Name")
	}
	for i := range c.Extensions {
		if c.Extensions[i].Id.Equal(smime.OIDSubjectAltName) {
			c.Extensions[i].Value = nil // the caller changes the certificate
		}
	}
	if smime.Inspect(c) != first {
		t.Fatal("Inspect recomputed the facts of a changed certificate without Forget")
	}
	smime.Forget(c)
	again := smime.Inspect(c)
	if again == first || len(again.RFC822Names) != 0 {
		t.Fatalf("after Forget, Inspect gives the facts of the certificate as it was: %d rfc822Names", len(again.RFC822Names))
	}
}
