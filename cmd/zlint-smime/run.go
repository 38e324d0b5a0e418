package main

import (
	"iter"
	"sync"
	"time"

	"github.com/smimelint/zlint-smime/internal/records"
)

// record is an item's record (internal/records) and its output line, when
// the sink prepared it.
type record struct {
	records.Record
	encoded []byte
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

// lintAll lints every item with ls (records.Linters.Lint, shared with the
// Beam pipeline) in workers goroutines and writes one record per item to
// out, in the order of items. It returns the first error of out, after
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
func lintAll(ls *records.Linters, workers int, items iter.Seq[item], out sink) error {
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
				rec := &record{Record: ls.Lint(it)}
				out.prepare(rec)
				deliver(n, rec)
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
