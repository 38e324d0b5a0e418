package main

import (
	"bytes"
	"testing"

	"github.com/smimelint/zlint-smime/internal/input"
)

// TestReadInputStops checks that a consumer that stops early stops the read.
func TestReadInputStops(t *testing.T) {
	data := join(b64Line(goodDER()), b64Line(goodDER()), b64Line(goodDER()))
	n := 0
	for range readInputs([]string{"-", "-"}, bytes.NewReader(data), input.FormatAuto) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Fatalf("read %d items", n)
	}
}
