package lintpipe

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	zlintsmime "github.com/smimelint/zlint-smime"
	"github.com/smimelint/zlint-smime/internal/ctentry"
	"github.com/smimelint/zlint-smime/smime"
)

// isCTJSON reports whether an input's first bytes look like get-entries
// JSON, as the command decides (ctentry.Looks).
func isCTJSON(head []byte) bool { return ctentry.Looks(head) }

// readCTJSON reads get-entries JSON with the command's reader
// (ctentry.Read): every entry is an item, decoded and linted by lintCT.
func (s *itemStream) readCTJSON(br *bufio.Reader) {
	ctentry.Read(br, func(where string, e *ctentry.Raw, err error) bool {
		if err != nil {
			return s.emit(where, nil, err)
		}
		return s.send(Item{Input: s.input, Where: where, CT: true, CTLeaf: e.LeafInput, CTExtra: e.ExtraData, CTLogIndex: e.LogIndex})
	})
}

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
