package lintpipe

// The reading rules here are the CLI's (cmd/zlint-smime/input.go), copied
// because the CLI's reader is in package main: the same format detection,
// the same item numbering and the same error messages, so that the pipeline
// writes the CLI's records for the same input. What differs: the input is
// an io.Reader opened by Beam's file system (local, gs://, ...), there is
// no -format flag (every file is detected on its own), and a file that
// starts with "{" is a CT log's get-entries response, which the CLI does
// not read yet. When the reader moves into an importable package
// (internal/...), everything below the detect function goes there and this
// file keeps only readFile.

import (
	"github.com/smimelint/zlint-smime/smime"

	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
)

// maxItem bounds what is held in memory for one item: a line, a PEM block or
// a DER input. A real certificate is a few kilobytes; the bound is there so
// that a hostile input costs an error record, not the worker.
const maxItem = 16 << 20

// peekSize is how much of an input format detection looks at.
const peekSize = 64 << 10

// Format is how an input encodes its certificates.
type Format int

// Formats. FormatAuto detects the format of each input from its first bytes.
const (
	FormatAuto Format = iota
	FormatPEM
	FormatDER
	FormatBase64
	FormatCTJSON // a CT log's get-entries response (RFC 6962 §4.6)
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

// errNoCertificate is the error of an input holding no item at all.
var errNoCertificate = errors.New("no certificate found")

// errLineTooLong is returned for a line longer than maxItem.
var errLineTooLong = fmt.Errorf("line too long (more than %d MiB)", maxItem>>20)

// ReadInput emits the items of one input, read from r, in file order. An
// input with no item gives one error item, as in the CLI.
func ReadInput(name string, r io.Reader, emit func(Item)) {
	s := &itemStream{input: name, yield: func(it Item) bool { emit(it); return true }}
	s.read(bufio.NewReaderSize(r, peekSize), FormatAuto)
	if s.next == 0 {
		s.emit("", nil, errNoCertificate)
	}
}

// itemStream numbers the items of one input and passes them on.
type itemStream struct {
	input   string
	yield   func(Item) bool
	next    int
	stopped bool
}

// emit passes one item on and reports whether to go on.
func (s *itemStream) emit(where string, der []byte, err error) bool {
	it := Item{Input: s.input, Where: where, DER: der}
	if err != nil {
		it.Err = err.Error()
	}
	return s.send(it)
}

// emitCRL passes on a CRL read from a PEM block of type X509 CRL.
func (s *itemStream) emitCRL(where string, der []byte) bool {
	return s.send(Item{Input: s.input, Where: where, DER: der, CRL: true})
}

// send numbers it, passes it on and reports whether to go on.
func (s *itemStream) send(it Item) bool {
	if s.stopped {
		return false
	}
	it.Index = s.next
	s.next++
	if !s.yield(it) {
		s.stopped = true
	}
	return !s.stopped
}

func (s *itemStream) read(br *bufio.Reader, f Format) {
	if f == FormatAuto {
		head, err := br.Peek(peekSize)
		if err != nil && err != io.EOF {
			s.emit("", nil, ioError("read", err))
			return
		}
		if len(head) == 0 {
			return // no certificate found
		}
		if f, err = detect(head); err != nil {
			s.emit("", nil, err)
			return
		}
	}
	switch f {
	case FormatPEM:
		s.readPEM(br)
	case FormatDER:
		s.readDER(br)
	case FormatCTJSON:
		s.readCTJSON(br)
	default:
		s.readBase64(br)
	}
}

// detect tells the format of an input from its first bytes: PEM if they hold
// a BEGIN line, DER if they start with the tag of a SEQUENCE and are not base64
// text, base64 lines if they are text. Binary data that cannot be DER is an
// error rather than a flood of "not valid base64" records.
func detect(head []byte) (Format, error) {
	switch {
	case isCTJSON(head):
		return FormatCTJSON, nil
	case bytes.Contains(head, []byte("-----BEGIN")):
		return FormatPEM, nil
	case isBase64Text(head):
		return FormatBase64, nil
	case head[0] == 0x30:
		return FormatDER, nil
	case isText(head):
		return FormatBase64, nil
	}
	return FormatAuto, fmt.Errorf("unrecognized input: binary data starting with byte 0x%02x is "+
		"neither PEM, nor DER (which starts with 0x30), nor base64 text; -format forces a format", head[0])
}

// isBase64Text reports whether b holds only base64 characters and white space.
func isBase64Text(b []byte) bool {
	for _, c := range b {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '+', c == '/', c == '=', c == ' ', c == '\t', c == '\r', c == '\n':
		default:
			return false
		}
	}
	return true
}

// isText reports whether b holds only printable ASCII and white space.
func isText(b []byte) bool {
	for _, c := range b {
		if (c < 0x20 || c > 0x7e) && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// readDER reads a whole input as one DER certificate.
func (s *itemStream) readDER(br *bufio.Reader) {
	der, err := io.ReadAll(io.LimitReader(br, maxItem+1))
	switch {
	case err != nil:
		s.emit("", nil, ioError("read", err))
	case len(der) > maxItem:
		s.emit("", nil, fmt.Errorf("DER input larger than %d MiB", maxItem>>20))
	case len(der) > 0:
		s.emit("", der, nil)
	}
}

// readBase64 reads one base64 DER certificate per line, skipping blank lines.
func (s *itemStream) readBase64(br *bufio.Reader) {
	lr := lineReader{br: br}
	for {
		line, err := lr.next()
		where := "line " + strconv.Itoa(lr.line)
		switch {
		case err == io.EOF:
			return
		case err == errLineTooLong:
			if !s.emit(where, nil, err) {
				return
			}
			continue
		case err != nil:
			s.emit(where, nil, ioError("read", err))
			return
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		der := make([]byte, base64.StdEncoding.DecodedLen(len(line)))
		n, err := base64.StdEncoding.Decode(der, line)
		if err != nil {
			err = fmt.Errorf("not valid base64: %v", err)
			der, n = nil, 0
		}
		if !s.emit(where, der[:n:n], err) {
			return
		}
	}
}

// pemBlock is the PEM block being read.
type pemBlock struct {
	typ    string
	text   []byte // the block from its BEGIN line, when it is a certificate or a CRL
	broken error  // why the block is unusable, found while reading it
}

// readPEM reads the PEM blocks of an input one at a time, ignoring the text
// around them. Every block is an item: a certificate, or an error naming the
// block when it is of another type or cannot be decoded.
func (s *itemStream) readPEM(br *bufio.Reader) {
	lr := lineReader{br: br}
	var b *pemBlock // nil outside a block
	closeBlock := func(err error) bool {
		blk := b
		b = nil
		where := "block " + strconv.Itoa(s.next)
		if err == nil && blk.broken != nil {
			err = blk.broken
		}
		if err != nil {
			return s.emit(where, nil, err)
		}
		p, rest := pem.Decode(blk.text)
		if p == nil || len(bytes.TrimSpace(rest)) > 0 {
			return s.emit(where, nil, errors.New("PEM body is not valid base64"))
		} // A block of another type is linted when its content has the shape
		// of what the command lints, as in the CLI.
		if !lintablePEM(blk.typ) && smime.ShapeOf(p.Bytes) == smime.UnknownShape {
			return s.emit(where, nil, fmt.Errorf("not a certificate, TBSCertificate or CRL (PEM type %s)", strconv.Quote(blk.typ)))
		}

		if blk.typ == "X509 CRL" {
			return s.emitCRL(where, p.Bytes)
		}
		return s.emit(where, p.Bytes, nil)
	}
	for {
		line, err := lr.next()
		switch {
		case err == io.EOF:
			if b != nil {
				closeBlock(errors.New("no END line: the PEM block is truncated"))
			}
			return
		case err == errLineTooLong:
			// Text between blocks is ignored whatever its length.
			if b != nil && b.broken == nil {
				b.broken, b.text = err, nil
			}
			continue
		case err != nil:
			if b != nil {
				closeBlock(ioError("read", err))
			} else {
				s.emit("", nil, ioError("read", err))
			}
			return
		}
		line = bytes.TrimRight(line, " \t\r")
		if typ, ok := pemBoundary(line, "-----BEGIN "); ok {
			if b != nil && !closeBlock(errors.New("no END line before the next BEGIN line")) {
				return
			}
			b = &pemBlock{typ: typ}
		} else if b == nil {
			continue
		}
		if b.broken == nil {
			if len(b.text)+len(line) >= maxItem {
				b.broken = fmt.Errorf("PEM block larger than %d MiB", maxItem>>20)
				b.text = nil
			} else {
				b.text = append(append(b.text, line...), '\n')
			}
		}
		if typ, ok := pemBoundary(line, "-----END "); ok {
			var err error
			if typ != b.typ {
				err = fmt.Errorf("END line of type %s closes a BEGIN line of type %s",
					strconv.Quote(typ), strconv.Quote(b.typ))
			}
			if !closeBlock(err) {
				return
			}
		}
	}
}

// lintablePEM reports whether a PEM block type holds what the command lints:
// a certificate or a CRL (RFC 7468 §5 and §6; "X509 CERTIFICATE" is an older
// spelling some tools still write).
func lintablePEM(typ string) bool {
	return typ == "CERTIFICATE" || typ == "X509 CERTIFICATE" || typ == "X509 CRL"
}

// pemBoundary returns the type of a PEM BEGIN or END line.
func pemBoundary(line []byte, prefix string) (string, bool) {
	if !bytes.HasPrefix(line, []byte(prefix)) || !bytes.HasSuffix(line[len(prefix):], []byte("-----")) {
		return "", false
	}
	return string(line[len(prefix) : len(line)-5]), true
}

// lineReader reads lines of at most maxItem bytes. A longer line is skipped
// as it is read, never held whole, and reported as errLineTooLong.
type lineReader struct {
	br   *bufio.Reader
	buf  []byte
	line int // 1-based number of the line last returned
}

// next returns the next line without its line ending. The line is valid until
// the next call.
func (lr *lineReader) next() ([]byte, error) {
	if cap(lr.buf) > 1<<20 {
		lr.buf = nil // do not keep a large buffer for the short lines that follow
	}
	lr.buf = lr.buf[:0]
	read, tooLong := 0, false
	for {
		frag, err := lr.br.ReadSlice('\n')
		read += len(frag)
		if !tooLong && read > maxItem+2 {
			tooLong, lr.buf = true, nil
		}
		if !tooLong {
			lr.buf = append(lr.buf, frag...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && read == 0:
			return nil, io.EOF
		case err != nil && err != io.EOF:
			return nil, err
		}
		lr.line++
		if tooLong {
			return nil, errLineTooLong
		}
		return bytes.TrimSuffix(bytes.TrimSuffix(lr.buf, []byte("\n")), []byte("\r")), nil
	}
}

// ioError turns an os error into "op: reason" without repeating the file
// name, which every message starts with already.
func ioError(op string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", op, err)
}
