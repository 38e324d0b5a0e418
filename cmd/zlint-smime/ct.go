package main

// Certificate Transparency log entries as input (-format ct, and the items
// of a -ct-log scan, ct_scan.go). They are decoded with
// certificate-transparency-go, linted with the entry's issuer and screened
// before parsing by records.Linters, which the Beam pipeline shares.

import (
	"io"
	"iter"
)

// inputs returns the items to lint: those of the input files or stdin, or,
// for -ct-log, those fetched from the log, with a sink that records the
// scan's state. stop releases what it started.
func inputs(opts *options, stdin io.Reader, out sink, stderr io.Writer) (iter.Seq[item], sink, func(), error) {
	if opts.ct.log == "" {
		return readInputs(opts.inputs, stdin, opts.format), out, func() {}, nil
	}
	return startScan(&opts.ct, out, stderr)
}
