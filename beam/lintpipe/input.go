package lintpipe

// The pipeline reads its inputs with internal/input, the command's reader:
// the same format detection, item numbering and error messages, so that it
// writes the command's records for the same input. What is the pipeline's
// own: the input is an io.Reader opened by Beam's file system (local,
// gs://, ...), and every file is detected on its own (there is no -format).

import (
	"errors"
	"io"

	"github.com/smimelint/zlint-smime/internal/ctentry"
	"github.com/smimelint/zlint-smime/internal/input"
)

// Item is one certificate or CRL read from an input, or the reason it could
// not be read. Items of an input are numbered from 0 in the order they
// appear. It is the element type between reading and linting, so its
// fields are exported for Beam's coder.
type Item struct {
	Input string // the file's name as the glob matched it
	Index int    // position of the item within its input
	Where string // "block 2", "line 7", "entry 3" or "" (a DER input): where the item is, for messages
	DER   []byte
	CRL   bool   // a PEM block of type X509 CRL: parse DER as a CRL whatever its shape
	Err   string // non-empty: the item could not be read; DER is nil

	// CT is set for an entry of get-entries JSON: its leaf_input,
	// extra_data and log index (-1 when unknown), decoded when linted.
	CT              bool
	CTLeaf, CTExtra []byte
	CTLogIndex      int64
}

// ReadInput emits the items of one input, read from r, in file order. An
// input with no item gives one error item, as in the command.
func ReadInput(name string, r io.Reader, emit func(Item)) {
	input.Read(name, r, input.FormatAuto, func(it input.Item) bool {
		emit(itemOf(it))
		return true
	})
}

// itemOf is the reader's item in the form Beam's coder takes: the error as
// its message, and a CT entry's fields flattened.
func itemOf(it input.Item) Item {
	out := Item{Input: it.Input, Index: it.Index, Where: it.Where, DER: it.DER, CRL: it.CRL}
	if it.Err != nil {
		out.Err = it.Err.Error()
	}
	if it.CT != nil {
		out.CT, out.CTLeaf, out.CTExtra, out.CTLogIndex = true, it.CT.LeafInput, it.CT.ExtraData, it.CT.LogIndex
	}
	return out
}

// toInput is the item as the reader gave it, for records.Linters.Lint.
func (it Item) toInput() input.Item {
	out := input.Item{Input: it.Input, Index: it.Index, Where: it.Where, DER: it.DER, CRL: it.CRL}
	if it.Err != "" {
		out.Err = errors.New(it.Err)
	}
	if it.CT {
		out.CT = &ctentry.Raw{LeafInput: it.CTLeaf, ExtraData: it.CTExtra, LogIndex: it.CTLogIndex}
	}
	return out
}
