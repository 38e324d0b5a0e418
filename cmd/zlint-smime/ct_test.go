package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/jsonclient"

	"github.com/smimelint/zlint-smime/internal/cttest"
	"github.com/smimelint/zlint-smime/internal/records"
	"github.com/smimelint/zlint-smime/smime"
)

// The tests serve RFC 6962 logs on loopback with httptest, built with
// certificate-transparency-go's types, and scan them with the command.

// fastRetries shortens the retry backoff for one test.
func fastRetries(t *testing.T) {
	t.Helper()
	b, m := ctBackoff, ctMaxBackoff
	ctBackoff, ctMaxBackoff = time.Millisecond, 5*time.Millisecond
	t.Cleanup(func() { ctBackoff, ctMaxBackoff = b, m })
}

// precertEntry is the log entry of a precertificate. The leaf holds a TBS
// (any bytes will do: the command lints the precertificate of extra_data).
func precertEntry(precert []byte, chain ...[]byte) ct.LeafEntry {
	return cttest.PrecertEntry(precert, []byte{0x30, 0x00}, chain...)
}

// tlsDER is a TLS server certificate of the test CA: no lint of an S/MIME
// registry applies to it.
var tlsDER = sync.OnceValue(func() []byte {
	ca, caKey := testCA()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: "www.example.com"},
		NotBefore:    time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"www.example.com"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &leafKey().PublicKey, caKey)
	if err != nil {
		panic(err)
	}
	return der
})

// pscDER is a Precertificate Signing Certificate of the test CA (RFC 6962
// §3.1: its EKU is 1.3.6.1.4.1.11129.2.4.4).
var pscDER = sync.OnceValue(func() []byte {
	ca, caKey := testCA()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(8),
		Subject:               pkix.Name{CommonName: "Precertificate Signing", Organization: []string{"Test"}},
		NotBefore:             time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{{1, 3, 6, 1, 4, 1, 11129, 2, 4, 4}},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &leafKey().PublicKey, caKey)
	if err != nil {
		panic(err)
	}
	return der
})

// otherCA is a CA certificate that did not issue the test leaves.
var otherCA = sync.OnceValue(func() []byte {
	_, key := testCA()
	return selfSignedCA(key, 2, "Another CA", "Other")
})

func caDER() []byte { ca, _ := testCA(); return ca.Raw }

// Special entries of testEntries.
const (
	undecodableAt = 5 // leaf_input that is no MerkleTreeLeaf
	truncatedAt   = 7 // extra_data cut short
	precertAt     = 9
	tlsAt         = 11
	badAt         = 13 // the non-ASCII rfc822Name
)

// testEntries returns n log entries: S/MIME leaves of the test CA, with the
// special entries above.
func testEntries(n int) []ct.LeafEntry {
	es := make([]ct.LeafEntry, n)
	for i := range es {
		switch i {
		case undecodableAt:
			es[i] = ct.LeafEntry{LeafInput: []byte("not a leaf"), ExtraData: nil}
		case truncatedAt:
			e := cttest.X509Entry(goodDER(), caDER())
			e.ExtraData = e.ExtraData[:len(e.ExtraData)-10]
			es[i] = e
		case precertAt:
			es[i] = precertEntry(goodDER(), caDER())
		case tlsAt:
			es[i] = cttest.X509Entry(tlsDER(), caDER())
		case badAt:
			es[i] = cttest.X509Entry(badDER(), caDER())
		default:
			es[i] = cttest.X509Entry(goodDER(), caDER())
		}
	}
	return es
}

// testLog is an RFC 6962 log on loopback.
type testLog struct {
	entries   []ct.LeafEntry
	maxBatch  int   // the most entries one get-entries returns; 0: no limit
	flaky     int64 // every flaky-th request answers 429, then 500, ...; 0: never
	garbageAt int64 // a get-entries whose range holds this index answers garbage JSON; -1: never
	requests  atomic.Int64
	served    sync.Map // log index → times served
}

func (l *testLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := l.requests.Add(1)
	if l.flaky > 0 && n%l.flaky == 0 {
		if (n/l.flaky)%2 == 1 {
			http.Error(w, "slow down", http.StatusTooManyRequests)
		} else {
			http.Error(w, "oops", http.StatusInternalServerError)
		}
		return
	}
	switch r.URL.Path {
	case ct.GetSTHPath:
		json.NewEncoder(w).Encode(ct.GetSTHResponse{TreeSize: uint64(len(l.entries)), SHA256RootHash: make([]byte, 32)}) //nolint:errcheck
	case ct.GetEntriesPath:
		start, err1 := strconv.ParseInt(r.URL.Query().Get("start"), 10, 64)
		end, err2 := strconv.ParseInt(r.URL.Query().Get("end"), 10, 64)
		if err1 != nil || err2 != nil || start < 0 || end < start || start >= int64(len(l.entries)) {
			http.Error(w, "bad range", http.StatusBadRequest)
			return
		}
		if l.garbageAt >= start && l.garbageAt <= end {
			w.Write([]byte(`{"entries":[{"leaf_input":`)) //nolint:errcheck
			return
		}
		end = min(end, int64(len(l.entries))-1)
		if l.maxBatch > 0 {
			end = min(end, start+int64(l.maxBatch)-1)
		}
		for i := start; i <= end; i++ {
			v, _ := l.served.LoadOrStore(i, new(atomic.Int64))
			v.(*atomic.Int64).Add(1)
		}
		json.NewEncoder(w).Encode(ct.GetEntriesResponse{Entries: l.entries[start : end+1]}) //nolint:errcheck
	default:
		http.NotFound(w, r)
	}
}

func startLog(t *testing.T, l *testLog) string { return startLogB(t, l) }

func startLogB(tb testing.TB, l *testLog) string {
	tb.Helper()
	srv := httptest.NewServer(l)
	tb.Cleanup(srv.Close)
	return srv.URL
}

// checkScan checks the records of a scan of testEntries from first to last:
// one per log index, in order, the bad entries as error records naming
// their index, and the rest linted.
func checkScan(t *testing.T, r result, first, last int64) {
	t.Helper()
	if int64(len(r.lines)) != last-first+1 {
		t.Fatalf("%d records, want %d; stderr %q", len(r.lines), last-first+1, r.stderr)
	}
	for k, l := range r.lines {
		i := first + int64(k)
		if l.LogIndex == nil || *l.LogIndex != i || l.Index != int(i) {
			t.Fatalf("record %d: log_index %v, index %d, want %d", k, l.LogIndex, l.Index, i)
		}
		switch i {
		case undecodableAt:
			if !strings.Contains(l.Error, "log index 5: decoding the log entry") || l.EntryType != "" {
				t.Errorf("undecodable leaf: %+v", l)
			}
		case truncatedAt:
			if !strings.Contains(l.Error, "log index 7: decoding the log entry") || l.EntryType != "x509" {
				t.Errorf("truncated chain: %+v", l)
			}
		case precertAt:
			if l.Error != "" || l.EntryType != "precert" || l.SHA256 != sha(goodDER()) {
				t.Errorf("precert: %+v", l)
			}
		case badAt:
			if !slices.Contains(l.errorLints(), nonASCIILint) || l.EntryType != "x509" {
				t.Errorf("bad leaf: %+v", l)
			}
		default:
			if l.Error != "" || l.EntryType != "x509" || len(l.errorLints()) > 0 {
				t.Errorf("log index %d: %+v", i, l)
			}
		}
	}
}

func TestCTScan(t *testing.T) {
	fastRetries(t)
	entries := testEntries(40)
	for _, tc := range []struct {
		name            string
		maxBatch, flaky int
	}{
		{"normal", 0, 0},
		{"429 and 500", 0, 3},
		{"short batches", 3, 0},
		{"short batches, 429 and 500", 5, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &testLog{entries: entries, garbageAt: -1, maxBatch: tc.maxBatch, flaky: int64(tc.flaky)}
			url := startLog(t, l)
			r := runCmd(t, nil, "-ct-log", url, "-ct-batch", "8", "-ct-fetchers", "3", "-workers", "2")
			if r.code != exitTrouble { // the two undecodable entries
				t.Errorf("exit %d, stderr %q", r.code, r.stderr)
			}
			checkScan(t, r, 0, 39)
			// No entry fetched twice, unless a request failed.
			if l.flaky == 0 {
				for i := range int64(40) {
					if v, ok := l.served.Load(i); !ok || v.(*atomic.Int64).Load() != 1 {
						t.Errorf("log index %d served %v times", i, v)
					}
				}
			}
			if n := l.requests.Load(); n > 200 {
				t.Errorf("%d requests", n)
			}
		})
	}
}

func TestCTScanRange(t *testing.T) {
	fastRetries(t)
	url := startLog(t, &testLog{entries: testEntries(40), garbageAt: -1, maxBatch: 4})
	r := runCmd(t, nil, "-ct-log", url, "-ct-start", "6", "-ct-end", "20", "-ct-batch", "5")
	checkScan(t, r, 6, 20)
	// An end past the tree is cut to it.
	r = runCmd(t, nil, "-ct-log", url, "-ct-start", "30", "-ct-end", "100")
	checkScan(t, r, 30, 39)
	if !strings.Contains(r.stderr, "stops at log index 39") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestCTScanGarbage: a log answering garbage JSON for a range gives an
// error record for each index of the range, and the scan goes on.
func TestCTScanGarbage(t *testing.T) {
	fastRetries(t)
	url := startLog(t, &testLog{entries: testEntries(30), garbageAt: 20})
	r := runCmd(t, nil, "-ct-log", url, "-ct-batch", "8", "-ct-retries", "2", "-ct-start", "14")
	if len(r.lines) != 16 || r.code != exitTrouble {
		t.Fatalf("exit %d, %d records, stderr %q", r.code, len(r.lines), r.stderr)
	}
	for _, l := range r.lines {
		i := *l.LogIndex
		garbled := i >= 14 && i <= 21 // the batch holding index 20
		if garbled != (l.Error != "") {
			t.Errorf("log index %d: %+v", i, l)
		}
		if garbled && !strings.Contains(l.Error, fmt.Sprintf("log index %d: get-entries:", i)) {
			t.Errorf("log index %d: error %q", i, l.Error)
		}
	}
}

// TestCTScanResume: -ct-state records the next index once the records
// before it are written; a second scan resumes there, so the two scans give
// every entry once.
func TestCTScanResume(t *testing.T) {
	fastRetries(t)
	url := startLog(t, &testLog{entries: testEntries(30), garbageAt: -1})
	state := filepath.Join(t.TempDir(), "scan.state")
	r1 := runCmd(t, nil, "-ct-log", url, "-ct-end", "11", "-ct-state", state, "-ct-batch", "4")
	checkScan(t, r1, 0, 11)
	b, err := os.ReadFile(state)
	if err != nil || !strings.Contains(string(b), `"next_index":12`) {
		t.Fatalf("state %q, %v", b, err)
	}
	r2 := runCmd(t, nil, "-ct-log", url, "-ct-state", state, "-ct-batch", "4")
	checkScan(t, r2, 12, 29)
	if b, _ := os.ReadFile(state); !strings.Contains(string(b), `"next_index":30`) {
		t.Errorf("state %q", b)
	}
	// Nothing left: no record.
	if r3 := runCmd(t, nil, "-ct-log", url, "-ct-state", state); len(r3.lines) != 0 || r3.code != exitOK {
		t.Errorf("exit %d, %d records", r3.code, len(r3.lines))
	}
	// No temporary file is left behind.
	if m, _ := filepath.Glob(state + ".tmp*"); len(m) > 0 {
		t.Errorf("left behind: %v", m)
	}
	// The state of another log is refused.
	other := startLog(t, &testLog{entries: testEntries(3), garbageAt: -1})
	if r := runCmd(t, nil, "-ct-log", other, "-ct-state", state); r.code != exitTrouble || !strings.Contains(r.stderr, "is the state of a scan of") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestStateSink: the state follows the records written and flushed, never
// ahead of them.
func TestStateSink(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	var out bytes.Buffer
	s := &stateSink{sink: newJSONWriter(&out), path: path, log: "L", saved: -1}
	for i := range int64(5) {
		rec := &record{Record: records.Record{Input: "L", Index: int(i), LogIndex: &i, Err: "x"}}
		if err := s.write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("state written before the output was flushed")
	}
	if err := s.flush(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != `{"log":"L","next_index":5}`+"\n" || strings.Count(out.String(), "\n") != 5 {
		t.Errorf("state %q, output %q", b, out.String())
	}
}

func TestCTScanFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-ct-state", "x"}, "-ct-state needs -ct-log"},
		{[]string{"-ct-log", "http://127.0.0.1:1", "file.pem"}, "give no input files"},
		{[]string{"-ct-log", "http://127.0.0.1:1", "-ct-start", "5", "-ct-end", "4"}, "is before -ct-start"},
		{[]string{"-ct-log", "http://127.0.0.1:1", "-ct-fetchers", "0"}, "-ct-fetchers"},
		{[]string{"-ct-log", "http://127.0.0.1:1", "-ct-batch", "0"}, "-ct-batch"},
	} {
		if r := runCmd(t, nil, tc.args...); r.code != exitTrouble || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, r.code, r.stderr)
		}
	}
	fastRetries(t)
	if r := runCmd(t, nil, "-ct-log", "http://127.0.0.1:1", "-ct-retries", "1"); r.code != exitTrouble || !strings.Contains(r.stderr, "get-sth") {
		t.Errorf("unreachable log: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestCTFormat reads get-entries JSON from stdin: a response object, and
// entry objects one per line with their log index.
func TestCTFormat(t *testing.T) {
	es := testEntries(15)
	resp, err := json.Marshal(ct.GetEntriesResponse{Entries: es})
	if err != nil {
		t.Fatal(err)
	}
	r := runCmd(t, resp, "-format", "ct")
	if len(r.lines) != 15 {
		t.Fatalf("%d records; stderr %q", len(r.lines), r.stderr)
	}
	for i, l := range r.lines {
		if l.LogIndex != nil || l.Index != i {
			t.Errorf("record %d: log_index %v, index %d", i, l.LogIndex, l.Index)
		}
	}
	if e := r.lines[undecodableAt].Error; !strings.Contains(e, "-: entry 5: decoding the log entry") {
		t.Errorf("undecodable: %q", e)
	}
	if l := r.lines[precertAt]; l.EntryType != "precert" || l.Error != "" {
		t.Errorf("precert: %+v", l)
	}

	// One entry per line, with log indices.
	var lines bytes.Buffer
	for i, e := range es {
		b, _ := json.Marshal(map[string]any{"leaf_input": e.LeafInput, "extra_data": e.ExtraData, "log_index": 100 + i})
		lines.Write(append(b, '\n'))
	}
	r = runCmd(t, lines.Bytes(), "-format", "ct")
	if len(r.lines) != 15 {
		t.Fatalf("%d records; stderr %q", len(r.lines), r.stderr)
	}
	for i, l := range r.lines {
		if l.LogIndex == nil || *l.LogIndex != int64(100+i) {
			t.Errorf("record %d: log_index %v", i, l.LogIndex)
		}
	}
	if e := r.lines[truncatedAt].Error; !strings.Contains(e, "log index 107: decoding the log entry") {
		t.Errorf("truncated: %q", e)
	}

	// Garbage: an object that is no entry is an error record and reading
	// goes on; JSON that is not well formed ends the input.
	good, _ := json.Marshal(es[0])
	r = runCmd(t, join(good, []byte("\n{\"foo\":1}\n"), good, []byte("\n{\"leaf_input\": tru")), "-format", "ct")
	if len(r.lines) != 4 || r.lines[0].Error != "" || !strings.Contains(r.lines[1].Error, "no leaf_input") ||
		r.lines[2].Error != "" || !strings.Contains(r.lines[3].Error, "reading get-entries JSON") || r.code != exitTrouble {
		t.Errorf("exit %d, records %+v", r.code, r.lines)
	}
}

// TestCTIssuerAware: the first certificate of the chain is the issuer, so
// the issuer-aware lints run: a leaf logged with another CA's certificate
// gets the issuer name finding, with its own CA's none.
func TestCTIssuerAware(t *testing.T) {
	const lintName = "e_smimelint_issuer_name_mismatch"
	var in bytes.Buffer
	for _, e := range []ct.LeafEntry{cttest.X509Entry(goodDER(), caDER()), cttest.X509Entry(goodDER(), otherCA()), cttest.X509Entry(goodDER())} {
		b, _ := json.Marshal(e)
		in.Write(append(b, '\n'))
	}
	r := runCmd(t, in.Bytes(), "-format", "ct")
	if len(r.lines) != 3 {
		t.Fatalf("%d records, stderr %q", len(r.lines), r.stderr)
	}
	got := []bool{slices.Contains(r.lines[0].lints(), lintName), slices.Contains(r.lines[1].lints(), lintName),
		slices.Contains(r.lines[2].lints(), lintName)}
	if !slices.Equal(got, []bool{false, true, false}) {
		t.Errorf("%s reported: %v; records %+v", lintName, got, r.lines)
	}
}

// TestCTScreened: with a registry of S/MIME lints only, a TLS certificate
// is screened out unparsed ("screened": true, no findings), in a log entry
// and in any other input; the S/MIME leaves are linted as before.
func TestCTScreened(t *testing.T) {
	es := []ct.LeafEntry{cttest.X509Entry(tlsDER(), caDER()), cttest.X509Entry(badDER(), caDER())}
	resp, _ := json.Marshal(ct.GetEntriesResponse{Entries: es})
	for _, tc := range []struct {
		name  string
		input []byte
		args  []string
	}{
		{"ct", resp, []string{"-format", "ct"}},
		{"base64", join(b64Line(tlsDER()), b64Line(badDER())), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCmd(t, tc.input, append(tc.args, "-includeSources", "CABF_SMIME_BR")...)
			if len(r.lines) != 2 {
				t.Fatalf("%d records, stderr %q", len(r.lines), r.stderr)
			}
			if l := r.lines[0]; !l.Screened || l.Findings == nil || len(*l.Findings) != 0 || l.SHA256 != sha(tlsDER()) {
				t.Errorf("TLS: %+v", l)
			}
			if l := r.lines[1]; l.Screened || !slices.Contains(l.errorLints(), nonASCIILint) {
				t.Errorf("S/MIME: %+v", l)
			}
			// -all holds TLS lints: nothing is screened.
			r = runCmd(t, tc.input, append(tc.args, "-all")...)
			if len(r.lines) != 2 || r.lines[0].Screened || len(*r.lines[0].Findings) == 0 {
				t.Errorf("-all: %+v", r.lines)
			}
		})
	}
}

// TestCTProgressAndSummary: -progress shows the log index and the findings
// by severity; -summary ends with counts per lint and per issuing CA.
func TestCTProgressAndSummary(t *testing.T) {
	fastRetries(t)
	url := startLog(t, &testLog{entries: testEntries(20), garbageAt: -1})
	r := runCmd(t, nil, "-ct-log", url, "-progress")
	if !regexp.MustCompile(`log index 19, findings [1-9]\d* error \d+ warn`).MatchString(r.stderr) {
		t.Errorf("progress %q", r.stderr)
	}
	r = runCmd(t, nil, "-ct-log", url, "-summary")
	if !strings.Contains(r.stdout, "ISSUING CA (CN or O)") || !strings.Contains(r.stdout, "zlint-smime Test CA") ||
		!regexp.MustCompile(`(?m)^1 +`+nonASCIILint+` +error$`).MatchString(r.stdout) {
		t.Errorf("summary:\n%s", r.stdout)
	}
}

// TestCTScanStop: a scan stopped mid-way (Ctrl-C cancels its context) yields
// a gapless run of entries from its first index, so that the state written
// after them resumes without loss or repeat.
func TestCTScanStop(t *testing.T) {
	fastRetries(t)
	url := startLog(t, &testLog{entries: testEntries(200), garbageAt: -1, maxBatch: 7})
	client, err := newTestClient(url)
	if err != nil {
		t.Fatal(err)
	}
	for _, stopAfter := range []int{1, 10, 50, 120} {
		o := &ctOptions{log: url, fetchers: 3, batch: 10, retries: 2}
		s := &logScan{opts: o, client: client, first: 3, last: 199}
		s.batch.Store(int64(o.batch))
		ctx, cancel := context.WithCancel(context.Background())
		next := int64(3)
		for it := range s.items(ctx) {
			if it.CT.LogIndex != next || it.Err != nil {
				t.Fatalf("stop after %d: got log index %d (%v), want %d", stopAfter, it.CT.LogIndex, it.Err, next)
			}
			next++
			if next-3 == int64(stopAfter) {
				cancel()
			}
		}
		cancel()
		if next-3 < int64(stopAfter) || next > 200 {
			t.Errorf("stop after %d: ended before %d", stopAfter, next)
		}
	}
}

func newTestClient(url string) (*jsonclient.JSONClient, error) {
	return jsonclient.New(url, &http.Client{Timeout: 10 * time.Second}, jsonclient.Options{Logger: quietLogger{}})
}

// TestCTDetect: get-entries JSON is recognised without -format, and a log
// URL may end with a slash.
func TestCTDetect(t *testing.T) {
	resp, _ := json.Marshal(ct.GetEntriesResponse{Entries: testEntries(3)})
	r := runCmd(t, append([]byte("\n  "), resp...))
	if len(r.lines) != 3 || r.lines[0].EntryType != "x509" {
		t.Errorf("records %+v, stderr %q", r.lines, r.stderr)
	}
	fastRetries(t)
	url := startLog(t, &testLog{entries: testEntries(4), garbageAt: -1})
	checkScan(t, runCmd(t, nil, "-ct-log", url+"/"), 0, 3)
}

// TestCTHostileLogs: a log whose answers never end, whose body is larger
// than any get-entries answer, or whose tree shrinks between two scans
// gets a clear error, loses no entry and keeps the resume state right.
func TestCTHostileLogs(t *testing.T) {
	fastRetries(t)
	oldTimeout, oldMax := ctHTTPTimeout, ctMaxBody
	ctHTTPTimeout, ctMaxBody = 300*time.Millisecond, 64<<10
	t.Cleanup(func() { ctHTTPTimeout, ctMaxBody = oldTimeout, oldMax })
	good := &testLog{entries: testEntries(4), garbageAt: -1}
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"never ends its answer", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == ct.GetSTHPath {
				good.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"entries":[`))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, "(Client.Timeout|deadline exceeded)"},
		{"sends an endless body", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == ct.GetSTHPath {
				good.ServeHTTP(w, r)
				return
			}
			w.Write([]byte(`{"entries":[{"leaf_input":"`))
			chunk := bytes.Repeat([]byte("A"), 32<<10)
			for range 64 { // 2 MiB, far past the test's 64 KiB limit
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, "larger than 65536 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			t.Cleanup(srv.Close)
			start := time.Now()
			r := runCmd(t, nil, "-ct-log", srv.URL, "-ct-retries", "1")
			if time.Since(start) > 20*time.Second {
				t.Errorf("the scan took %v", time.Since(start))
			}
			if len(r.lines) != 4 {
				t.Fatalf("%d records, want one per index; stderr %q", len(r.lines), r.stderr)
			}
			for i, l := range r.lines {
				if l.LogIndex == nil || *l.LogIndex != int64(i) || !regexp.MustCompile(tc.want).MatchString(l.Error) {
					t.Errorf("record %d: %+v, want an error naming index %d and %q", i, l, i, tc.want)
				}
			}
		})
	}

	// The tree shrinks below the resume point: a clear error, the state kept.
	state := filepath.Join(t.TempDir(), "scan.state")
	url := startLog(t, &testLog{entries: testEntries(8), garbageAt: -1})
	if r := runCmd(t, nil, "-ct-log", url, "-ct-state", state); r.code == exitTrouble && len(r.lines) != 8 {
		t.Fatalf("first scan: exit %d, %d records", r.code, len(r.lines))
	}
	before, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	small := &testLog{entries: testEntries(3), garbageAt: -1}
	srv := httptest.NewServer(small)
	t.Cleanup(srv.Close)
	// The state names the first log's URL; point it at the shrunk one.
	moved := bytes.ReplaceAll(before, []byte(url), []byte(srv.URL))
	if err := os.WriteFile(state, moved, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCmd(t, nil, "-ct-log", srv.URL, "-ct-state", state)
	if r.code != exitTrouble || !strings.Contains(r.stderr, "a log's tree never shrinks") || len(r.lines) != 0 {
		t.Errorf("shrunk tree: exit %d, %d records, stderr %q", r.code, len(r.lines), r.stderr)
	}
	if after, _ := os.ReadFile(state); !bytes.Equal(after, moved) {
		t.Errorf("the state changed: %s", after)
	}
}

// TestCTPrecertSigningCertificate runs -format ct on a precertificate whose
// chain starts with a Precertificate Signing Certificate: the leaf's
// TBSCertificate is linted with the CA after it, and gets the findings the
// certificate gets with -issuer (the precertificate's own issuer fields name
// the PSC, so linting it would report issuer mismatches).
func TestCTPrecertSigningCertificate(t *testing.T) {
	tbs, ok := smime.TBSOf(goodDER())
	if !ok {
		t.Fatal("the test leaf has no TBS")
	}
	// The precertificate as the PSC signs it: its issuer is the PSC, and
	// it carries the poison extension.
	leaf, err := x509.ParseCertificate(goodDER())
	if err != nil {
		t.Fatal(err)
	}
	psc, err := x509.ParseCertificate(pscDER())
	if err != nil {
		t.Fatal(err)
	}
	tmpl := *leaf
	tmpl.SignatureAlgorithm = x509.UnknownSignatureAlgorithm
	tmpl.ExtraExtensions = []pkix.Extension{{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}, Critical: true, Value: []byte{5, 0}}}
	precert, err := x509.CreateCertificate(rand.Reader, &tmpl, psc, leaf.PublicKey, leafKey())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := json.Marshal(ct.GetEntriesResponse{Entries: []ct.LeafEntry{cttest.PrecertEntry(precert, tbs, pscDER(), caDER())}})
	if err != nil {
		t.Fatal(err)
	}
	entry := runCmd(t, resp, "-format", "ct")
	dir := t.TempDir()
	file := runCmd(t, nil, "-issuer", writeFile(t, dir, "ca.pem", pemOf("CERTIFICATE", caDER())),
		writeFile(t, dir, "leaf.pem", pemOf("CERTIFICATE", goodDER())))
	if len(entry.lines) != 1 || len(file.lines) != 1 || entry.lines[0].Error != "" ||
		!slices.Equal(entry.lines[0].lints(), file.lines[0].lints()) || entry.lines[0].EntryType != "precert" {
		t.Errorf("entry: %s\nfile: %s", entry.stdout, file.stdout)
	}
}
