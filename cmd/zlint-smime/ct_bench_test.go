package main

// A scan of a 100,000-entry log on loopback (issue 19): upstream zlint's TLS
// test certificates with an S/MIME leaf every 100 entries, each with a
// one-certificate chain, scanned with one worker and with every core.
//
//	go test -run '^$' -bench CTScan -benchtime 1x ./cmd/zlint-smime

import (
	"encoding/pem"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	ct "github.com/google/certificate-transparency-go"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/cttest"
)

const scanBenchEntries = 100_000

// benchLogEntries builds the log: the entries share the bytes of a few
// hundred distinct entries, so the log costs little memory.
func benchLogEntries(b *testing.B) []ct.LeafEntry {
	b.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/zmap/zlint/v3").Output()
	if err != nil {
		b.Fatal(err)
	}
	var tls []ct.LeafEntry
	err = filepath.WalkDir(filepath.Join(strings.TrimSpace(string(out)), "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".pem") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// The TLS test certificates: serverAuth in the text dump upstream
		// writes above each PEM block, and no S/MIME marks.
		text := string(raw)
		if p, _ := pem.Decode(raw); p != nil && p.Type == "CERTIFICATE" &&
			strings.Contains(text, "TLS Web Server Authentication") && !strings.Contains(text, "E-mail Protection") &&
			!strings.Contains(text, "email:") && !strings.Contains(text, "2.23.140.1.5") && parses(p.Bytes) {
			tls = append(tls, cttest.X509Entry(p.Bytes, caDER()))
		}
		return nil
	})
	if err != nil || len(tls) < 100 {
		b.Fatalf("%d TLS certificates: %v", len(tls), err)
	}
	smime := []ct.LeafEntry{cttest.X509Entry(goodDER(), caDER()), cttest.X509Entry(badDER(), caDER()), precertEntry(goodDER(), caDER())}
	es := make([]ct.LeafEntry, scanBenchEntries)
	for i := range es {
		if i%100 == 99 {
			es[i] = smime[(i/100)%len(smime)]
		} else {
			es[i] = tls[i%len(tls)]
		}
	}
	return es
}

func BenchmarkCTScan(b *testing.B) {
	// As main sets it (defaultGCPercent).
	defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))
	url := startLogB(b, &testLog{entries: benchLogEntries(b), garbageAt: -1, maxBatch: 1000})
	for _, reg := range []struct{ name, flag string }{
		{"recommended", ""},
		{"smime-sources-screened", "-includeSources=CABF_SMIME_BR"},
	} {
		for _, workers := range []int{1, runtime.NumCPU()} {
			b.Run(fmt.Sprintf("%s/workers=%d", reg.name, workers), func(b *testing.B) {
				args := []string{"-ct-log", url, "-ct-batch", "1000", "-ct-fetchers", "4", "-workers", strconv.Itoa(workers)}
				if reg.flag != "" {
					args = append(args, reg.flag)
				}
				for b.Loop() {
					if code := run(args, nil, io.Discard, io.Discard); code != exitFindings {
						b.Fatalf("exit %d", code)
					}
				}
				b.ReportMetric(float64(scanBenchEntries*b.N)/b.Elapsed().Seconds(), "certs/s")
			})
		}
	}
}

// parses reports whether zcrypto parses der, so that the scan has no error
// record.
func parses(der []byte) bool {
	_, err := zlintsmime.ParseCertificate(der)
	return err == nil
}
