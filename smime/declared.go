package smime

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/util"
)

// DeclaredCAKey is the key of zlint's [Global] configuration table that
// lists the declared S/MIME CAs.
const DeclaredCAKey = "smime_ca_sha256"

// DeclaredCAs are CA certificates the user declares to be S/MIME CAs:
// roots that carry no S/MIME signal (SBR §7.1.2.1 says a root SHOULD NOT
// carry certificatePolicies and SHALL NOT carry an extKeyUsage), which
// IsSMIMECA cannot tell from TLS roots. Each entry is the hex SHA-256 of a
// certificate's DER or of its subjectPublicKeyInfo (colons and case do not
// matter), so one entry covers every certificate of a CA key.
//
// It is a zlint higher-scoped configuration: embedding lint.Global (through
// global) makes
// zlint fill it from the [Global] table of the registry's configuration,
// which every lint that holds one shares:
//
//	[Global]
//	smime_ca_sha256 = ["3d4f…", "…"]
//
// It lives in the configuration that zlint hands to each lint, never in
// process-wide state, so two registries can declare different CAs.
type DeclaredCAs struct {
	global
	SHA256 []string `toml:"smime_ca_sha256" comment:"SHA-256 (hex) of the certificates or subjectPublicKeyInfos of CAs to lint as S/MIME CAs although they carry no S/MIME signal, e.g. the roots a root store trusts for email"`
}

// global gives DeclaredCAs the namespace of lint.Global, which makes zlint
// fill it from the [Global] table. It is embedded under an unexported name
// so that zlint, which walks the exported fields, does not try to fill the
// lint.Global value itself (it can fill only pointers).
type global struct{ lint.Global }

// Declares reports whether c is a CA certificate that d declares. It does
// not allocate.
func (d *DeclaredCAs) Declares(c *x509.Certificate) bool {
	if d == nil || len(d.SHA256) == 0 || !c.IsCA {
		return false
	}
	for _, e := range d.SHA256 {
		var sum [32]byte
		if !decodeFingerprint(e, &sum) {
			continue // ParseDeclaredCAs reports bad entries; a lint cannot
		}
		if sum == [32]byte(c.FingerprintSHA256) || sum == [32]byte(c.SPKIFingerprint) {
			return true
		}
	}
	return false
}

// decodeFingerprint decodes a hex SHA-256, with optional colons, into sum.
func decodeFingerprint(s string, sum *[32]byte) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			continue
		}
		if n >= 64 {
			return false
		}
		v, ok := unhexDigit(s[i])
		if !ok {
			return false
		}
		if n%2 == 0 {
			sum[n/2] = v << 4
		} else {
			sum[n/2] |= v
		}
		n++
	}
	return n == 64
}

func unhexDigit(b byte) (byte, bool) {
	switch {
	case '0' <= b && b <= '9':
		return b - '0', true
	case 'a' <= b && b <= 'f':
		return b - 'a' + 10, true
	case 'A' <= b && b <= 'F':
		return b - 'A' + 10, true
	}
	return 0, false
}

// IsSMIMECA is IsSMIMECA or a CA that d declares.
func (d *DeclaredCAs) IsSMIMECA(c *x509.Certificate) bool { return IsSMIMECA(c) || d.Declares(c) }

// IsSMIMERoot is IsSMIMERoot or a root that d declares.
func (d *DeclaredCAs) IsSMIMERoot(c *x509.Certificate) bool {
	return d.IsSMIMECA(c) && RoleOf(c) == Root
}

// IsSMIMESubCA is IsSMIMESubCA or a subordinate CA that d declares.
func (d *DeclaredCAs) IsSMIMESubCA(c *x509.Certificate) bool {
	return d.IsSMIMECA(c) && RoleOf(c) == SubordinateCA
}

// InScope is InScope or a CA that d declares.
func (d *DeclaredCAs) InScope(c *x509.Certificate) bool { return InScope(c) || d.Declares(c) }

// NormalizeFingerprint returns a hex SHA-256 fingerprint (colons and case
// do not matter) as lowercase hex without colons, or an error that names
// it: a declared CA whose entry a lint could not read would be silently
// out of scope.
func NormalizeFingerprint(s string) (string, error) {
	var sum [32]byte
	if !decodeFingerprint(strings.TrimSpace(s), &sum) {
		return "", fmt.Errorf("%s is not a hex SHA-256 fingerprint", util.Quote(s))
	}
	return hex.EncodeToString(sum[:]), nil
}

// ParseDeclaredCAs reads a list of SHA-256 fingerprints, one per line, hex
// with optional colons; blank lines and text from "#" on are ignored. It
// returns them normalised to lowercase hex without colons.
func ParseDeclaredCAs(r io.Reader) ([]string, error) {
	var list []string
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		var sum [32]byte
		if !decodeFingerprint(line, &sum) {
			return nil, fmt.Errorf("line %d: %q is not a hex SHA-256 fingerprint", n, line)
		}
		list = append(list, hex.EncodeToString(sum[:]))
	}
	return list, sc.Err()
}
