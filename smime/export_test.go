package smime

// Inspections returns how many times Inspect has computed facts since the
// process started.
func Inspections() int64 { return inspections.Load() }

// CachedCertificates returns how many certificates Inspect holds facts for.
func CachedCertificates() int {
	n := 0
	facts.Range(func(any, any) bool { n++; return true })
	return n
}
