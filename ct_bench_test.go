package zlintsmime_test

// The CT monitor's figures (issue 19): a stream of upstream zlint's TLS test
// certificates and our S/MIME fixtures, about 99 to 1, linted with LintDER
// (which screens) against parsing every certificate, in one run; and the
// cost of a Linter, which a CT scan builds once per issuing CA.
//
//	go test -run '^$' -bench 'MixedStream|NewLinter' .

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"encoding/pem"

	"github.com/zmap/zcrypto/x509"
	zutil "github.com/zmap/zlint/v3/util"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/smime"
)

// mixedStream returns upstream zlint's test certificates that zcrypto
// parses and that are TLS (util.IsServerAuthCert) and not in S/MIME scope,
// with one of our S/MIME fixtures after every 99 of them.
func mixedStream(b *testing.B) (stream [][]byte, smimeCount int) {
	b.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/zmap/zlint/v3").Output()
	if err != nil {
		b.Fatal(err)
	}
	var tls [][]byte
	err = filepath.WalkDir(filepath.Join(strings.TrimSpace(string(out)), "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".pem") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if p, _ := pem.Decode(raw); p != nil && p.Type == "CERTIFICATE" {
			if c, err := x509.ParseCertificate(p.Bytes); err == nil && zutil.IsServerAuthCert(c) && !smime.InScope(c) {
				tls = append(tls, p.Bytes)
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var ours [][]byte
	for _, name := range certificateFixtures(b) {
		der := fixtureDER(b, name)
		if c, err := x509.ParseCertificate(der); err == nil && smime.InScope(c) {
			ours = append(ours, der)
		}
	}
	// The S/MIME certificates are spread over all the fixtures (a stride
	// prime to their number), not the first few alphabetically.
	stride := 1
	for _, p := range []int{97, 89, 83, 79, 73} {
		if len(ours)%p != 0 {
			stride = p
			break
		}
	}
	for i, der := range tls {
		stream = append(stream, der)
		if i%99 == 98 {
			stream = append(stream, ours[(smimeCount*stride)%len(ours)])
			smimeCount++
		}
	}
	return stream, smimeCount
}

// BenchmarkMixedStreamPair: x509.ParseCertificate on every certificate of
// the stream against LintDER, chunk by chunk; "ratio" is LintDER ÷ parse,
// the figure the target (at most 0.25) is stated in, for zlintsmime.LintDER
// on the recommended registry, which the screen serves since its companions
// are scoped to S/MIME certificates.
func BenchmarkMixedStreamPair(b *testing.B) {
	stream, smimeCount := mixedStream(b)
	n := len(stream)
	b.Logf("stream: %d certificates, %d of them S/MIME", n, smimeCount)
	parse := func(i int) {
		if _, err := x509.ParseCertificate(stream[i%n]); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("recommended", func(b *testing.B) {
		benchPair(b, "parse-ns/cert", 1, "lintder-ns/cert", 1, parse, func(i int) {
			if _, err := zlintsmime.LintDER(stream[i%n]); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkScreen is the screen alone on the stream.
func BenchmarkScreen(b *testing.B) {
	stream, _ := mixedStream(b)
	i := 0
	for b.Loop() {
		smime.MayBeInScope(stream[i%len(stream)])
		i++
	}
}

// BenchmarkNewLinter is the cost of a Linter with an issuing CA, which a CT
// scan pays once per CA (cmd/zlint-smime caches them).
func BenchmarkNewLinter(b *testing.B) {
	issuer := mustParse(b, fixtureDER(b, "ekusubca_client_auth_2027_pass"))
	for b.Loop() {
		if _, err := zlintsmime.NewLinter(zlintsmime.Options{Issuer: issuer}); err != nil {
			b.Fatal(err)
		}
	}
}
