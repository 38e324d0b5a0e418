package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/internal/records"
)

// TestFormats lints the same two certificates from each format.
func TestFormats(t *testing.T) {
	dir := t.TempDir()
	good, bad := goodDER(), badDER()
	for _, tc := range []struct {
		name string
		data []byte
		args []string
		want []string // sha256 of each certificate, in order
	}{
		{"PEM with comments", join([]byte("# two fixtures\n"), pemOf("CERTIFICATE", good), pemOf("CERTIFICATE", bad)), nil,
			[]string{sha(good), sha(bad)}},
		{"DER", bad, nil, []string{sha(bad)}},
		{"base64 lines", join(b64Line(good), []byte("\n"), b64Line(bad)), nil, []string{sha(good), sha(bad)}},
		{"forced PEM", join([]byte("0 starts like DER\n"), pemOf("CERTIFICATE", bad)), []string{"-format", "pem"},
			[]string{sha(bad)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, "in", tc.data)
			for _, viaStdin := range []bool{false, true} {
				args, stdin, input := append(slices.Clone(tc.args), path), []byte(nil), path
				if viaStdin {
					args, stdin, input = append(slices.Clone(tc.args), "-"), tc.data, "-"
				}
				r := runCmd(t, stdin, args...)
				if len(r.lines) != len(tc.want) {
					t.Fatalf("stdin %v: %d lines, want %d:\n%s%s", viaStdin, len(r.lines), len(tc.want), r.stdout, r.stderr)
				}
				wantCode := exitOK
				for i, l := range r.lines {
					if l.Input != input || l.Index != i || l.SHA256 != tc.want[i] || l.Error != "" {
						t.Errorf("stdin %v: line %d = %+v", viaStdin, i, l)
					}
					// Other lints may report on the test certificates, but
					// only the non-ASCII mailbox is an error: the
					// rfc822Name itself, and the commonName it fails to
					// repeat (a non-ASCII local part matches only an
					// SmtpUTF8Mailbox, RFC 9598 §5).
					wantLints := []string(nil)
					if l.SHA256 == sha(bad) {
						wantLints, wantCode = []string{nonASCIILint, mailboxNotInSANLint}, exitFindings
					}
					if got := l.errorLints(); !slices.Equal(got, wantLints) {
						t.Errorf("stdin %v: line %d error lints %v, want %v", viaStdin, i, got, wantLints)
					}
				}
				if r.code != wantCode {
					t.Errorf("stdin %v: exit %d, want %d", viaStdin, r.code, wantCode)
				}
			}
		})
	}
}

// TestNoArgumentsReadsStdin checks the default input.
func TestNoArgumentsReadsStdin(t *testing.T) {
	r := runCmd(t, pemOf("CERTIFICATE", goodDER()), "-includeNames", nonASCIILint)
	if r.code != exitOK || len(r.lines) != 1 || r.lines[0].Input != "-" || len(*r.lines[0].Findings) != 0 {
		t.Fatalf("exit %d, output %s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, `"findings":[]`) {
		t.Errorf("no finding is not an empty array: %s", r.stdout)
	}
}

// TestFindingFields checks the fields of a finding.
func TestFindingFields(t *testing.T) {
	r := runCmd(t, badDER(), "-includeNames", nonASCIILint)
	if len(r.lines) != 1 || r.lines[0].Findings == nil || len(*r.lines[0].Findings) != 1 {
		t.Fatalf("output %s", r.stdout)
	}
	f := (*r.lines[0].Findings)[0]
	if f.Lint != nonASCIILint || f.Status != "error" || f.Source != string(lint.CABFSMIMEBaselineRequirements) ||
		!strings.Contains(f.Details, `"jörg@example.com"`) || !strings.HasPrefix(f.Citation, "SBR v1.0.16") {
		t.Errorf("finding = %+v", f)
	}
}

// TestHostileInputs runs every hostile input in one invocation, between
// good ones: each gives an error record naming it, the others are linted,
// and the exit status is 2.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.pem", pemOf("CERTIFICATE", goodDER()))
	der := badDER()

	// A single line of 100 MB, made here rather than committed.
	hugePath := filepath.Join(dir, "huge.b64")
	f, err := os.Create(hugePath)
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("QUFB"), 1<<18) // 1 MiB of base64 text
	for range 100 {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.Write(join([]byte("\n"), b64Line(der))); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	// A PEM block whose body is one huge line.
	hugePEM := writeFile(t, dir, "hugeblock.pem", join([]byte("-----BEGIN CERTIFICATE-----\n"),
		bytes.Repeat([]byte("A"), maxItem+10), []byte("\n-----END CERTIFICATE-----\n"), pemOf("CERTIFICATE", der)))

	type wantLine struct {
		index int
		err   string // substring; "" for a linted certificate
	}
	hostile := []struct {
		name string
		path string
		want []wantLine
	}{
		{"empty file", writeFile(t, dir, "empty.pem", nil),
			[]wantLine{{0, "empty.pem: no certificate found"}}},
		{"binary garbage", writeFile(t, dir, "garbage.bin", []byte{0x00, 0xff, 0x13, 0x37, '\n', 0x80}),
			[]wantLine{{0, "garbage.bin: unrecognized input: binary data starting with byte 0x00"}}},
		{"PEM body not base64", writeFile(t, dir, "bad.pem",
			[]byte("-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n")),
			[]wantLine{{0, "bad.pem: block 0: PEM body is not valid base64"}}},
		{"truncated DER", writeFile(t, dir, "trunc.der", der[:len(der)/2]),
			[]wantLine{{0, "trunc.der: parsing certificate: "}}},
		{"100 MB line", hugePath,
			[]wantLine{{0, "huge.b64: line 1: line too long (more than 16 MiB)"}, {1, ""}}},
		{"PEM block with a huge line", hugePEM,
			[]wantLine{{0, "hugeblock.pem: block 0: line too long (more than 16 MiB)"}, {1, ""}}},
		{"PEM with a private key", writeFile(t, dir, "x.pem", join(pemOf("CERTIFICATE", der),
			[]byte("# the key, by mistake\n"), pemOf("PRIVATE KEY", []byte{1}), pemOf("CERTIFICATE", der))),
			[]wantLine{{0, ""}, {1, `x.pem: block 1: not a certificate, TBSCertificate or CRL (PEM type "PRIVATE KEY")`}, {2, ""}}},
		{"missing file", filepath.Join(dir, "missing.pem"),
			[]wantLine{{0, "missing.pem: open: no such file or directory"}}},
		{"directory", dir,
			[]wantLine{{0, ": read: is a directory"}}},
		{"control characters in a file name", writeFile(t, dir, "evil\x1b[2J.pem", nil),
			[]wantLine{{0, `evil\x1b[2J.pem: no certificate found`}}},
	}

	args := []string{"-workers", "3", good}
	for _, h := range hostile {
		args = append(args, h.path, good)
	}
	start := time.Now()
	r := runCmd(t, nil, args...)
	// A guard against a stall (a reader waiting for a line that never
	// ends), not a speed target: generous enough for -race on a loaded
	// machine.
	if d := time.Since(start); d > time.Minute {
		t.Errorf("took %v", d)
	}
	if r.code != exitTrouble {
		t.Errorf("exit %d, want %d", r.code, exitTrouble)
	}
	if strings.ContainsAny(r.stdout, "\x1b\x00") {
		t.Errorf("output holds a raw control character")
	}
	lines := r.lines
	next := func(what string) line {
		t.Helper()
		if len(lines) == 0 {
			t.Fatalf("%s: output ends early", what)
		}
		l := lines[0]
		lines = lines[1:]
		return l
	}
	checkGood := func() {
		t.Helper()
		if l := next("good.pem"); l.Input != good || l.Error != "" || l.SHA256 != sha(goodDER()) {
			t.Errorf("good input: %+v", l)
		}
	}
	checkGood()
	for _, h := range hostile {
		for _, w := range h.want {
			l := next(h.name)
			if l.Input != records.Escape(h.path) || l.Index != w.index {
				t.Errorf("%s: line %+v, want input %q index %d", h.name, l, h.path, w.index)
			}
			if w.err == "" {
				if l.Error != "" || !slices.Contains(l.lints(), nonASCIILint) {
					t.Errorf("%s: index %d not linted: %+v", h.name, w.index, l)
				}
				continue
			}
			if !strings.Contains(l.Error, w.err) || !strings.HasPrefix(l.Error, records.Escape(h.path)+": ") {
				t.Errorf("%s: error %q, want it to start with the input and hold %q", h.name, l.Error, w.err)
			}
		}
		checkGood()
	}
	if len(lines) != 0 {
		t.Errorf("%d extra lines", len(lines))
	}
}

// TestOrdering lints 200 certificates in two inputs with 4 workers: the
// output is in input order.
func TestOrdering(t *testing.T) {
	dir := t.TempDir()
	var pems, b64s [][]byte
	var want []string
	for i := range 200 {
		mailbox := "user@example.com"
		if i%7 == 0 {
			mailbox = "jörg@example.com"
		}
		der := leaf(mailbox, int64(1000+i))
		want = append(want, sha(der))
		if i < 120 {
			pems = append(pems, pemOf("CERTIFICATE", der))
		} else {
			b64s = append(b64s, b64Line(der))
		}
	}
	a := writeFile(t, dir, "a.pem", join(pems...))
	b := writeFile(t, dir, "b.b64", join(b64s...))
	for _, workers := range []string{"1", "4"} {
		r := runCmd(t, nil, "-workers", workers, a, b)
		if r.code != exitFindings || len(r.lines) != len(want) {
			t.Fatalf("-workers %s: exit %d, %d lines; %s", workers, r.code, len(r.lines), r.stderr)
		}
		for i, l := range r.lines {
			input, index := a, i
			if i >= 120 {
				input, index = b, i-120
			}
			if l.Input != input || l.Index != index || l.SHA256 != want[i] {
				t.Fatalf("-workers %s: line %d = %s#%d %s, want %s#%d %s", workers, i, l.Input, l.Index, l.SHA256, input, index, want[i])
			}
			if got := slices.Contains(l.lints(), nonASCIILint); got != (i%7 == 0) {
				t.Errorf("-workers %s: line %d findings %v", workers, i, l.lints())
			}
		}
	}
}

func TestFailOn(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.pem", pemOf("CERTIFICATE", goodDER()))
	bad := writeFile(t, dir, "bad.pem", pemOf("CERTIFICATE", badDER()))
	missing := filepath.Join(dir, "missing.pem")
	// With these two lints the good certificate has a warning, the bad one
	// a warning and an error.
	two := []string{"-all", "-includeNames", mustFacts(t).warnLint + "," + nonASCIILint} // len == cap: append copies
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{good}, exitOK}, // the recommended registry: no error
		{[]string{bad}, exitFindings},
		{append(two, good), exitOK},
		{append(two, "-fail-on", "error", good), exitOK},
		{append(two, "-fail-on", "warn", good), exitFindings},
		{append(two, bad), exitFindings},
		{append(two, "-fail-on", "warn", bad), exitFindings},
		{append(two, good, bad, good), exitFindings},
		{append(two, "-excludeNames", nonASCIILint, bad), exitOK},
		{append(two, bad, missing), exitTrouble},
		{append(two, missing, good), exitTrouble},
		{append(two, "-fail-on", "fatal", good), exitTrouble},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if r := runCmd(t, nil, tc.args...); r.code != tc.want {
				t.Errorf("exit %d, want %d; stderr %s", r.code, tc.want, r.stderr)
			}
		})
	}
}

func TestListLints(t *testing.T) {
	f := mustFacts(t)
	outside := lint.GlobalRegistry().CertificateLints().ByName(f.outsideLint)
	ours := lint.GlobalRegistry().CertificateLints().ByName(nonASCIILint)
	oursLine := fmt.Sprintf("%s\t%s\t%s\t%s\t%s\n", ours.Name, ours.Source, ours.EffectiveDate.Format("2006-01-02"), ours.Citation, ours.Description)
	fields := regexp.MustCompile(`^[^\t]+\t[A-Za-z0-9_]+\t(\d{4}-\d{2}-\d{2}|-)\t[^\t]*\t[^\t]*$`)
	for _, tc := range []struct {
		args    []string
		has     []string
		hasNot  []string
		atLeast int
	}{
		{nil, []string{oursLine, "e_smimelint_crl_reason_code_critical\t"}, []string{f.outsideLint}, 10},
		{[]string{"-all"}, []string{oursLine, f.outsideLint + "\t"}, nil, 300},
		{[]string{"-all", "-includeSources", string(outside.Source)}, []string{f.outsideLint + "\t"}, []string{nonASCIILint}, 1},
		{[]string{"-nameFilter", "^e_smimelint_"}, []string{nonASCIILint + "\t"}, []string{"e_exactly_one_smime_policy"}, 1},
		{[]string{"-includeNames", nonASCIILint + ", e_exactly_one_smime_policy"},
			[]string{nonASCIILint + "\t", "e_exactly_one_smime_policy\t"}, nil, 2},
		{[]string{"-excludeNames", nonASCIILint}, []string{"e_exactly_one_smime_policy\t"}, []string{nonASCIILint}, 10},
		{[]string{"-excludeSources", "CABF_SMIME_BR", "-all"}, []string{f.outsideLint + "\t"}, []string{nonASCIILint}, 100},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runCmd(t, nil, append(tc.args, "-list-lints")...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			if len(lines) < tc.atLeast {
				t.Errorf("%d lints, want at least %d", len(lines), tc.atLeast)
			}
			if !slices.IsSorted(lines) {
				t.Error("not sorted by name")
			}
			for _, l := range lines {
				if !fields.MatchString(l) {
					t.Errorf("malformed line %q", l)
				}
			}
			for _, s := range tc.has {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("list lacks %q", s)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(r.stdout, s) {
					t.Errorf("list holds %q", s)
				}
			}
		})
	}
}

// TestFilters checks that the selection flags decide which lints run. Lints
// added to the library later may report on the test certificates too, so the
// cases name lints that must and must not run rather than the whole set.
func TestFilters(t *testing.T) {
	bad := pemOf("CERTIFICATE", badDER())
	good := pemOf("CERTIFICATE", goodDER())
	f := mustFacts(t)
	for _, tc := range []struct {
		args   []string
		input  []byte
		has    []string
		hasNot []string
	}{
		{nil, bad, []string{nonASCIILint}, []string{f.outsideLint}},
		{[]string{"-excludeNames", nonASCIILint}, bad, nil, []string{nonASCIILint}},
		{[]string{"-includeNames", nonASCIILint}, bad, []string{nonASCIILint}, nil},
		{[]string{"-nameFilter", "non_ascii$"}, bad, []string{nonASCIILint}, nil},
		{[]string{"-nameFilter", "^w_"}, bad, nil, []string{nonASCIILint}},
		{[]string{"-all", "-includeSources", "CABF_SMIME_BR"}, bad, []string{nonASCIILint}, []string{f.outsideLint}},
		{[]string{"-all", "-excludeSources", "CABF_SMIME_BR"}, bad, []string{f.outsideLint}, []string{nonASCIILint}},
		{[]string{"-all", "-includeNames", f.warnLint}, good, []string{f.warnLint}, nil},
		{[]string{"-all"}, bad, []string{nonASCIILint, f.outsideLint}, nil},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runCmd(t, tc.input, tc.args...)
			if len(r.lines) != 1 {
				t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
			}
			got := r.lines[0].lints()
			for _, name := range tc.has {
				if !slices.Contains(got, name) {
					t.Errorf("lints %v lack %s", got, name)
				}
			}
			for _, name := range tc.hasNot {
				if slices.Contains(got, name) {
					t.Errorf("lints %v hold %s", got, name)
				}
			}
			if slices.Contains(tc.args, "-includeNames") && !slices.Equal(got, tc.has) {
				t.Errorf("lints %v, want only %v", got, tc.has)
			}
		})
	}
}

// TestUsageErrors checks that bad flags exit 2 with a message and lint
// nothing.
func TestUsageErrors(t *testing.T) {
	f := mustFacts(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-format", "xml"}, `-format: unknown format "xml"`},
		{[]string{"-fail-on", "notice"}, `-fail-on: unknown severity "notice"`},
		{[]string{"-workers", "0"}, "-workers: 0 is not a positive number"},
		{[]string{"-includeNames", "e_no_such_lint"}, `unknown lint name "e_no_such_lint"`},
		{[]string{"-excludeNames", "e_no_such_lint", "-all"}, `unknown lint name "e_no_such_lint"`},
		{[]string{"-includeNames", f.outsideLint}, "-all selects from every zlint lint"},
		{[]string{"-includeSources", "NoSuchSource"}, `-includeSources: unknown lint source in list: "NoSuchSource"`},
		{[]string{"-excludeSources", "CABF_SMIME_BR,Bogus"}, `-excludeSources: unknown lint source in list: "Bogus"`},
		{[]string{"-nameFilter", "("}, "-nameFilter: error parsing regexp"},
		{[]string{"-nameFilter", "x", "-includeNames", nonASCIILint}, "-nameFilter cannot be used with -includeNames"},
		{[]string{"-includeSources", string(f.outsideSource)}, "leave no certificate lint of the recommended registry"},
		{[]string{"-no-such-flag"}, "flag provided but not defined: -no-such-flag"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runCmd(t, pemOf("CERTIFICATE", badDER()), tc.args...)
			if r.code != exitTrouble || r.stdout != "" || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
	if r := runCmd(t, nil, "-h"); r.code != exitOK || !strings.Contains(r.stderr, "Usage: zlint-smime") {
		t.Errorf("-h: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestSummary(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.pem", pemOf("CERTIFICATE", goodDER()))
	mixed := writeFile(t, dir, "mixed.pem", join(pemOf("CERTIFICATE", badDER()), pemOf("PRIVATE KEY", []byte{1})))
	r := runCmd(t, nil, "-summary", "-includeNames", nonASCIILint, good, mixed)
	if r.code != exitTrouble {
		t.Errorf("exit %d, want %d", r.code, exitTrouble)
	}
	wantLines := []*regexp.Regexp{
		regexp.MustCompile(`^CERTIFICATE OR CRL +SHA-256 +FATAL +ERROR +WARN +INFO$`),
		regexp.MustCompile(`^` + regexp.QuoteMeta(good) + `#0 +` + sha(goodDER())[:16] + ` +0 +0 +0 +0$`),
		regexp.MustCompile(`^` + regexp.QuoteMeta(mixed) + `#0 +` + sha(badDER())[:16] + ` +0 +1 +0 +0$`),
		regexp.MustCompile(`^    error  ` + nonASCIILint + `: subjectAltName rfc822Name "jörg@example.com" has a non-ASCII`),
		regexp.MustCompile(`^` + regexp.QuoteMeta(mixed) + `#1 +- +UNREADABLE ` + regexp.QuoteMeta(mixed) +
			`: block 1: not a certificate, TBSCertificate or CRL \(PEM type "PRIVATE KEY"\)$`),
		regexp.MustCompile(`^certificates and CRLs linted: 2; with a finding at or above error: 1; unreadable: 1$`),
		// The counts per lint and per issuing CA (ct_stats.go).
		regexp.MustCompile(`^$`),
		regexp.MustCompile(`^CERTS +LINT +STATUS$`),
		regexp.MustCompile(`^1 +` + nonASCIILint + ` +error$`),
		regexp.MustCompile(`^$`),
		regexp.MustCompile(`^LINTED +FLAGGED +FATAL +ERROR +WARN +INFO +ISSUING CA \(CN or O\)$`),
		regexp.MustCompile(`^2 +1 +0 +1 +0 +0  zlint-smime Test CA$`),
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(wantLines) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(wantLines), r.stdout)
	}
	for i, re := range wantLines {
		if !re.MatchString(lines[i]) {
			t.Errorf("line %d = %q, want %v", i, lines[i], re)
		}
	}
}

func TestProgress(t *testing.T) {
	data := join(b64Line(goodDER()), b64Line(goodDER()), b64Line(goodDER()))
	r := runCmd(t, data, "-progress")
	if len(r.lines) != 3 || !regexp.MustCompile(`(?m)^zlint-smime: 3 certificates, \d+/s, findings 0 error 3 warn 0 notice 0 fatal$`).MatchString(r.stderr) {
		t.Errorf("stderr %q", r.stderr)
	}
	if r := runCmd(t, data); r.stderr != "" {
		t.Errorf("progress without -progress on a non-terminal: %q", r.stderr)
	}
}

// panicky is a registry whose first use once armed panics, as a broken lint
// set would.
type panicky struct {
	lint.Registry
	armed atomic.Bool
	calls atomic.Int32
}

func (p *panicky) CertificateLints() lint.CertificateLinterLookup {
	if p.armed.Load() && p.calls.Add(1) == 1 {
		panic("boom\x1b")
	}
	return p.Registry.CertificateLints()
}

// TestPanicIsolated checks that a panic while linting one certificate
// becomes its error record and the others are linted.
func TestPanicIsolated(t *testing.T) {
	reg, err := registry(&options{filter: lint.FilterOptions{IncludeNames: []string{nonASCIILint}}})
	if err != nil {
		t.Fatal(err)
	}
	p := &panicky{Registry: reg}
	var items []item
	for i := range 20 {
		items = append(items, item{Input: "in", Index: i, DER: badDER()})
	}
	var out collect
	ls := records.NewLinters(p, "", nil)
	p.armed.Store(true)
	if err := lintAll(ls, 4, slices.Values(items), &out); err != nil {
		t.Fatal(err)
	}
	panicked := 0
	for i, r := range out.recs {
		switch {
		case r.Index != i:
			t.Errorf("record %d has index %d", i, r.Index)
		case r.Err != "":
			panicked++
			if r.Err != `in: linting panicked: boom\x1b` {
				t.Errorf("record %d: error %q", i, r.Err)
			}
		case len(r.Findings) != 1:
			t.Errorf("record %d: findings %v", i, r.Findings)
		}
	}
	if len(out.recs) != 20 || panicked != 1 {
		t.Errorf("%d records, %d panicked; want 20, 1", len(out.recs), panicked)
	}
}

// collect is a sink that keeps the records; with block set, write waits
// on it first.
type collect struct {
	recs  []record
	block chan struct{}
	fail  error
}

func (c *collect) write(r *record) error {
	if c.block != nil {
		<-c.block
	}
	c.recs = append(c.recs, *r)
	return c.fail
}

func (c *collect) prepare(*record) {}

func (c *collect) flush() error { return nil }

// TestBoundedReadAhead checks that a stalled output stalls reading: on an
// endless stream, at most the reorder window is read ahead of the output,
// and an output error stops the reading.
func TestBoundedReadAhead(t *testing.T) {
	reg, err := registry(&options{})
	if err != nil {
		t.Fatal(err)
	}
	der := goodDER()
	var read atomic.Int64
	var endless iter.Seq[item] = func(yield func(item) bool) {
		for i := 0; ; i++ {
			read.Add(1)
			if !yield(item{Input: "-", Index: i, DER: der}) {
				return
			}
		}
	}
	const workers = 3
	out := &collect{block: make(chan struct{}), fail: errors.New("stdout closed")}
	done := make(chan error)
	go func() { done <- lintAll(records.NewLinters(reg, "", nil), workers, endless, out) }()
	time.Sleep(300 * time.Millisecond)
	if n, limit := read.Load(), int64(windowPerWorker*workers+1); n > limit {
		t.Errorf("read %d items while the output was stalled; want at most %d", n, limit)
	}
	close(out.block)
	select {
	case err := <-done:
		if err == nil || err.Error() != "stdout closed" {
			t.Errorf("lintAll() = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("lintAll did not stop after an output error")
	}
	if len(out.recs) != 1 {
		t.Errorf("%d records written after the error", len(out.recs))
	}
}

// TestWriteError checks that an output error is reported and exits 2.
func TestWriteError(t *testing.T) {
	var errOut bytes.Buffer
	code := run([]string{"-"}, bytes.NewReader(pemOf("CERTIFICATE", goodDER())), failWriter{}, &errOut)
	if code != exitTrouble || !strings.Contains(errOut.String(), "writing the output: disk full") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

// TestSlowStreamPrompt checks that a line reaches the output while the input
// stays open: a monitor piping certificates as they arrive must see each
// result without waiting for more input or for the end.
func TestSlowStreamPrompt(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() { done <- run([]string{"-format", "base64"}, inR, outW, io.Discard); outW.Close() }()
	go func() { _, _ = inW.Write(b64Line(leaf("alice@example.com", 1))) }()
	lines := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(outR)
		if s.Scan() {
			lines <- s.Text()
		}
		_, _ = io.Copy(io.Discard, outR)
	}()
	select {
	case l := <-lines:
		if !strings.Contains(l, `"sha256"`) {
			t.Errorf("first line %q is not a certificate's", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no output line while the input stays open")
	}
	inW.Close()
	<-done
}
