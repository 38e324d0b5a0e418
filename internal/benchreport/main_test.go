package main

import (
	"strings"
	"testing"

	_ "github.com/smimelint/zlint-smime/internal/golden" // accepts -update, as every test package does
)

// sample is benchmark output as go test prints it, repeated runs included.
const sample = `goos: linux
cpu: Test CPU
BenchmarkTLSPair/e_smimelint_a-2   	1000	 50000 ns/op	 100.0 floor-ns/op	 104.0 lint-ns/op	 1.04 ratio
BenchmarkTLSPair/e_smimelint_a-2   	1000	 50000 ns/op	 100.0 floor-ns/op	 110.0 lint-ns/op	 1.10 ratio
BenchmarkTLSPair/e_smimelint_a-2   	1000	 50000 ns/op	 100.0 floor-ns/op	 300.0 lint-ns/op	 3.00 ratio
BenchmarkTLSPair/w_smimelint_b-2   	1000	 50000 ns/op	 100.0 floor-ns/op	 200.0 lint-ns/op	 2.00 ratio
BenchmarkPerLintPair/baseline_strict_mailbox-2 	100	 1 ns/op	 65 our-lints	 30.0 ours-ns/lint	 0.30 ratio	 37 upstream-lints	 100.0 upstream-ns/lint
BenchmarkWorkersPair-2 	10	 1 ns/op	 1000 1-worker-certs/s	 1800 2-workers-certs/s	 1.80 ratio
BenchmarkWorkersPair-2 	10	 1 ns/op	 1000 1-worker-certs/s	 1600 2-workers-certs/s	 1.60 ratio
BenchmarkScaling/sha256/goroutines=1-2 	10	 1 ns/op	 100 certs/s
BenchmarkScaling/sha256/goroutines=2-2 	10	 1 ns/op	 200 certs/s
`

func TestReport(t *testing.T) {
	var out strings.Builder
	if err := report(strings.NewReader(sample), &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Test CPU, 2 cores",
		"| 2 | 1 | 1.55 | 2.00 | `w_smimelint_b` |",        // median ratios 1.10 and 2.00
		"| `e_smimelint_a` | 100.0 | 110.0 | 1.10 | met |", // the median of three runs, not the best
		"| `w_smimelint_b` | 100.0 | 200.0 | 2.00 | **missed** |",
		"| baseline_strict_mailbox | 65 | 30 | 37 | 100 | 0.30 | met |",
		"| 2 | 1000 | 1700 | 1.70 | met |", // the median of two runs
		"| stage `sha256` alone, in 1 and 2 goroutines | 1 | 100 | 200 | 2.00 | — |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestReportErrors(t *testing.T) {
	for _, in := range []string{"", "not benchmark output\n"} {
		if err := report(strings.NewReader(in), &strings.Builder{}); err == nil {
			t.Errorf("report(%q) succeeded; want an error", in)
		}
	}
}
