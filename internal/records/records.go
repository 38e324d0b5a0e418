// Package records lints the items that internal/input reads and makes their
// records: the JSON lines that the command (cmd/zlint-smime) and the Beam
// pipeline (beam/lintpipe) write, one per certificate, TBS, CRL or
// unreadable item. Both lint through it, so for the same input they write
// the same lines byte for byte.
package records

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/ctentry"
	"github.com/smimelint/zlint-smime/internal/input"
	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

// Record is the outcome for one item: the findings of a certificate, TBS or
// CRL, or why it could not be read, parsed or linted.
type Record struct {
	Input    string
	Index    int
	Kind     string               // certificate, tbs, crl or tbscrl; empty when nothing was parsed
	SHA256   string               // hex of the DER; empty when no DER was read
	Screened bool                 // skipped unparsed by the out-of-scope screen
	Findings []zlintsmime.Finding // non-nil when Err is empty
	Err      string               // non-empty: the message, naming the input

	// A CT entry's: its index in the log when known, and its type, "x509"
	// or "precert".
	LogIndex  *int64
	EntryType string

	// IssuerCA names the issuing CA for summaries (CAName, or unreadIssuer
	// for a certificate whose key zcrypto cannot parse); it is not in the
	// line. Empty when the item was not linted or was screened out.
	IssuerCA string
}

// certLine is the line of a linted item. Findings is never null.
type certLine struct {
	Input     string        `json:"input"`
	Index     int           `json:"index"`
	Kind      string        `json:"kind,omitempty"`
	LogIndex  *int64        `json:"log_index,omitempty"`
	EntryType string        `json:"entry_type,omitempty"`
	SHA256    string        `json:"sha256"`
	Screened  bool          `json:"screened,omitempty"`
	Findings  []findingLine `json:"findings"`
}

type findingLine struct {
	Lint     string `json:"lint"`
	Status   string `json:"status"`
	Details  string `json:"details"`
	Citation string `json:"citation"`
	Source   string `json:"source"`
}

// errorLine is the line of an item that could not be read, parsed or
// linted. SHA256 is there when the DER was read.
type errorLine struct {
	Input     string `json:"input"`
	Index     int    `json:"index"`
	Kind      string `json:"kind,omitempty"`
	LogIndex  *int64 `json:"log_index,omitempty"`
	EntryType string `json:"entry_type,omitempty"`
	SHA256    string `json:"sha256,omitempty"`
	Error     string `json:"error"`
}

// Encode writes the record's JSON line, with its line ending, with enc
// (which should not escape HTML: SetEscapeHTML(false), as JSONLine's).
func (r *Record) Encode(enc *json.Encoder) error {
	if r.Err != "" {
		return enc.Encode(errorLine{Input: Escape(r.Input), Index: r.Index, Kind: r.Kind, LogIndex: r.LogIndex,
			EntryType: r.EntryType, SHA256: r.SHA256, Error: r.Err})
	}
	fs := make([]findingLine, len(r.Findings))
	for i, f := range r.Findings {
		fs[i] = findingLine{Lint: f.Lint, Status: f.Status.String(), Details: f.Details,
			Citation: f.Citation, Source: string(f.Source)}
	}
	return enc.Encode(certLine{Input: Escape(r.Input), Index: r.Index, Kind: r.Kind, LogIndex: r.LogIndex,
		EntryType: r.EntryType, SHA256: r.SHA256, Screened: r.Screened, Findings: fs})
}

// JSONLine returns the record's JSON line, with its line ending.
func (r *Record) JSONLine() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := r.Encode(enc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Linters lints items with one registry and configuration, with a Linter
// per issuing CA: the issuer of an item that is no CT entry is the one
// given to NewLinters (the command's -issuer), and a CT entry's is the
// first CA of its chain. A CT scan sees a few thousand CAs, and building a
// Linter configures every lint (BenchmarkNewLinter, 1 to 2 ms), so each is
// built once and kept, up to cacheSize of them. A Linters may be used by
// any number of goroutines.
type Linters struct {
	reg    lint.Registry
	config string
	screen bool   // the registry and config can be screened (zlintsmime.Options.Screenable)
	issuer []byte // the issuer's DER for items that are no CT entry, or nil
	cache  util.OnceCache[[32]byte, issuerLinter]
}

// issuerLinter is the Linter of one issuer, and the issuer's name for
// summaries.
type issuerLinter struct {
	l  *zlintsmime.Linter
	ca string
}

// cacheSize bounds the Linters kept. A Linter holds little memory (its
// configuration; the registry is shared), and a log holds entries of a few
// thousand CAs.
const cacheSize = 4096

// NewLinters returns the Linters of reg (nil: the recommended registry)
// with the zlint TOML configuration config ("" for every default) and the
// issuer's DER (nil: none) for the items that are no CT entry. An issuer or
// a configuration that is refused is reported by Lint, in every record:
// check them first (zlintsmime.NewLinter) to refuse them once.
func NewLinters(reg lint.Registry, config string, issuer []byte) *Linters {
	if reg == nil {
		reg = zlintsmime.Registry()
	}
	// As the Linters built below would: the declared S/MIME CAs that turn
	// the screen off are in config, whatever the registry's own
	// configuration says.
	ok, _ := zlintsmime.Options{Registry: reg, Config: config}.Screenable()
	ls := &Linters{reg: reg, config: config, screen: ok, issuer: issuer}
	ls.cache.Max = cacheSize
	return ls
}

// linter returns the Linter for the issuer's DER (nil: no issuer) and the
// issuer's name for summaries. A panic while building one (a broken
// registry) is the item's, as any panic while linting is, and the next
// item builds again.
func (ls *Linters) linter(issuer []byte) (*zlintsmime.Linter, string, error) {
	il, err := ls.cache.Get(sha256.Sum256(issuer), func() (issuerLinter, error) {
		o := zlintsmime.Options{Registry: ls.reg, Config: ls.config}
		var il issuerLinter
		if issuer != nil {
			c, err := zlintsmime.ParseCertificate(issuer)
			if err != nil {
				return il, err
			}
			o.Issuer = c
			il.ca = CAName(c.Subject.CommonName, c.Subject.Organization)
		}
		l, err := zlintsmime.NewLinter(o)
		il.l = l
		return il, err
	})
	return il.l, il.ca, err
}

// Lint turns one item into its record. It does not panic: a panic in a
// parser or a lint becomes the record's error, and the other items are
// linted as usual. Every string of the record that comes from the input is
// escaped (Escape), except Input, which Encode escapes.
func (ls *Linters) Lint(it input.Item) (rec Record) {
	rec = Record{Input: it.Input, Index: it.Index}
	if it.CT != nil && it.CT.LogIndex >= 0 {
		i := it.CT.LogIndex
		rec.LogIndex = &i
	}
	defer func() {
		if p := recover(); p != nil {
			rec.Findings, rec.IssuerCA = nil, ""
			rec.Err = message(it, fmt.Errorf("linting panicked: %v", p))
		}
	}()
	if it.Err != nil {
		rec.Err = message(it, it.Err)
		return rec
	}
	var err error
	if it.CT != nil {
		err = ls.lintCT(it.CT, &rec)
	} else {
		err = ls.lintDER(it, &rec)
	}
	if err != nil {
		rec.Findings, rec.IssuerCA = nil, ""
		rec.Err = message(it, err)
		return rec
	}
	if rec.Findings == nil {
		rec.Findings = []zlintsmime.Finding{}
	}
	for i := range rec.Findings {
		rec.Findings[i].Details = Escape(rec.Findings[i].Details)
		rec.Findings[i].Citation = Escape(rec.Findings[i].Citation)
	}
	return rec
}

// lintDER parses the item's DER by its shape (a certificate, a bare
// TBSCertificate, a CRL or a bare TBSCertList: smime.ShapeOf; a PEM block
// of type X509 CRL is a CRL whatever its shape), lints it, and fills rec's
// kind, SHA-256 (in every case), findings and issuing CA. A certificate no
// lint of the registry could apply to is screened out unparsed.
func (ls *Linters) lintDER(it input.Item, rec *Record) error {
	shape := smime.ShapeOf(it.DER)
	if it.CRL {
		shape = smime.CRLShape
	}
	sum := sha256.Sum256(it.DER)
	rec.SHA256 = hex.EncodeToString(sum[:])
	if shape == smime.UnknownShape {
		if sh, extra, ok := smime.TrailingData(it.DER); ok {
			rec.Kind = sh.String()
			return smime.TrailingDataError(sh, extra)
		}
		shape = smime.CertificateShape // the certificate parser names the problem
	}
	rec.Kind = shape.String()
	l, _, err := ls.linter(ls.issuer)
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
		rec.IssuerCA = CAName(r.Issuer.CommonName, r.Issuer.Organization)
		return nil
	case smime.TBSCertificateShape:
		if c, err = zlintsmime.ParseTBSCertificate(it.DER); err != nil {
			// A key zcrypto cannot parse is a finding, as in a certificate.
			if rec.Findings, err = l.LintTBSDER(it.DER); err != nil {
				return fmt.Errorf("%v (a bare TBSCertificate is wrapped with its own signature algorithm and "+
					"linted; this one does not parse as a TBSCertificate)", err)
			}
			rec.IssuerCA = unreadIssuer
			return nil
		}
	default:
		if ls.screen && !smime.MayBeInScope(it.DER) {
			rec.Screened = true
			return nil
		}
		if c, err = zlintsmime.ParseCertificate(it.DER); err != nil {
			// A key zcrypto cannot parse is a finding, not a failure: the
			// Linter lints the certificate with placeholder keys. Its
			// issuer's name is not read then, but the certificate counts.
			rec.Findings, err = l.LintDER(it.DER)
			rec.IssuerCA = unreadIssuer
			return err
		}
	}
	rec.IssuerCA = CAName(c.Issuer.CommonName, c.Issuer.Organization)
	rec.Findings = l.Lint(c)
	return nil
}

// lintCT decodes a log entry with certificate-transparency-go
// (ctentry.Decode) and lints its certificate: the X.509 certificate of an
// x509_entry, or the precertificate of a precert_entry's extra_data, which
// carries the CT poison extension (zlint's lints and zcrypto know it), or,
// when a Precertificate Signing Certificate signed that, the leaf's
// TBSCertificate. The first CA certificate of the entry's chain (after a
// Precertificate Signing Certificate) is the issuer, so the issuer-aware
// lints run.
func (ls *Linters) lintCT(e *ctentry.Raw, rec *Record) error {
	entry, err := ctentry.Decode(e.LeafInput, e.ExtraData, e.LogIndex)
	rec.EntryType = entry.Type
	if err != nil {
		return err
	}
	rec.Kind = smime.CertificateShape.String()
	sum := sha256.Sum256(entry.DER)
	rec.SHA256 = hex.EncodeToString(sum[:])
	if ls.screen && !smime.MayBeInScope(entry.DER) {
		rec.Screened = true
		return nil
	}
	l, ca, err := ls.linter(entry.Issuer)
	if err != nil && entry.Issuer != nil {
		if _, perr := zlintsmime.ParseCertificate(entry.Issuer); perr == nil {
			// A chain certificate that cannot issue (no CA certificate)
			// is itself what a monitor must see.
			return fmt.Errorf("the issuer in the entry's chain: %v", err)
		}
		// zcrypto cannot parse the chain's CA (its key): the entry is
		// linted as one without a chain, so that its own findings are not
		// lost; the issuer-aware rules do not run. The CA's own entry
		// shows its key.
		l, ca, err = ls.linter(nil)
	}
	if err != nil {
		return err
	}
	if entry.TBS != nil {
		// A Precertificate Signing Certificate signed the precertificate:
		// the leaf's TBSCertificate is the final certificate's, naming the
		// CA of the chain (ctentry.Entry.TBS).
		if rec.Findings, err = l.LintTBSDER(entry.TBS); err != nil {
			return fmt.Errorf("the TBSCertificate of a precertificate signed by a Precertificate Signing Certificate: %v", err)
		}
		rec.IssuerCA = ca
		if rec.IssuerCA == "" {
			rec.IssuerCA = unreadIssuer
			if c, err := zlintsmime.ParseTBSCertificate(entry.TBS); err == nil {
				rec.IssuerCA = CAName(c.Issuer.CommonName, c.Issuer.Organization)
			}
		}
		return nil
	}
	c, err := zlintsmime.ParseCertificate(entry.DER)
	if err != nil {
		// As for a file (lintDER): a key zcrypto cannot parse is a
		// finding, and the rest of the certificate is linted with
		// placeholder keys. The chain still names the issuer.
		rec.Findings, err = l.LintDER(entry.DER)
		rec.IssuerCA = ca
		if rec.IssuerCA == "" {
			rec.IssuerCA = unreadIssuer
		}
		return err
	}
	rec.IssuerCA = ca
	if rec.IssuerCA == "" {
		rec.IssuerCA = CAName(c.Issuer.CommonName, c.Issuer.Organization)
	}
	rec.Findings = l.Lint(c)
	return nil
}

// unreadIssuer stands for the issuing CA of a certificate linted with
// placeholder keys, whose parse does not give its issuer's name.
const unreadIssuer = "(issuer not read: a key zcrypto cannot parse)"

// CAName is the name of an issuing CA in summaries: its commonName, else
// its organizationName, escaped.
func CAName(cn string, o []string) string {
	switch {
	case cn != "":
		return Escape(cn)
	case len(o) > 0:
		return Escape(o[0])
	}
	return "(no CN or O)"
}

// message is an item's error as reported: input, position, reason, with
// every non-printable character escaped.
func message(it input.Item, err error) string {
	s := it.Input + ": "
	if it.Where != "" {
		s += it.Where + ": "
	}
	return Escape(s + err.Error())
}

// Escape returns s with every control character, other non-printable rune
// and invalid UTF-8 byte written as a Go escape (\n, \x1b, \u200b), and
// everything else, non-ASCII letters included, as is. Input names, error
// messages and finding details go through it, so no output line carries a
// raw control character whatever a certificate or a file name holds.
func Escape(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == ' ' || unicode.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}
