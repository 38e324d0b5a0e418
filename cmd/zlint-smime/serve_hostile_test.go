package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smimelint/zlint-smime/internal/fixtures"
)

// startRealServer serves s.run on a loopback listener, with the
// http.Server's own timeouts (httptest's server has none), and returns its
// base URL.
func startRealServer(t *testing.T, cfg serveConfig) string {
	t.Helper()
	s, err := newServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// TestServeHostile: a client that sends its body one byte a second, a
// thousand connections at once, and certificates of 30,000 and 50,000
// subjectAltName entries; afterwards the service still answers /livez and lints correctly.
func TestServeHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile clients take seconds")
	}
	cfg := testServerConfig()
	cfg.timeout = time.Second
	base := startRealServer(t, cfg)
	addr := strings.TrimPrefix(base, "http://")
	client := &http.Client{Timeout: 10 * time.Second}

	t.Run("slow body", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /lintcert HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n")
		start := time.Now()
		closed := make(chan struct{})
		go func() {
			io.Copy(io.Discard, c) // until the server closes the connection
			close(closed)
		}()
		for i := 0; ; i++ {
			select {
			case <-closed:
				if d := time.Since(start); d > 4*cfg.timeout {
					t.Errorf("the connection stayed open %v, the timeout is %v", d, cfg.timeout)
				}
				return
			case <-time.After(time.Second):
				if i > 10 {
					t.Fatal("the server still holds a connection that sends a byte a second")
				}
				c.Write([]byte("b"))
			}
		}
	})

	// The rest use a server with the usual request time. With one second,
	// a loaded machine (CI, -race) can take longer than that to read a
	// thousand connections or lint 30,000 names, and the server then rightly
	// closes the connection; that is the slow client's case above, and how
	// fast a lint is belongs to the benchmarks, not to a timed test.
	base = startRealServer(t, testServerConfig())

	t.Run("1000 connections", func(t *testing.T) {
		der := fixtureCert(t, "baseline_strict_mailbox.pem").Raw
		form := url.Values{"b64cert": {base64.StdEncoding.EncodeToString(der)}}
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[int]int{}
		errs := map[string]int{}
		transport := &http.Transport{MaxConnsPerHost: 0, DisableKeepAlives: true}
		c := &http.Client{Timeout: 20 * time.Second, Transport: transport}
		for range 1000 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, msg := -1, ""
				if resp, err := c.PostForm(base+"/lintcert", form); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					code = resp.StatusCode
				} else {
					msg = err.Error()
				}
				mu.Lock()
				codes[code]++
				if msg != "" {
					errs[msg]++
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		// Each is answered (200) or refused while the slots are busy (503);
		// a connection error would be a failure of the service.
		if codes[200]+codes[503] != 1000 {
			t.Errorf("answers by status: %v; errors: %v", codes, errs)
		}
		t.Logf("1000 concurrent requests: %v", codes)
	})

	// 50,000 entries do not fit the 1 MiB body limit (413); 30,000 do, and
	// the lint of all of them is answered. So for an extension of 1 MiB and
	// one of 512 KiB.
	for _, tc := range []struct {
		name string
		make func() ([]byte, error)
		want int
	}{
		{"50000 subjectAltName entries", func() ([]byte, error) { return fixtures.ManyNames(50000) }, http.StatusRequestEntityTooLarge},
		{"30000 subjectAltName entries", func() ([]byte, error) { return fixtures.ManyNames(30000) }, http.StatusOK},
		{"1 MiB extension", func() ([]byte, error) { return fixtures.BigExtension(1 << 20) }, http.StatusRequestEntityTooLarge},
		{"512 KiB extension", func() ([]byte, error) { return fixtures.BigExtension(512 << 10) }, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			der, err := tc.make()
			if err != nil {
				t.Fatal(err)
			}
			form := url.Values{"b64cert": {base64.StdEncoding.EncodeToString(der)}}
			start := time.Now()
			resp, err := client.PostForm(base+"/lintcert", form)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			t.Logf("%d bytes of form, answered %d in %v", len(form.Encode()), resp.StatusCode, time.Since(start))
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
			// Answered means linted: a JSON array with the meta entry, not
			// a fatal one.
			if tc.want == http.StatusOK && (!strings.HasPrefix(string(body), "[") || strings.Contains(string(body), `"fatal"`)) {
				t.Errorf("answer: %.300s", body)
			}
		})
	}

	// Afterwards: alive, and linting as before.
	resp, err := client.Get(base + "/livez")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("/livez: %v %v", resp, err)
	}
	resp.Body.Close()
	der := fixtureCert(t, "eai02_rfc822_non_ascii_fail.pem").Raw
	code, body := postForm(t, client, base+"/lintcert", url.Values{"b64cert": {base64.StdEncoding.EncodeToString(der)}})
	if code != 200 || !strings.Contains(string(body), "e_smimelint_rfc822name_non_ascii") {
		t.Errorf("after the hostile clients: %d %s", code, body)
	}
}

// FuzzServeRequest sends the service any body, as a form, a multipart
// body or a query: it must answer without panicking, with a status of the
// API, and with a JSON array of results whenever it answers 200 in JSON.
func FuzzServeRequest(f *testing.F) {
	der := []byte{0x30, 0x03, 0x02, 0x01, 0x01}
	f.Add("b64cert="+url.QueryEscape(base64.StdEncoding.EncodeToString(der)), "application/x-www-form-urlencoded", false)
	f.Add("b64input=-----BEGIN%20CERTIFICATE-----%0AMAA%3D%0A-----END%20CERTIFICATE-----&format=json&severity=error", "application/x-www-form-urlencoded", false)
	f.Add("--b\r\nContent-Disposition: form-data; name=\"b64cert\"\r\n\r\nMAA=\r\n--b--\r\n", "multipart/form-data; boundary=b", false)
	f.Add("b64cert=MAA%3D&issuer=MAA%3D&profile=nope", "", true)
	s, err := newServer(testServerConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body, contentType string, asQuery bool) {
		target := "/lintcert"
		if asQuery {
			target, body = "/lintcert?"+url.PathEscape(body), ""
		}
		r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		w := httptest.NewRecorder()
		s.handler.ServeHTTP(w, r)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusServiceUnavailable:
		default:
			t.Fatalf("status %d", w.Code)
		}
		if w.Code == http.StatusOK && strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			if b := strings.TrimSpace(w.Body.String()); !strings.HasPrefix(b, "[") || !strings.HasSuffix(b, "]") {
				t.Fatalf("a JSON answer that is not an array: %.200q", b)
			}
		}
	})
}
