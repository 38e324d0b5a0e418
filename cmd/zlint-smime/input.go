package main

// The command's inputs: files named on the command line, or stdin, each read
// by internal/input (the reader the Beam pipeline shares) in turn.

import (
	"io"
	"iter"
	"os"

	"github.com/smimelint/zlint-smime/internal/input"
)

// item is one certificate, TBSCertificate, CRL or CT entry read from an
// input, or the reason it could not be read.
type item = input.Item

// maxItem bounds what is held in memory for one item (input.MaxItem).
const maxItem = input.MaxItem

// readInputs returns the items of the named inputs, input after input, each
// in file order; no names, like "-", means stdin. Inputs are opened one at a
// time and read in a streaming way: at most about maxItem bytes of an input
// are held at once, whatever its size.
func readInputs(names []string, stdin io.Reader, f input.Format) iter.Seq[item] {
	if len(names) == 0 {
		names = []string{"-"}
	}
	return func(yield func(item) bool) {
		for _, name := range names {
			if !readInput(name, stdin, f, yield) {
				return
			}
		}
	}
}

// readInput yields the items of one input and reports whether to go on.
func readInput(name string, stdin io.Reader, f input.Format, yield func(item) bool) bool {
	r := stdin
	if name != "-" {
		fh, err := os.Open(name)
		if err != nil {
			return yield(item{Input: name, Err: input.IOError("open", err)})
		}
		defer fh.Close() //nolint:errcheck // read-only
		r = fh
	}
	return input.Read(name, r, f, yield)
}
