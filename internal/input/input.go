// Package input reads the certificates, TBSCertificates and CRLs of an
// input stream: PEM blocks, DER, base64 lines (one item per line) or a CT
// log's get-entries JSON, detected from the first bytes or forced. The
// command (cmd/zlint-smime) and the Beam pipeline (beam/lintpipe) both read
// with it, so that they number the items of an input alike and say the same
// thing about a bad one: their records are compared byte for byte.
package input

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/smimelint/zlint-smime/internal/ctentry"
	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

// MaxItem bounds what is held in memory for one item: a line, a PEM block or
// a DER input. A real certificate is a few kilobytes; the bound is there so
// that a hostile input costs an error record, not the process or the worker.
const MaxItem = 16 << 20

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
	FormatCT // RFC 6962 get-entries JSON (§4.6), read by ctentry.Read
)

func (f Format) String() string {
	switch f {
	case FormatPEM:
		return "pem"
	case FormatDER:
		return "der"
	case FormatBase64:
		return "base64"
	case FormatCT:
		return "ct"
	}
	return "auto"
}

// ParseFormat reads a format's name, as the command's -format flag gives it.
func ParseFormat(s string) (Format, error) {
	for _, f := range []Format{FormatAuto, FormatPEM, FormatDER, FormatBase64, FormatCT} {
		if s == f.String() {
			return f, nil
		}
	}
	return FormatAuto, fmt.Errorf("unknown format %q: want auto, pem, der, base64 or ct", s)
}

// Item is one certificate, TBSCertificate or CRL read from an input, or the
// reason it could not be read. Items of an input are numbered from 0 in the
// order they appear.
type Item struct {
	Input string // the name of the input; "-" is stdin
	Index int    // position of the item within its input
	Where string // "block 2", "line 7", "entry 3" or "" (a DER input): where the item is, for messages
	DER   []byte
	CRL   bool  // a PEM block of type X509 CRL: parse DER as a CRL whatever its shape
	Err   error // non-nil: the item could not be read; DER is nil

	CT *ctentry.Raw // an entry of get-entries JSON, decoded when linted (ctentry.Decode)
}

// ErrNoCertificate is the error of an input holding no item at all.
var ErrNoCertificate = errors.New("no certificate found")

// errLineTooLong is returned for a line longer than MaxItem.
var errLineTooLong = fmt.Errorf("line too long (more than %d MiB)", MaxItem>>20)

// Read yields the items of one input, read from r in a streaming way (at
// most about MaxItem bytes held at once, whatever its size), and reports
// whether yield asked to go on. An input with no item yields one, with
// ErrNoCertificate.
func Read(name string, r io.Reader, f Format, yield func(Item) bool) bool {
	s := &itemStream{input: name, yield: yield}
	s.read(bufio.NewReaderSize(r, peekSize), f)
	if !s.stopped && s.next == 0 {
		s.emit("", nil, ErrNoCertificate)
	}
	return !s.stopped
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
	return s.send(Item{Input: s.input, Where: where, DER: der, Err: err})
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
			s.emit("", nil, IOError("read", err))
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
	case FormatCT:
		s.readCT(br)
	case FormatPEM:
		s.readPEM(br)
	case FormatDER:
		s.readDER(br)
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
	case bytes.Contains(head, []byte("-----BEGIN")):
		return FormatPEM, nil
	case isBase64Text(head):
		return FormatBase64, nil
	case ctentry.Looks(head):
		return FormatCT, nil
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
	der, err := io.ReadAll(io.LimitReader(br, MaxItem+1))
	switch {
	case err != nil:
		s.emit("", nil, IOError("read", err))
	case len(der) > MaxItem:
		s.emit("", nil, fmt.Errorf("DER input larger than %d MiB", MaxItem>>20))
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
			s.emit(where, nil, IOError("read", err))
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

// pemBlock is the PEM block being read. Its type is quoted in messages
// through util.Quote, cut and escaped: a BEGIN line can be as long as
// MaxItem and hold any bytes.
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
		}
		// A block of another type is linted when its content has the shape
		// of what the command lints: a bare TBSCertificate comes in blocks
		// of any name ("TBS CERTIFICATE", ...); a key or a CSR does not.
		if !lintablePEM(blk.typ) && smime.ShapeOf(p.Bytes) == smime.UnknownShape {
			return s.emit(where, nil, fmt.Errorf("not a certificate, TBSCertificate or CRL (PEM type %s)", util.Quote(blk.typ)))
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
				closeBlock(IOError("read", err))
			} else {
				s.emit("", nil, IOError("read", err))
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
			if len(b.text)+len(line) >= MaxItem {
				b.broken = fmt.Errorf("PEM block larger than %d MiB", MaxItem>>20)
				b.text = nil
			} else {
				b.text = append(append(b.text, line...), '\n')
			}
		}
		if typ, ok := pemBoundary(line, "-----END "); ok {
			var err error
			if typ != b.typ {
				err = fmt.Errorf("END line of type %s closes a BEGIN line of type %s",
					util.Quote(typ), util.Quote(b.typ))
			}
			if !closeBlock(err) {
				return
			}
		}
	}
}

// lintablePEM reports whether a PEM block type names what the command lints:
// a certificate or a CRL (RFC 7468 §5 and §6; "X509 CERTIFICATE" is an older
// spelling some tools still write). Blocks of other types are linted by the
// shape of their content.
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

// lineReader reads lines of at most MaxItem bytes. A longer line is skipped
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
		if !tooLong && read > MaxItem+2 {
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

// IOError turns an os error into "op: reason" without repeating the file
// name, which every message starts with already.
func IOError(op string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", op, err)
}

// readCT reads get-entries JSON: every entry is an item, decoded and linted
// by the reader's user.
func (s *itemStream) readCT(br *bufio.Reader) {
	ctentry.Read(br, func(where string, e *ctentry.Raw, err error) bool {
		if err != nil {
			return s.emit(where, nil, err)
		}
		return s.send(Item{Input: s.input, Where: where, CT: e})
	})
}
