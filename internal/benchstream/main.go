// Command benchstream writes an endless or counted stream of base64 DER
// lines, one certificate per line as CT tooling emits them, cycling through
// the first PEM certificate of each file it is given. It feeds the
// command-line throughput measurement of the README:
//
//	go run ./internal/benchstream -n 200000 testdata/baseline_strict_mailbox.pem \
//	    testdata/ca_smime_rsa4096.pem testdata/tls_server.pem | go run ./cmd/zlint-smime -workers 1 >/dev/null
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
)

func main() {
	n := flag.Int("n", 100000, "lines to write; 0 writes forever")
	flag.Parse()
	if err := write(*n, flag.Args()); err != nil {
		fmt.Fprintf(os.Stderr, "benchstream: %v\n", err)
		os.Exit(2)
	}
}

func write(n int, files []string) error {
	if len(files) == 0 {
		return fmt.Errorf("no PEM file given")
	}
	var lines [][]byte
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		block, _ := pem.Decode(raw)
		if block == nil {
			return fmt.Errorf("%s holds no PEM block", f)
		}
		lines = append(lines, []byte(base64.StdEncoding.EncodeToString(block.Bytes)+"\n"))
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	for i := 0; n == 0 || i < n; i++ {
		if _, err := w.Write(lines[i%len(lines)]); err != nil {
			return err
		}
	}
	return w.Flush()
}
