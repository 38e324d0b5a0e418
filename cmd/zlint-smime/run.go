package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"sync"
	"time"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/smime"
)

// record is the outcome for one item: the findings of a certificate, or why
// it could not be read, parsed or linted.
type record struct {
	Input    string
	Index    int
	SHA256   string               // hex of the DER; empty when no DER was read
	Findings []zlintsmime.Finding // non-nil when Err is empty
	Err      string               // non-empty: the message, naming the input
	encoded  []byte               // the output line, when the sink prepared it

	// Kind is what the item was: certificate, tbs, crl or tbscrl.
	Kind string

	// CT entries and the screen (ct.go): the log index when known, the
	// entry type, whether the certificate was screened out unparsed, and
	// the issuing CA's name for -summary.
	LogIndex  *int64
	EntryType string
	Screened  bool
	IssuerCA  string
}

// sink receives the records in input order. flush is called at most
// flushDelay after a record is written, so that output reaches a slow
// reader promptly without a write per record on a busy stream. prepare is called by the
// workers, in parallel and out of order, on each record before it is
// written: the work a sink can do there (encoding) is taken off the single
// writing goroutine, which would otherwise cap how far the workers scale.
type sink interface {
	prepare(*record)
	write(*record) error
	flush() error
}

// windowPerWorker sizes the reorder window: the items that have been read but
// not yet written are at most windowPerWorker × workers, whatever the length
// of the stream, so one slow certificate stalls reading instead of growing
// memory.
const windowPerWorker = 4

// lintAll lints every item with workers goroutines and writes one record per
// item to out, in the order of items. It returns the first error of out, after
// which it stops reading items.
//
// There is no reading or writing goroutine: each worker takes the next item
// itself (one worker at a time reads, while the others lint) and, when its
// record is the next one due, writes it and any later ones already done. A
// hand-off to another goroutine for every certificate woke the scheduler
// twice per certificate, and on two cores the idle one spent a tenth of its
// time looking for the woken goroutine.
//
// Memory is bounded: a token is taken for each item read and given back when
// its record is written, so at most windowPerWorker × workers items are
// being linted or waiting for an earlier one in the reorder buffer.
func lintAll(reg lint.Registry, workers int, items iter.Seq[item], out sink) error {
	if workers < 1 {
		workers = 1
	}
	window := windowPerWorker * workers
	tokens := make(chan struct{}, window)
	stop := make(chan struct{}) // closed when out fails: everyone winds down

	nextItem, stopItems := iter.Pull(items)
	var inMu sync.Mutex // serialises nextItem
	seq, exhausted := 0, false
	take := func() (int, item, bool) {
		select {
		case tokens <- struct{}{}:
		case <-stop:
			return 0, item{}, false
		}
		inMu.Lock()
		defer inMu.Unlock()
		if !exhausted {
			if it, ok := nextItem(); ok {
				seq++
				return seq - 1, it, true
			}
			exhausted = true
		}
		<-tokens
		return 0, item{}, false
	}

	// Written records are flushed flushDelay after the first of them, not
	// one by one: a write per record cost a system call for every two or
	// three certificates of a fast stream, while a slow stream still sees
	// each line within flushDelay.
	var outMu sync.Mutex // guards out and everything below
	pending := make(map[int]*record, window)
	next, dirty := 0, false
	var outErr error
	fail := func(err error) {
		outErr = err
		close(stop)
	}
	flusher := time.AfterFunc(time.Hour, func() {
		outMu.Lock()
		defer outMu.Unlock()
		if dirty && outErr == nil {
			dirty = false
			if err := out.flush(); err != nil {
				fail(err)
			}
		}
	})
	flusher.Stop()
	deliver := func(n int, rec *record) {
		outMu.Lock()
		defer outMu.Unlock()
		if outErr != nil {
			return
		}
		pending[n] = rec
		for r, ok := pending[next]; ok; r, ok = pending[next] {
			delete(pending, next)
			next++
			if err := out.write(r); err != nil {
				fail(err)
				return
			}
			<-tokens
			if !dirty {
				dirty = true
				flusher.Reset(flushDelay)
			}
		}
	}

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n, it, ok := take(); ok; n, it, ok = take() {
				rec := lintItem(reg, it)
				out.prepare(&rec)
				deliver(n, &rec)
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		inMu.Lock()
		stopItems()
		inMu.Unlock()
		close(done)
	}()
	// On a failure of out, return at once: a worker may be waiting for
	// input that never comes, and it stops at its next item.
	select {
	case <-done:
	case <-stop:
	}
	flusher.Stop()
	outMu.Lock()
	defer outMu.Unlock()
	if outErr != nil {
		return outErr
	}
	dirty = false
	if err := out.flush(); err != nil {
		fail(err)
		return err
	}
	return nil
}

// flushDelay bounds how long a written record waits in the output buffer.
const flushDelay = 50 * time.Millisecond

// lintItem turns one item into its record. It does not panic: a panic in
// the parser or a lint becomes the record's error, and the other certificates
// are linted as usual.
func lintItem(reg lint.Registry, it item) (rec record) {
	rec = record{Input: it.Input, Index: it.Index}
	ctRecord(it, &rec)
	defer func() {
		if p := recover(); p != nil {
			rec.Findings = nil
			rec.Err = message(it, fmt.Errorf("linting panicked: %v", p))
		}
	}()
	if it.Err != nil {
		rec.Err = message(it, it.Err)
		return rec
	}
	var err error
	if it.CT != nil {
		err = lintCTItem(reg, it, &rec)
	} else {
		err = lintDER(reg, it, &rec)
	}
	if err != nil {
		rec.Err = message(it, err)
		return rec
	}
	if rec.Findings == nil {
		rec.Findings = []zlintsmime.Finding{}
	}
	for i := range rec.Findings {
		rec.Findings[i].Details = escape(rec.Findings[i].Details)
		rec.Findings[i].Citation = escape(rec.Findings[i].Citation)
	}
	return rec
}

// lintDER parses the item's DER by its shape (a certificate, a bare
// TBSCertificate, a CRL or a bare TBSCertList: smime.ShapeOf; a PEM block
// of type X509 CRL is a CRL whatever its shape), lints it with the Linter of
// -issuer and -config, and fills rec's kind, SHA-256 (hex, in every case),
// findings and issuing CA. A certificate no lint of reg could apply to is
// screened out unparsed.
func lintDER(reg lint.Registry, it item, rec *record) error {
	shape := smime.ShapeOf(it.DER)
	if it.CRL {
		shape = smime.CRLShape
	}
	if shape == smime.UnknownShape {
		shape = smime.CertificateShape // the certificate parser names the problem
	}
	rec.Kind = shape.String()
	sum := sha256.Sum256(it.DER)
	rec.SHA256 = hex.EncodeToString(sum[:])
	ls := ctLintersFor(reg)
	l, _, err := ls.get(ls.issuer)
	if err != nil {
		return err
	}
	var c *x509.Certificate
	switch shape {
	case smime.CRLShape, smime.TBSCRLShape:
		parse := zlintsmime.ParseRevocationList
		if shape == smime.TBSCRLShape {
			parse = zlintsmime.ParseTBSRevocationList
		}
		r, err := parse(it.DER)
		if err != nil {
			return err
		}
		rec.Findings = l.LintRevocationList(r)
		return nil
	case smime.TBSCertificateShape:
		if c, err = zlintsmime.ParseTBSCertificate(it.DER); err != nil {
			return fmt.Errorf("%v (a bare TBSCertificate is wrapped with its own signature algorithm and "+
				"linted; this one does not parse as a TBSCertificate)", err)
		}
	default:
		if screened(reg, it.DER, rec) {
			return nil
		}
		if c, err = zlintsmime.ParseCertificate(it.DER); err != nil {
			// A key zcrypto cannot parse is a finding, not a failure: the
			// Linter lints the certificate with placeholder keys.
			rec.Findings, err = l.LintDER(it.DER)
			return err
		}
	}
	rec.IssuerCA = caName(c.Issuer.CommonName, c.Issuer.Organization)
	rec.Findings = l.Lint(c)
	return nil
}

// message is an item's error as reported: input, position, reason, with
// every non-printable character escaped.
func message(it item, err error) string {
	s := it.Input + ": "
	if it.Where != "" {
		s += it.Where + ": "
	}
	return escape(s + err.Error())
}
