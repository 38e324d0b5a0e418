package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/smimelint/zlint-smime/internal/records"
	"github.com/smimelint/zlint-smime/smime"
)

// serveFixture reads a PEM fixture of the repository's testdata.
func serveFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// derOf is the DER of a PEM fixture's first block.
func derOf(t testing.TB, pemText string) []byte {
	t.Helper()
	b, _ := pem.Decode([]byte(pemText))
	if b == nil {
		t.Fatal("no PEM block")
	}
	return b.Bytes
}

func testServerConfig() serveConfig {
	return serveConfig{maxBody: 1 << 20, timeout: 10 * time.Second, concurrency: runtime.NumCPU(), issuerCache: 8, shutdown: 10 * time.Second}
}

// startServer serves a new server on 127.0.0.1 with httptest.
func startServer(t testing.TB, cfg serveConfig) (*server, *httptest.Server) {
	t.Helper()
	s, err := newServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.handler)
	t.Cleanup(ts.Close)
	return s, ts
}

func decodeResults(t testing.TB, body []byte) []apiResult {
	t.Helper()
	var rs []apiResult
	if err := json.Unmarshal(body, &rs); err != nil {
		t.Fatalf("not a JSON array of results: %v: %s", err, body)
	}
	return rs
}

func postForm(t testing.TB, c *http.Client, u string, v url.Values) (int, []byte) {
	t.Helper()
	resp, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestServeLintEndpoints(t *testing.T) {
	_, ts := startServer(t, testServerConfig())
	good := serveFixture(t, "baseline_strict_mailbox.pem")
	bad := serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")
	ca := serveFixture(t, "ca_smime_rsa4096.pem")
	crl := serveFixture(t, "crl_baseline.pem")
	tbs := tbsOf(t, derOf(t, good))
	crlTBS := tbsOf(t, derOf(t, crl))
	// A key zcrypto cannot parse: the same finding signed and unsigned.
	brainpool := serveFixture(t, filepath.Join("unparsable", "key_brainpoolp256r1_fail.pem"))
	brainpoolTBS := tbsOf(t, derOf(t, brainpool))
	b64 := base64.StdEncoding.EncodeToString

	tests := []struct {
		name   string
		path   string
		params url.Values
		status int
		// codes are the lint names of the findings (entries with a Code);
		// fatal, when set, is a word the single fatal entry holds.
		codes []string
		fatal string
		meta  bool
	}{
		{"clean cert, PEM", "/lintcert", url.Values{"b64input": {good}}, 200, nil, "", true},
		{"clean cert, base64, alt name", "/lintcert", url.Values{"b64cert": {b64(derOf(t, good))}}, 200, nil, "", true},
		{"finding", "/lintcert", url.Values{"b64input": {bad}}, 200, []string{"e_smimelint_rfc822name_non_ascii"}, "", true},
		{"finding, severity error", "/lintcert", url.Values{"b64input": {bad}, "severity": {"error"}}, 200, []string{"e_smimelint_rfc822name_non_ascii"}, "", false},
		{"finding, severity fatal filters all", "/lintcert", url.Values{"b64input": {bad}, "severity": {"fatal"}}, 200, nil, "", false},
		{"with issuer", "/lintcert", url.Values{"b64input": {good}, "issuer": {ca}}, 200, nil, "", true},
		{"profile smimelint_recommended", "/lintcert", url.Values{"b64input": {bad}, "profile": {"smimelint_recommended"}}, 200, []string{"e_smimelint_rfc822name_non_ascii"}, "", true},
		{"tbs cert", "/linttbscert", url.Values{"b64tbscert": {b64(tbs)}}, 200, nil, "", true},
		{"unparsable key", "/lintcert", url.Values{"b64input": {brainpool}, "issuer": {ca}}, 200, []string{"e_smimelint_spki_algorithm_encoding"}, "", true},
		{"unparsable key, tbs", "/linttbscert", url.Values{"b64input": {b64(brainpoolTBS)}, "issuer": {ca}}, 200, []string{"e_smimelint_spki_algorithm_encoding"}, "", true},
		{"crl", "/lintcrl", url.Values{"b64crl": {crl}}, 200, nil, "", true},
		{"tbs crl", "/linttbscrl", url.Values{"b64tbscrl": {b64(crlTBS)}}, 200, nil, "", true},

		// Bad input: 200 with one fatal entry, as pkimetal.
		{"empty", "/lintcert", url.Values{}, 200, nil, "Empty input", false},
		{"not base64 or PEM", "/lintcert", url.Values{"b64input": {"not base64 !!!"}}, 200, nil, "Unrecognised input", false},
		{"broken PEM", "/lintcert", url.Values{"b64input": {"-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n"}}, 200, nil, "Unrecognised input", false},
		{"does not parse", "/lintcert", url.Values{"b64input": {b64([]byte{0x30, 0x03, 0x02, 0x01, 0x01})}}, 200, nil, "Unparsable input", false},
		{"crl to lintcert", "/lintcert", url.Values{"b64input": {crl}}, 200, nil, "use /lintcrl", false},
		{"cert to lintcrl", "/lintcrl", url.Values{"b64input": {good}}, 200, nil, "use /lintcert", false},
		{"tbs to lintcert", "/lintcert", url.Values{"b64input": {b64(tbs)}}, 200, nil, "use /linttbscert", false},
		{"cert to linttbscert", "/linttbscert", url.Values{"b64input": {good}}, 200, nil, "use /lintcert", false},
		{"unknown profile", "/lintcert", url.Values{"b64input": {good}, "profile": {"tbr_leaf_tlsserver_dv"}}, 200, nil, "Unrecognised profile", false},
		{"unknown severity", "/lintcert", url.Values{"b64input": {good}, "severity": {"loud"}}, 200, nil, "Unrecognised severity", false},
		{"issuer not a CA", "/lintcert", url.Values{"b64input": {good}, "issuer": {good}}, 200, nil, "not a CA certificate", false},
		{"issuer not base64", "/lintcert", url.Values{"b64input": {good}, "issuer": {"%%%"}}, 200, nil, "Unusable issuer", false},
		{"unknown format", "/lintcert", url.Values{"b64input": {good}, "format": {"xml"}}, 400, nil, "Unrecognised response format", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := postForm(t, ts.Client(), ts.URL+tc.path, tc.params)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			rs := decodeResults(t, body)
			if bytes.Equal(bytes.TrimSpace(body), []byte("null")) {
				t.Fatal("null, want []")
			}
			if tc.fatal != "" {
				if len(rs) != 1 || rs[0].Severity != "fatal" || !strings.Contains(rs[0].Finding, tc.fatal) {
					t.Fatalf("want one fatal entry with %q, got %+v", tc.fatal, rs)
				}
				return
			}
			if got := len(rs) > 0 && rs[0].Severity == "meta"; got != tc.meta {
				t.Fatalf("meta entry first: %v, want %v: %+v", got, tc.meta, rs)
			}
			if tc.meta && !strings.HasPrefix(rs[0].Finding, "Profile: ") {
				t.Errorf("meta entry %q, want Profile: ...; Version: ...", rs[0].Finding)
			}
			var codes []string
			for _, r := range rs {
				if r.Linter != linterName {
					t.Errorf("Linter %q", r.Linter)
				}
				if r.Code != "" {
					codes = append(codes, r.Code)
					if !strings.HasPrefix(r.Finding, r.Code) {
						t.Errorf("Finding %q does not start with the lint name", r.Finding)
					}
				}
			}
			if !slices.Equal(codes, tc.codes) {
				t.Errorf("codes %v, want %v", codes, tc.codes)
			}
		})
	}
}

// tbsOf is the first element (the TBS) of a signed structure.
func tbsOf(t testing.TB, der []byte) []byte {
	t.Helper()
	tbs, ok := smime.TBSOf(der)
	if !ok {
		t.Fatal("not a signed structure")
	}
	return tbs
}

func TestServeEmptyResultIsArray(t *testing.T) {
	_, ts := startServer(t, testServerConfig())
	status, body := postForm(t, ts.Client(), ts.URL+"/lintcert", url.Values{
		"b64input": {serveFixture(t, "baseline_strict_mailbox.pem")}, "severity": {"notice"}})
	if status != 200 || string(bytes.TrimSpace(body)) != "[]" {
		t.Fatalf("%d %s, want 200 []", status, body)
	}
}

func TestServeBodyLimit(t *testing.T) {
	cfg := testServerConfig()
	cfg.maxBody = 4096
	_, ts := startServer(t, cfg)
	big := strings.Repeat("A", 8192)
	for _, tc := range []struct {
		name        string
		contentType string
		body        func() io.Reader
	}{
		{"form", "application/x-www-form-urlencoded", func() io.Reader { return strings.NewReader("b64input=" + big) }},
		{"multipart", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			ct := tc.contentType
			if tc.body != nil {
				body = tc.body()
			} else {
				var buf bytes.Buffer
				mw := multipart.NewWriter(&buf)
				mw.WriteField("b64input", big)
				mw.Close()
				body, ct = &buf, mw.FormDataContentType()
			}
			resp, err := ts.Client().Post(ts.URL+"/lintcert", ct, body)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d, want 413: %s", resp.StatusCode, b)
			}
			if rs := decodeResults(t, b); len(rs) != 1 || rs[0].Severity != "fatal" {
				t.Fatalf("%+v", rs)
			}
		})
	}
}

func TestServeParameterSources(t *testing.T) {
	_, ts := startServer(t, testServerConfig())
	bad := serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")
	ca := serveFixture(t, "ca_smime_rsa4096.pem")
	want := "e_smimelint_rfc822name_non_ascii"

	multipartBody := func(file bool) (io.Reader, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		if file {
			w, _ := mw.CreateFormFile("b64cert", "cert.pem")
			io.WriteString(w, bad)
		} else {
			mw.WriteField("b64cert", bad)
		}
		mw.WriteField("issuer", ca)
		mw.Close()
		return &buf, mw.FormDataContentType()
	}
	for _, tc := range []struct {
		name string
		do   func() (*http.Response, error)
	}{
		{"query", func() (*http.Response, error) {
			return ts.Client().Post(ts.URL+"/lintcert?format=json&b64input="+url.QueryEscape(bad), "text/plain", nil)
		}},
		{"multipart value", func() (*http.Response, error) {
			body, ct := multipartBody(false)
			return ts.Client().Post(ts.URL+"/lintcert", ct, body)
		}},
		{"multipart file", func() (*http.Response, error) {
			body, ct := multipartBody(true)
			return ts.Client().Post(ts.URL+"/lintcert", ct, body)
		}},
		{"base64 with spaces for +", func() (*http.Response, error) {
			// A query string written without escaping turns + into a space.
			b64 := base64.StdEncoding.EncodeToString(derOf(t, bad))
			return ts.Client().Post(ts.URL+"/lintcert?b64input="+strings.ReplaceAll(b64, "+", "%20"), "text/plain", nil)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := tc.do()
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			rs := decodeResults(t, b)
			if resp.StatusCode != 200 || len(rs) != 2 || rs[1].Code != want {
				t.Fatalf("%d %+v", resp.StatusCode, rs)
			}
		})
	}
}

func TestServeFormats(t *testing.T) {
	_, ts := startServer(t, testServerConfig())
	bad := serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")
	for _, tc := range []struct {
		name, format, accept, wantType, wantBody string
	}{
		{"json param", "json", "", "application/json", `"Code":"e_smimelint_rfc822name_non_ascii"`},
		{"text param", "text", "", "text/plain", "zlint-smime\tERROR\te_smimelint_rfc822name_non_ascii: "},
		{"html param", "html", "", "text/html", `<tr class="error"><td>zlint-smime</td><td>ERROR</td>`},
		{"accept text", "", "text/plain", "text/plain", "zlint-smime\tMETA\tProfile: autodetect"},
		{"accept html", "", "text/html,application/xhtml+xml;q=0.9", "text/html", "<table"},
		{"accept anything", "", "*/*", "application/json", `"Severity":"meta"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := url.Values{"b64input": {bad}}
			if tc.format != "" {
				v.Set("format", tc.format)
			}
			req, _ := http.NewRequest("POST", ts.URL+"/lintcert", strings.NewReader(v.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.wantType) || !strings.Contains(string(b), tc.wantBody) {
				t.Fatalf("%s\n%s", resp.Header.Get("Content-Type"), b)
			}
		})
	}
}

func TestServeGetEndpoints(t *testing.T) {
	_, ts := startServer(t, testServerConfig())
	bad := serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")
	for _, tc := range []struct {
		path     string
		status   int
		wantType string
		want     string
	}{
		{"/lintcert", 200, "text/html", `<form method="post" action="/lintcert">`},
		{"/linttbscert", 200, "text/html", `name="b64input"`},
		{"/lintcrl", 200, "text/html", `action="/lintcrl"`},
		{"/linttbscrl", 200, "text/html", `action="/linttbscrl"`},
		{"/lintcert?b64cert=" + url.QueryEscape(bad), 200, "text/html", `e_smimelint_rfc822name_non_ascii`},
		{"/linters", 200, "application/json", `"Name":"e_smimelint_rfc822name_non_ascii"`},
		{"/profiles", 200, "application/json", `"Name":"autodetect"`},
		{"/livez", 200, "text/plain", "ok"},
		{"/readyz", 200, "text/plain", "ok"},
		{"/", 200, "text/html", `href="/lintcert"`},
		{"/nope", 404, "text/plain", "not found"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := ts.Client().Get(ts.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.wantType) || !strings.Contains(string(b), tc.want) {
				t.Fatalf("%d %s\n%.600s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
			}
		})
	}

	// /linters: every entry has a name, description and citation, and the
	// lints the service runs are there.
	resp, err := ts.Client().Get(ts.URL + "/linters")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list []lintInfo
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, l := range list {
		if l.Name == "" || l.Description == "" || l.Citation == "" {
			t.Errorf("incomplete entry %+v", l)
		}
		kinds[l.Kind]++
	}
	if kinds["certificate"] == 0 || kinds["crl"] == 0 {
		t.Errorf("kinds %v, want certificate and crl lints", kinds)
	}
}

func TestServeMetrics(t *testing.T) {
	_, ts := startServer(t, testServerConfig())
	postForm(t, ts.Client(), ts.URL+"/lintcert", url.Values{"b64input": {serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")}})
	postForm(t, ts.Client(), ts.URL+"/lintcert", url.Values{"b64input": {"!!"}, "format": {"bogus"}})
	resp, err := ts.Client().Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`zlint_smime_http_requests_total{code="200",endpoint="/lintcert"} 1`,
		`zlint_smime_http_requests_total{code="400",endpoint="/lintcert"} 1`,
		`zlint_smime_http_request_duration_seconds_count{endpoint="/lintcert"} 2`,
		`zlint_smime_findings_total{lint="e_smimelint_rfc822name_non_ascii",severity="error"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestServeIssuerCache: one Linter per issuer, bounded.
func TestServeIssuerCache(t *testing.T) {
	cfg := testServerConfig()
	cfg.issuerCache = 2
	s, ts := startServer(t, cfg)
	good := serveFixture(t, "baseline_strict_mailbox.pem")
	for _, ca := range []string{"ca_smime_rsa4096.pem", "ca_smime_rsa2048.pem", "ca_smime_rsa3072.pem", "ca_smime_rsa4096.pem"} {
		status, body := postForm(t, ts.Client(), ts.URL+"/lintcert", url.Values{"b64input": {good}, "issuer": {serveFixture(t, ca)}})
		if rs := decodeResults(t, body); status != 200 || len(rs) == 0 || rs[0].Severity != "meta" {
			t.Fatalf("%s: %d %s", ca, status, body)
		}
	}
	n := s.issuers.cache.Len()
	if n > 2 {
		t.Errorf("%d Linters cached, want at most 2", n)
	}
}

// TestServeGracefulShutdown: cancelling run's context (what SIGTERM does)
// marks the server not ready, and a request in flight still completes.
func TestServeGracefulShutdown(t *testing.T) {
	s, err := newServer(testServerConfig())
	if err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	s.beforeLint = func() {
		once.Do(func() { close(entered) })
		<-release
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.run(ctx, ln) }()
	base := "http://" + ln.Addr().String()

	type reply struct {
		status int
		body   []byte
		err    error
	}
	got := make(chan reply, 1)
	go func() {
		resp, err := http.PostForm(base+"/lintcert", url.Values{"b64input": {serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")}})
		if err != nil {
			got <- reply{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- reply{status: resp.StatusCode, body: b}
	}()
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the request never reached the linter")
	}
	cancel()
	// Shutdown closes the listener first: wait until a new connection is
	// refused, then check readiness from inside and release the request.
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the listener stayed open after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if s.ready.Load() {
		t.Error("still ready while shutting down")
	}
	select {
	case err := <-done:
		t.Fatalf("run returned %v before the request in flight finished", err)
	default:
	}
	close(release)
	r := <-got
	if r.err != nil || r.status != 200 || !strings.Contains(string(r.body), "e_smimelint_rfc822name_non_ascii") {
		t.Fatalf("request in flight: %v %d %s", r.err, r.status, r.body)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after the last request")
	}
}

// TestServeConcurrencyBound: a request whose lint runs past the timeout is
// answered 503 at the timeout while its lint goes on holding the slot;
// another request meanwhile waits and gets 503 rather than being linted;
// once the slow lint ends, its slot serves the next request.
func TestServeConcurrencyBound(t *testing.T) {
	cfg := testServerConfig()
	cfg.concurrency, cfg.timeout = 1, 200*time.Millisecond
	s, ts := startServer(t, cfg)
	var held atomic.Bool
	entered, release, ended := make(chan struct{}), make(chan struct{}), make(chan struct{})
	s.beforeLint = func() {
		if held.CompareAndSwap(false, true) {
			close(entered)
			<-release // the first lint goes on until the test lets it end
			defer close(ended)
		}
	}
	good := serveFixture(t, "baseline_strict_mailbox.pem")
	type reply struct {
		status int
		body   string
	}
	first := make(chan reply, 1)
	go func() {
		status, body := postForm(t, ts.Client(), ts.URL+"/lintcert", url.Values{"b64input": {good}})
		first <- reply{status, string(body)}
	}()
	<-entered
	status, body := postForm(t, ts.Client(), ts.URL+"/lintcert", url.Values{"b64input": {good}})
	if status != http.StatusServiceUnavailable || !strings.Contains(string(body), "Timed out waiting for a linting slot") {
		t.Errorf("second request: %d %s", status, body)
	}
	// The first is answered while its lint is still held: the test has not
	// released it yet, so a server that waited for the lint would not answer.
	if r := <-first; r.status != http.StatusServiceUnavailable || !strings.Contains(r.body, "Timed out linting") {
		t.Errorf("first request: %d %s", r.status, r.body)
	}
	close(release)
	<-ended
	for i := 0; ; i++ { // the slot comes back when the goroutine returns, just after
		status, body = postForm(t, ts.Client(), ts.URL+"/lintcert", url.Values{"b64input": {good}})
		if status == 200 || i == 20 {
			break
		}
	}
	if status != 200 {
		t.Errorf("after the slow lint ended: %d %s", status, body)
	}
	if got := testutil.ToFloat64(s.metrics.lintTimeouts); got != 1 {
		t.Errorf("zlint_smime_lint_timeouts_total = %v, want 1", got)
	}
}

// loadResult is the outcome of a load run.
type loadResult struct {
	failures int
	elapsed  time.Duration
	lat      []time.Duration
}

func (r loadResult) percentile(p float64) time.Duration {
	return r.lat[int(p*float64(len(r.lat)-1))]
}

// runLoad posts body to /lintcert n times, c at a time, with a client of
// its own (c idle connections kept).
func runLoad(base string, body string, n, c int) loadResult {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: c, MaxIdleConnsPerHost: c}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var failures atomic.Int64
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				t0 := time.Now()
				resp, err := client.Post(base+"/lintcert", "application/x-www-form-urlencoded", strings.NewReader(body))
				if err != nil {
					failures.Add(1)
					continue
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				if err != nil || resp.StatusCode != 200 || !bytes.Contains(b, []byte("e_smimelint_rfc822name_non_ascii")) {
					failures.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	r := loadResult{failures: int(failures.Load()), elapsed: time.Since(start), lat: lat}
	sort.Slice(r.lat, func(i, j int) bool { return r.lat[i] < r.lat[j] })
	return r
}

func heapInuse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestServeLoad: 10,000 /lintcert requests, 16 at a time, on the loopback
// interface: none fails, and the heap is about what it was after a warm-up.
// The rate and latencies are logged, not asserted (speed lives in
// BenchmarkServeLintCert).
func TestServeLoad(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	_, ts := startServer(t, testServerConfig())
	body := url.Values{"b64input": {serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")}}.Encode()
	if w := runLoad(ts.URL, body, 500, 16); w.failures != 0 {
		t.Fatalf("warm-up: %d failures", w.failures)
	}
	before := heapInuse()
	r := runLoad(ts.URL, body, n, 16)
	after := heapInuse()
	if r.failures != 0 {
		t.Fatalf("%d of %d requests failed", r.failures, n)
	}
	t.Logf("%d requests, 16 at a time: %.0f requests/s, p50 %v, p99 %v; HeapInuse %d KiB before, %d KiB after",
		n, float64(n)/r.elapsed.Seconds(), r.percentile(0.50).Round(time.Microsecond), r.percentile(0.99).Round(time.Microsecond),
		before>>10, after>>10)
	// Generous: a leak of even 1 KiB per request would be 10 MB.
	if after > before+8<<20 {
		t.Errorf("HeapInuse grew from %d to %d bytes over %d requests", before, after, n)
	}
}

// BenchmarkServeLintCert: /lintcert over the loopback interface, 16
// requests at a time, with the rate and latencies as metrics.
func BenchmarkServeLintCert(b *testing.B) {
	_, ts := startServer(b, testServerConfig())
	body := url.Values{"b64input": {serveFixture(b, "eai02_rfc822_non_ascii_fail.pem")}}.Encode()
	runLoad(ts.URL, body, 200, 16)
	b.ResetTimer()
	r := runLoad(ts.URL, body, b.N, 16)
	b.StopTimer()
	if r.failures != 0 {
		b.Fatalf("%d failures", r.failures)
	}
	b.ReportMetric(float64(b.N)/r.elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(r.percentile(0.50).Microseconds()), "p50-µs")
	b.ReportMetric(float64(r.percentile(0.99).Microseconds()), "p99-µs")
}

// TestServeBrowser loads the form page and a result page in headless
// Chromium (Debian's package) and checks the DOM it renders.
func TestServeBrowser(t *testing.T) {
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("headless Chromium is not installed (%s): apt-get install -y chromium to run the browser test", chromium)
	}
	_, ts := startServer(t, testServerConfig())
	bad := serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")
	dump := func(u string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--disable-dev-shm-usage", "--user-data-dir="+t.TempDir(), "--dump-dom", u)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, stderr.Bytes())
		}
		return string(out)
	}
	form := dump(ts.URL + "/lintcert")
	for _, want := range []string{`<textarea id="b64input" name="b64input"`, `<button type="submit">Lint</button>`, `<option value="autodetect" selected="">`} {
		if !strings.Contains(form, want) {
			t.Errorf("form page lacks %s:\n%.2000s", want, form)
		}
	}
	page := dump(ts.URL + "/lintcert?b64cert=" + url.QueryEscape(bad))
	row := `<tr class="error"><td>zlint-smime</td><td>ERROR</td><td class="code">e_smimelint_rfc822name_non_ascii</td>`
	if !strings.Contains(page, row) {
		t.Errorf("result page lacks the finding's row %s:\n%.3000s", row, page)
	}
	if !strings.Contains(page, "-----BEGIN CERTIFICATE-----") {
		t.Error("result page does not keep the input in the form")
	}
	if fmt.Sprint(os.Getenv("SERVE_SCREENSHOT")) != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir="+t.TempDir(), "--screenshot="+os.Getenv("SERVE_SCREENSHOT"), "--window-size=1200,800",
			ts.URL+"/lintcert?b64cert="+url.QueryEscape(bad)).CombinedOutput()
		if err != nil {
			t.Fatalf("screenshot: %v %s", err, out)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeCommandSIGTERM runs "zlint-smime serve" in-process and sends the
// process SIGTERM, which the command catches: it stops with status 0.
func TestServeCommandSIGTERM(t *testing.T) {
	var stderr syncBuffer
	status := make(chan int, 1)
	go func() { status <- run([]string{"serve", "-addr", "127.0.0.1:0"}, nil, io.Discard, &stderr) }()
	var addr string
	for deadline := time.Now().Add(20 * time.Second); addr == ""; time.Sleep(20 * time.Millisecond) {
		if _, after, ok := strings.Cut(stderr.String(), "listening on "); ok {
			addr = strings.TrimSpace(after)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the service did not start: %s", stderr.String())
		}
	}
	st, body := postForm(t, http.DefaultClient, "http://"+addr+"/lintcert",
		url.Values{"b64input": {serveFixture(t, "eai02_rfc822_non_ascii_fail.pem")}})
	if st != 200 || !strings.Contains(string(body), "e_smimelint_rfc822name_non_ascii") {
		t.Fatalf("%d %s", st, body)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-status:
		if s != exitOK {
			t.Fatalf("status %d: %s", s, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the service did not stop on SIGTERM")
	}
}

func TestServeCommandUsage(t *testing.T) {
	badConfig := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(badConfig, []byte("[e_smimelint_subca_eku]\nCrossCertifcate = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"serve", "-concurrency", "0"}, exitTrouble, "-concurrency: 0 is not a positive number"},
		{[]string{"serve", "-max-body", "0"}, exitTrouble, "-max-body"},
		{[]string{"serve", "extra"}, exitTrouble, `unexpected argument "extra"`},
		{[]string{"serve", "-nosuchflag"}, exitTrouble, "flag provided but not defined"},
		{[]string{"serve", "-addr", "127.0.0.1:-1"}, exitTrouble, "listen"},
		{[]string{"serve", "-h"}, exitOK, "Usage: zlint-smime serve"},
		{[]string{"serve", "-smime-ca", "/nonexistent"}, exitTrouble, "-smime-ca"},
		{[]string{"serve", "-config", "/nonexistent"}, exitTrouble, "-config"},
		{[]string{"serve", "-config", badConfig}, exitTrouble, `unknown key "CrossCertifcate"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			if s := run(tc.args, nil, io.Discard, &stderr); s != tc.status || !strings.Contains(stderr.String(), tc.want) {
				t.Fatalf("status %d, stderr %q; want %d and %q", s, stderr.String(), tc.status, tc.want)
			}
		})
	}
}

// TestServeDeclaredCAs runs the service with -smime-ca's declared S/MIME
// CAs: a root without S/MIME signal is linted as an S/MIME root, by every
// profile and with an issuer, as the command lints it; without the
// declaration it is out of scope.
func TestServeDeclaredCAs(t *testing.T) {
	root := serveFixture(t, "key02_root_rsa3072_no_signal_na.pem")
	sum := sha256.Sum256(derOf(t, root))
	list := filepath.Join(t.TempDir(), "smime-ca.txt")
	if err := os.WriteFile(list, []byte(hex.EncodeToString(sum[:])+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "e_smimelint_ca_rsa_key_under_4096"
	for _, tc := range []struct {
		name     string
		smimeCA  string
		profile  string
		declared bool
	}{
		{"not declared", "", "", false},
		{"declared", list, "", true},
		{"declared, cross profile", list, "smimelint_cross_certificate", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testServerConfig()
			var err error
			if cfg.config, err = records.ConfigText("", tc.smimeCA); err != nil {
				t.Fatal(err)
			}
			_, ts := startServer(t, cfg)
			params := url.Values{"b64input": {root}}
			if tc.profile != "" {
				params.Set("profile", tc.profile)
			}
			status, body := postForm(t, ts.Client(), ts.URL+"/lintcert", params)
			if status != 200 {
				t.Fatalf("status %d: %s", status, body)
			}
			got := slices.ContainsFunc(decodeResults(t, body), func(r apiResult) bool { return r.Code == want })
			if got != tc.declared {
				t.Errorf("%s reported: %v, want %v: %s", want, got, tc.declared, body)
			}
			cmd := runCmd(t, nil, append(func() []string {
				if tc.smimeCA != "" {
					return []string{"-smime-ca", tc.smimeCA}
				}
				return nil
			}(), filepath.Join("..", "..", "testdata", "key02_root_rsa3072_no_signal_na.pem"))...)
			if len(cmd.lines) != 1 || slices.Contains(cmd.lines[0].lints(), want) != tc.declared {
				t.Errorf("the command disagrees: %s", cmd.stdout)
			}
		})
	}
}
