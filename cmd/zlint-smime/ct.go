package main

// Certificate Transparency log entries as input (-format ct, and the items
// of a -ct-log scan, ct_scan.go): RFC 6962 get-entries entries, decoded with
// certificate-transparency-go, linted with the entry's issuer, and screened
// before parsing when no lint of the registry could apply.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"iter"
	"sync"

	"github.com/zmap/zlint/v3/lint"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/ctentry"
	"github.com/smimelint/zlint-smime/smime"
)

// ctRecord sets the log index of a CT item's record, before anything can
// fail, so that every record of an entry names it.
func ctRecord(it item, rec *record) {
	if it.CT != nil && it.CT.LogIndex >= 0 {
		i := it.CT.LogIndex
		rec.LogIndex = &i
	}
}

// lintCTItem decodes a log entry with certificate-transparency-go and lints
// its certificate: the X.509 certificate of an x509_entry, or the
// precertificate of a precert_entry's extra_data, which carries the CT
// poison extension (zlint's lints and zcrypto know it). The first
// certificate of the entry's chain is the issuer, so the issuer-aware lints
// run; a Precertificate Signing Certificate there (RFC 6962 §3.1) stands in
// for the CA, which is then the next one.
func lintCTItem(reg lint.Registry, it item, rec *record) error {
	e := it.CT
	entry, err := ctentry.Decode(e.LeafInput, e.ExtraData, e.LogIndex)
	rec.EntryType = entry.Type
	if err != nil {
		return err
	}
	rec.Kind = smime.CertificateShape.String()
	der, issuer := entry.DER, entry.Issuer
	ls := ctLintersFor(reg)
	if ls.screen && !smime.MayBeInScope(der) {
		sum := sha256.Sum256(der)
		rec.SHA256 = hex.EncodeToString(sum[:])
		rec.Screened = true
		return nil
	}
	l, ca, err := ls.get(issuer)
	if err != nil {
		sum := sha256.Sum256(der)
		rec.SHA256 = hex.EncodeToString(sum[:])
		return fmt.Errorf("the issuer in the entry's chain: %v", err)
	}
	c, err := zlintsmime.ParseCertificate(der)
	if err != nil {
		sum := sha256.Sum256(der)
		rec.SHA256 = hex.EncodeToString(sum[:])
		return err
	}
	rec.SHA256 = hex.EncodeToString(c.FingerprintSHA256)
	rec.IssuerCA = ca
	if rec.IssuerCA == "" {
		rec.IssuerCA = caName(c.Issuer.CommonName, c.Issuer.Organization)
	}
	rec.Findings = l.Lint(c)
	return nil
}

// caName is the name of an issuing CA in -summary: its commonName, else its
// organizationName.
func caName(cn string, o []string) string {
	switch {
	case cn != "":
		return escape(cn)
	case len(o) > 0:
		return escape(o[0])
	}
	return "(no CN or O)"
}

// ctLinters holds the Linters of one registry, one per issuing CA: a CT scan
// sees a few thousand CAs, and building a Linter configures every lint
// (BenchmarkNewLinter), so they are built once per CA and kept, up to
// linterCacheSize of them.
type ctLinters struct {
	reg    lint.Registry
	config string
	screen bool
	// issuer is -issuer's DER, the issuer of every item that is no CT
	// entry (an entry's chain names its own), or nil.
	issuer []byte
	mu     sync.Mutex
	m      map[[32]byte]*linterSlot
}

type linterSlot struct {
	once sync.Once
	l    *zlintsmime.Linter
	ca   string
	err  error
}

// linterCacheSize bounds the Linters kept; when full, one is dropped. A
// Linter costs 1 to 1.7 ms to build (BenchmarkNewLinter) and little memory
// (its configuration; the registry is shared), and a log holds entries of a
// few thousand CAs.
const linterCacheSize = 4096

// ctLinterCaches maps each registry in use to its ctLinters.
var ctLinterCaches sync.Map

// ctLintersFor returns the Linters of reg, with the configuration ctSetup
// registered, or every default.
func ctLintersFor(reg lint.Registry) *ctLinters {
	if v, ok := ctLinterCaches.Load(reg); ok {
		return v.(*ctLinters)
	}
	v, _ := ctLinterCaches.LoadOrStore(reg, newCTLinters(reg, ""))
	return v.(*ctLinters)
}

func newCTLinters(reg lint.Registry, config string) *ctLinters {
	ok, _ := zlintsmime.Screenable(reg)
	return &ctLinters{reg: reg, config: config, screen: ok, m: map[[32]byte]*linterSlot{}}
}

// get returns the Linter for the issuer's DER (nil: no issuer) and the
// issuer's name.
func (ls *ctLinters) get(issuer []byte) (*zlintsmime.Linter, string, error) {
	key := sha256.Sum256(issuer)
	ls.mu.Lock()
	slot, ok := ls.m[key]
	if !ok {
		if len(ls.m) >= linterCacheSize {
			for k := range ls.m {
				delete(ls.m, k)
				break
			}
		}
		slot = &linterSlot{}
		ls.m[key] = slot
	}
	ls.mu.Unlock()
	slot.once.Do(func() {
		o := zlintsmime.Options{Registry: ls.reg, Config: ls.config}
		if issuer != nil {
			c, err := zlintsmime.ParseCertificate(issuer)
			if err != nil {
				slot.err = err
				return
			}
			o.Issuer = c
			slot.ca = caName(c.Subject.CommonName, c.Subject.Organization)
		}
		slot.l, slot.err = zlintsmime.NewLinter(o)
	})
	return slot.l, slot.ca, slot.err
}

// screenable caches zlintsmime.Screenable per registry for lintDER.
var screenable sync.Map

// screened reports whether the certificate der is screened out for reg (no
// lint of reg could apply to it) and, if so, fills rec without parsing.
func screened(reg lint.Registry, der []byte, rec *record) bool {
	v, ok := screenable.Load(reg)
	if !ok {
		ok, _ := zlintsmime.Screenable(reg)
		v, _ = screenable.LoadOrStore(reg, ok)
	}
	if !v.(bool) || smime.MayBeInScope(der) {
		return false
	}
	sum := sha256.Sum256(der)
	rec.SHA256 = hex.EncodeToString(sum[:])
	rec.Screened = true
	return true
}

// ctSetup prepares -format ct and -ct-log: the Linters of reg with the
// -config file, and for a scan the items fetched from the log and a sink
// that records the scan's state. stop releases what it started.
func ctSetup(opts *options, reg lint.Registry, stdin io.Reader, out sink, stderr io.Writer) (iter.Seq[item], sink, func(), error) {
	ls := newCTLinters(reg, opts.configText)
	ls.issuer = opts.issuer
	ctLinterCaches.Store(reg, ls)
	forget := func() { ctLinterCaches.Delete(reg) }
	if opts.ct.log == "" {
		return readInputs(opts.inputs, stdin, opts.format), out, forget, nil
	}
	items, out, stop, err := startScan(&opts.ct, out, stderr)
	if err != nil {
		forget()
		return nil, nil, nil, err
	}
	return items, out, func() { stop(); forget() }, nil
}
