package main

import (
	"strings"
	"testing"

	_ "github.com/smimelint/zlint-smime/internal/golden" // accepts -update, as every test package does
)

// sample is benchmark output as go test prints it, repeated runs included.
const sample = `goos: linux
cpu: Test CPU
BenchmarkLint/tls_server/e_smimelint_a/cold-2   	1000	 110.0 ns/op	 8 B/op	 1 allocs/op
BenchmarkLint/tls_server/e_smimelint_a/floor-2  	1000	 100.0 ns/op	 8 B/op	 1 allocs/op
BenchmarkLint/tls_server/e_smimelint_a/cold-2   	1000	 104.0 ns/op	 8 B/op	 1 allocs/op
BenchmarkLint/tls_server/w_smimelint_b/cold-2   	1000	 200.0 ns/op	 8 B/op	 1 allocs/op
BenchmarkLint/tls_server/w_smimelint_b/floor-2  	1000	 100.0 ns/op	 8 B/op	 1 allocs/op
BenchmarkOurs/baseline_strict_mailbox/cold-2    	1000	 9000 ns/op	 30.0 ns/lint
BenchmarkUpstreamSMIME/baseline_strict_mailbox/cold-2 	1000	 9000 ns/op	 100.0 ns/lint
BenchmarkThroughput/workers=1-2 	10	 1 ns/op	 1000 certs/s
BenchmarkThroughput/workers=2-2 	10	 1 ns/op	 1600 certs/s
BenchmarkThroughput/workers=2-2 	10	 1 ns/op	 1800 certs/s
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
		"| 2 | 1 | 1.52 | 2.00 | `w_smimelint_b` |",        // the median of 1.04 and 2.00
		"| `e_smimelint_a` | 100.0 | 104.0 | 1.04 | met |", // the lower ns/op of two runs
		"| `w_smimelint_b` | 100.0 | 200.0 | 2.00 | **missed** |",
		"| baseline_strict_mailbox | 30 | 100 | 0.30 | met |",
		"| 1000 | 1800 | 1.80 | met |", // the higher certs/s of two runs
		"| stage `sha256` alone | 100 | 200 | 2.00 | — |",
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
