package main

// Scanning a CT log (-ct-log): entries -ct-start..-ct-end are fetched with
// get-entries by -ct-fetchers concurrent batches and linted in log order;
// -ct-state records the next index to fetch once every record before it is
// written, so that a stopped scan resumes where it stopped.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/jsonclient"

	"github.com/smimelint/zlint-smime/internal/ctentry"
)

// ctOptions are the -ct-* flags.
type ctOptions struct {
	log      string
	start    int64
	end      int64 // -1: the last entry of the log's current tree
	fetchers int
	batch    int
	retries  int
	state    string
}

func (o *ctOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.log, "ct-log", "", "scan this CT log (its base URL, e.g. https://ct.example/2026h1) instead of reading inputs; implies -format ct")
	fs.Int64Var(&o.start, "ct-start", 0, "first log index to scan")
	fs.Int64Var(&o.end, "ct-end", -1, "last log index to scan, inclusive; -1 is the last entry of the log's current tree")
	fs.IntVar(&o.fetchers, "ct-fetchers", 4, "number of get-entries batches fetched at once")
	fs.IntVar(&o.batch, "ct-batch", 256, "entries asked for per get-entries request; a log that returns fewer sets a smaller batch")
	fs.IntVar(&o.retries, "ct-retries", 8, "retries of a failed get-entries or get-sth request (429, 5xx, network, bad JSON), with exponential backoff")
	fs.StringVar(&o.state, "ct-state", "", "file holding the next log index to fetch: read to resume, rewritten (atomically) as records are written")
}

// check validates the flags together.
func (o *ctOptions) check(inputs []string) error {
	switch {
	case o.log == "" && o.state != "":
		return errors.New("-ct-state needs -ct-log")
	case o.log == "":
		return nil
	case strings.TrimRight(o.log, "/") != o.log:
		// jsonclient appends "/ct/v1/…": keep one slash, and one spelling
		// of the log in the state file.
		o.log = strings.TrimRight(o.log, "/")
		return o.check(inputs)
	case len(inputs) > 0:
		return errors.New("-ct-log reads the log: give no input files")
	case o.start < 0:
		return fmt.Errorf("-ct-start: %d is negative", o.start)
	case o.end < -1:
		return fmt.Errorf("-ct-end: %d is negative", o.end)
	case o.end >= 0 && o.end < o.start:
		return fmt.Errorf("-ct-end %d is before -ct-start %d", o.end, o.start)
	case o.fetchers < 1:
		return fmt.Errorf("-ct-fetchers: %d is not a positive number", o.fetchers)
	case o.batch < 1:
		return fmt.Errorf("-ct-batch: %d is not a positive number", o.batch)
	case o.retries < 0:
		return fmt.Errorf("-ct-retries: %d is negative", o.retries)
	}
	return nil
}

// ctBackoff is the first retry's wait; each retry doubles it, up to
// ctMaxBackoff. Tests shorten them.
var (
	ctBackoff    = 500 * time.Millisecond
	ctMaxBackoff = 30 * time.Second
)

// scanState is the -ct-state file.
type scanState struct {
	Log       string `json:"log"`
	NextIndex int64  `json:"next_index"`
}

// logScan is one scan of a log.
type logScan struct {
	opts   *ctOptions
	client *jsonclient.JSONClient
	stderr io.Writer
	first  int64 // first index to fetch
	last   int64 // last index to fetch, inclusive; < first: nothing to do
	batch  atomic.Int64
}

// startScan reads the state file, asks the log for its tree size, and
// returns the scan's items, the sink that records the state, and the
// function that ends the scan.
func startScan(o *ctOptions, out sink, stderr io.Writer) (iter.Seq[item], sink, func(), error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// A log that never finishes an answer is cut off by the timeout, and
	// one that sends an endless body by the size limit: each is a failed
	// request, retried, and then error records for its indices.
	hc := &http.Client{Timeout: ctHTTPTimeout, Transport: limitBody{http.DefaultTransport, ctMaxBody}}
	client, err := jsonclient.New(o.log, hc, jsonclient.Options{UserAgent: "zlint-smime", Logger: quietLogger{}})
	if err != nil {
		stop()
		return nil, nil, nil, fmt.Errorf("-ct-log: %v", err)
	}
	s := &logScan{opts: o, client: client, stderr: stderr, first: o.start}
	s.batch.Store(int64(o.batch))
	if o.state != "" {
		b, err := os.ReadFile(o.state)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			stop()
			return nil, nil, nil, fmt.Errorf("-ct-state: %v", err)
		default:
			var st scanState
			if err := json.Unmarshal(b, &st); err != nil || st.NextIndex < 0 {
				stop()
				return nil, nil, nil, fmt.Errorf("-ct-state: %s holds no scan state", o.state)
			}
			if st.Log != o.log {
				stop()
				return nil, nil, nil, fmt.Errorf("-ct-state: %s is the state of a scan of %s, not of %s", o.state, st.Log, o.log)
			}
			s.first = st.NextIndex
			fmt.Fprintf(stderr, "zlint-smime: resuming the scan of %s at log index %d (from %s)\n", o.log, s.first, o.state)
		}
	}
	var sth ct.GetSTHResponse
	if err := s.retry(ctx, "get-sth", func() error {
		_, _, err := client.GetAndParse(ctx, ct.GetSTHPath, nil, &sth)
		return err
	}); err != nil {
		stop()
		return nil, nil, nil, fmt.Errorf("-ct-log: %v", err)
	}
	if o.state != "" && s.first > int64(sth.TreeSize) {
		// The resume point lies beyond the whole log: the tree shrank,
		// which a CT log never does, or the state is another log's.
		stop()
		return nil, nil, nil, fmt.Errorf("-ct-log: %s now holds %d entries, fewer than the %d that %s says were "+
			"already scanned: a log's tree never shrinks; the scan stops here (the state is kept)",
			o.log, sth.TreeSize, s.first, o.state)
	}
	s.last = int64(sth.TreeSize) - 1
	if o.end >= 0 && o.end < s.last {
		s.last = o.end
	} else if o.end > s.last {
		fmt.Fprintf(stderr, "zlint-smime: %s holds %d entries: the scan stops at log index %d\n", o.log, sth.TreeSize, s.last)
	}
	if o.state != "" {
		out = &stateSink{sink: out, path: o.state, log: o.log, next: s.first, saved: -1}
	}
	end := func() {
		if ctx.Err() != nil {
			if ss, ok := out.(*stateSink); ok {
				fmt.Fprintf(stderr, "zlint-smime: scan stopped; the next log index to fetch is %d\n", ss.next)
			} else {
				fmt.Fprintln(stderr, "zlint-smime: scan stopped")
			}
		}
		stop()
		if ss, ok := out.(*stateSink); ok {
			if err := ss.save(); err != nil {
				fmt.Fprintf(stderr, "zlint-smime: -ct-state: %v\n", err)
			}
		}
	}
	return s.items(ctx), out, end, nil
}

// quietLogger drops jsonclient's log lines: failures reach the records.
type quietLogger struct{}

func (quietLogger) Printf(string, ...any) {}

// retry runs f until it succeeds or fails for good (permanent), at most
// 1 + retries times, waiting
// ctBackoff, then twice as long each time, between attempts.
func (s *logScan) retry(ctx context.Context, what string, f func() error) error {
	wait := ctBackoff
	var err error
	for attempt := 0; ; attempt++ {
		if err = f(); err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if attempt >= s.opts.retries || permanent(err) {
			return fmt.Errorf("%s: %v (after %d attempts)", what, describeFetchError(err), attempt+1)
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
		if wait *= 2; wait > ctMaxBackoff {
			wait = ctMaxBackoff
		}
	}
}

// permanent reports whether a failed request is not worth retrying: an
// HTTP 4xx answer other than 429 Too Many Requests (a wrong URL, a range
// the log refuses).
func permanent(err error) bool {
	var re jsonclient.RspError
	return errors.As(err, &re) && re.StatusCode >= 400 && re.StatusCode < 500 && re.StatusCode != http.StatusTooManyRequests
}

// describeFetchError names the HTTP status of a failed request.
func describeFetchError(err error) string {
	var re jsonclient.RspError
	if errors.As(err, &re) && re.StatusCode != 0 && re.StatusCode != http.StatusOK {
		return "HTTP " + strconv.Itoa(re.StatusCode)
	}
	return err.Error()
}

// scanJob is one batch of log indices, fetched by one fetcher.
type scanJob struct {
	start, end int64
	done       chan scanResult // buffered: the fetcher never waits
}

type scanResult struct {
	items    []item
	complete bool // false: the scan was stopped while fetching
}

// items fetches the entries first..last with opts.fetchers batches at once
// and yields them in log order. Batches are handed out in order and their
// results taken in the same order, so a slow batch holds back only the
// output, and at most 2 × fetchers batches are held.
func (s *logScan) items(ctx context.Context) iter.Seq[item] {
	return func(yield func(item) bool) {
		if s.first > s.last {
			return
		}
		// On return, cancel first, then wait for the fetchers and the
		// producer: no goroutine of a scan outlives it, so a stopped scan
		// leaves no request in flight behind it.
		var wg sync.WaitGroup
		defer wg.Wait()
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		jobs := make(chan *scanJob)
		order := make(chan *scanJob, s.opts.fetchers)
		wg.Go(func() {
			defer close(jobs)
			defer close(order)
			for start := s.first; start <= s.last; {
				end := min(start+s.batch.Load()-1, s.last)
				j := &scanJob{start: start, end: end, done: make(chan scanResult, 1)}
				select {
				case order <- j:
				case <-ctx.Done():
					return
				}
				select {
				case jobs <- j:
				case <-ctx.Done():
					return
				}
				start = end + 1
			}
		})
		for range s.opts.fetchers {
			wg.Go(func() {
				for j := range jobs {
					j.done <- s.fetch(ctx, j)
				}
			})
		}
		for j := range order {
			var r scanResult
			select {
			case r = <-j.done:
			case <-ctx.Done():
				return
			}
			for _, it := range r.items {
				if !yield(it) {
					return
				}
			}
			if !r.complete || ctx.Err() != nil {
				return
			}
		}
	}
}

// ctHTTPTimeout bounds one request to the log, body included; ctMaxBody
// bounds the body of one answer (a get-entries answer of 1,000 entries is a
// few megabytes). Variables, so that the tests can lower them.
var (
	ctHTTPTimeout       = time.Minute
	ctMaxBody     int64 = 64 << 20
)

// limitBody is a transport whose answers' bodies fail once they exceed max
// bytes, so that a hostile or broken log cannot make the scan hold an
// unbounded answer in memory.
type limitBody struct {
	base http.RoundTripper
	max  int64
}

func (t limitBody) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = &limitedBody{ReadCloser: resp.Body, left: t.max, max: t.max}
	return resp, nil
}

type limitedBody struct {
	io.ReadCloser
	left, max int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// At the limit: an answer of exactly max bytes ends here.
		var one [1]byte
		if n, err := b.ReadCloser.Read(one[:]); n == 0 && err != nil {
			return 0, err
		}
		return 0, fmt.Errorf("the log's answer is larger than %d bytes", b.max)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

// fetch gets the entries of one batch, asking again from where the log
// stopped when it returns fewer than asked (its own batch limit, which the
// next batches then use). A request that fails after its retries, garbage
// JSON included, becomes an error item for each index it should have
// returned, and the scan goes on.
func (s *logScan) fetch(ctx context.Context, j *scanJob) scanResult {
	var items []item
	for next := j.start; next <= j.end; {
		var resp ct.GetEntriesResponse
		err := s.retry(ctx, "get-entries", func() error {
			resp = ct.GetEntriesResponse{}
			params := map[string]string{
				"start": strconv.FormatInt(next, 10),
				"end":   strconv.FormatInt(j.end, 10),
			}
			if _, _, err := s.client.GetAndParse(ctx, ct.GetEntriesPath, params, &resp); err != nil {
				return err
			}
			switch n := int64(len(resp.Entries)); {
			case n == 0:
				return errors.New("the log returned no entry")
			case n > j.end-next+1:
				return fmt.Errorf("the log returned %d entries for %d asked", n, j.end-next+1)
			}
			return nil
		})
		if ctx.Err() != nil {
			return scanResult{items: items}
		}
		if err != nil {
			for i := next; i <= j.end; i++ {
				items = append(items, s.item(i, nil, err))
			}
			break
		}
		asked := j.end - next + 1
		for k := range resp.Entries {
			e := &resp.Entries[k]
			items = append(items, s.item(next, &ctentry.Raw{LeafInput: e.LeafInput, ExtraData: e.ExtraData, LogIndex: next}, nil))
			next++
		}
		if got := int64(len(resp.Entries)); got < asked {
			for b := s.batch.Load(); got < b && !s.batch.CompareAndSwap(b, got); b = s.batch.Load() {
			}
		}
	}
	return scanResult{items: items, complete: true}
}

// item is the item of log index i: its entry, or the error that kept it
// from being fetched. The item's index is the log index, so that the
// records of a resumed scan continue the numbering.
func (s *logScan) item(i int64, e *ctentry.Raw, err error) item {
	if e == nil {
		e = &ctentry.Raw{LogIndex: i}
	}
	return item{Input: s.opts.log, Index: int(i), Where: "log index " + strconv.FormatInt(i, 10), CT: e, Err: err}
}

// stateSink records, as the records of a scan are written and flushed, the
// next log index to fetch in the -ct-state file: every record before it
// has been written to the output. The file is replaced atomically (a
// temporary file renamed over it), at most once per stateEvery and once at
// the end.
type stateSink struct {
	sink
	path  string
	log   string
	next  int64 // the index after the last record written
	saved int64 // the index the file holds
	last  time.Time
}

const stateEvery = time.Second

func (s *stateSink) write(r *record) error {
	err := s.sink.write(r)
	if err == nil && r.LogIndex != nil {
		s.next = *r.LogIndex + 1
	}
	return err
}

func (s *stateSink) flush() error {
	if err := s.sink.flush(); err != nil {
		return err
	}
	if time.Since(s.last) >= stateEvery {
		return s.save()
	}
	return nil
}

// save writes the state if it changed. The output must have been flushed.
func (s *stateSink) save() error {
	if s.next == s.saved {
		return nil
	}
	b, err := json.Marshal(scanState{Log: s.log, NextIndex: s.next})
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(b, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.path)
	}
	if err != nil {
		os.Remove(tmp.Name()) //nolint:errcheck // best effort
		return fmt.Errorf("writing %s: %v", s.path, err)
	}
	s.saved, s.last = s.next, time.Now()
	return nil
}
