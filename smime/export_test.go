package smime

import (
	"weak"

	"github.com/zmap/zcrypto/x509"
)

// Inspections returns how many times Inspect has computed facts since the
// process started.
func Inspections() int64 { return inspections.Load() }

// CachedWeak reports whether Inspect holds facts for the certificate w
// points to, without keeping it alive.
func CachedWeak(w weak.Pointer[x509.Certificate]) bool {
	_, ok := facts.Load(w)
	return ok
}
