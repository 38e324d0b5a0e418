package smime

import (
	"runtime"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/zmap/zcrypto/x509"
)

// Inspect returns the facts about c, computed on its first use for c and
// then shared by every lint and goroutine that asks about the same
// *x509.Certificate, so the extensions are parsed once per certificate
// however many lints ask, and concurrent first calls compute them once.
//
// The facts are kept for as long as c is reachable, and forgotten when the
// garbage collector reclaims c: they are keyed by a weak pointer to c, and a
// Cert holds no pointer back to c. There is no bound on how many
// certificates are known at once (a server with thousands in flight does not
// recompute), and no process-wide lock: the lookup is a concurrent map read.
//
// Contract: the facts are those of c as it was at its first inspection. The
// certificate is taken to be immutable once parsed, as zlint takes it. A
// caller who changes a certificate after it was linted (a field, or the
// bytes of its Raw or extensions) and lints it again gets the facts of the
// certificate as it was, and findings that mix the two; to lint a changed
// certificate, parse it again into a new *x509.Certificate, or call Forget
// first.
func Inspect(c *x509.Certificate) *Cert {
	key := weak.Make(c)
	v, ok := facts.Load(key)
	if !ok {
		v = newEntry(c, key)
	}
	e := v.(*entry)
	e.once.Do(func() {
		// A panic in inspect (a parser bug on hostile input) would leave
		// the entry done and empty; it is kept and raised again for every
		// caller, as each computed afresh and panicked before the cache.
		defer func() { e.panicked = recover() }()
		e.ci = inspect(c)
		inspections.Add(1)
	})
	if e.panicked != nil {
		panic(e.panicked)
	}
	return e.ci
}

// Forget drops the facts Inspect keeps about c, so that the next Inspect
// computes them again from c as it is then. Only a caller who changes a
// certificate after linting it needs it.
func Forget(c *x509.Certificate) {
	key := weak.Make(c)
	// The entry is replaced by an empty one, not deleted: an entry is in the
	// map exactly while a cleanup is registered for c, so a certificate
	// forgotten and inspected many times gets one cleanup, not one each time.
	for {
		v, ok := facts.Load(key)
		if !ok || facts.CompareAndSwap(key, v, &entry{}) {
			return
		}
	}
}

// entry holds one certificate's facts, filled in once. It is stored before
// it is filled, so that goroutines asking about the same certificate at the
// same time all wait on the one computation.
type entry struct {
	once     sync.Once
	ci       *Cert
	panicked any
}

// facts maps weak.Pointer[x509.Certificate] to *entry. sync.Map is a
// concurrent hash trie: loads take no lock, and stores lock only the small
// part of the trie they change, so goroutines on different certificates do
// not wait for each other.
var facts sync.Map

// inspections counts the computations of the facts, for the tests.
var inspections atomic.Int64

// newEntry stores an empty entry for c unless another goroutine stored one
// first, and returns the entry stored.
func newEntry(c *x509.Certificate, key weak.Pointer[x509.Certificate]) any {
	v, loaded := facts.LoadOrStore(key, &entry{})
	if !loaded {
		// The cleanup must not reach c, or c would never be collected: it
		// holds only the weak key. It runs once c is unreachable, when no
		// Inspect of c can run any more, so whatever entry the key then
		// holds is c's.
		runtime.AddCleanup(c, forgetKey, key)
	}
	return v
}

func forgetKey(key weak.Pointer[x509.Certificate]) { facts.Delete(key) }
