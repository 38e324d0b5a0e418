package lintpipe

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/ctentry"
	"github.com/smimelint/zlint-smime/smime"
)

// Linters are the Linters of one worker: the recommended registry with no
// issuer, and one per issuing CA of the CT entries it has seen, as the
// command keeps them.
type Linters struct {
	Base     *zlintsmime.Linter
	mu       sync.Mutex
	byIssuer map[[32]byte]*zlintsmime.Linter
}

// maxIssuers bounds the Linters kept per worker; a log holds entries of a
// few thousand CAs, and a Linter costs about a millisecond to build.
const maxIssuers = 4096

// NewLinters returns the Linters of a worker.
func NewLinters() (*Linters, error) {
	l, err := zlintsmime.NewLinter(zlintsmime.Options{})
	return &Linters{Base: l, byIssuer: map[[32]byte]*zlintsmime.Linter{}}, err
}

// For returns the Linter with the issuer of that DER (nil: the base).
func (ls *Linters) For(issuer []byte) (*zlintsmime.Linter, error) {
	if issuer == nil {
		return ls.Base, nil
	}
	key := sha256.Sum256(issuer)
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if l, ok := ls.byIssuer[key]; ok {
		return l, nil
	}
	c, err := zlintsmime.ParseCertificate(issuer)
	if err != nil {
		return nil, err
	}
	l, err := zlintsmime.NewLinter(zlintsmime.Options{Issuer: c})
	if err != nil {
		return nil, err
	}
	if len(ls.byIssuer) >= maxIssuers {
		clear(ls.byIssuer)
	}
	ls.byIssuer[key] = l
	return l, nil
}

// lintCT lints a CT entry as the command's lintCTItem does: decoded with
// ctentry.Decode, screened, linted with the chain's issuer.
func lintCT(ls *Linters, it Item, rec *Record) error {
	if it.CTLogIndex >= 0 {
		rec.LogIndex, rec.HasLogIndex = it.CTLogIndex, true
	}
	entry, err := ctentry.Decode(it.CTLeaf, it.CTExtra, it.CTLogIndex)
	rec.EntryType = entry.Type
	if err != nil {
		return err
	}
	rec.Kind = smime.CertificateShape.String()
	sum := sha256.Sum256(entry.DER)
	rec.SHA256 = hex.EncodeToString(sum[:])
	if ls.Base.Screened(entry.DER) {
		rec.Screened = true
		return nil
	}
	l, err := ls.For(entry.Issuer)
	if err != nil {
		return fmt.Errorf("the issuer in the entry's chain: %v", err)
	}
	c, err := zlintsmime.ParseCertificate(entry.DER)
	if err != nil {
		return err
	}
	rec.Findings, rec.Issuer = l.Lint(c), c.Issuer.String()
	return nil
}
