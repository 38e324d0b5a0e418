package lints

import (
	"github.com/zmap/zcrypto/x509"

	"github.com/smimelint/zlint-smime/smime"
)

// The issuer-aware lints (rules ISS-01 to ISS-06) take the issuing CA
// certificate from their configuration, key Issuer: base64 DER or PEM, as
// zlintsmime.Options.Issuer and the CLI's -issuer set it for every lint that
// has the key. Without it they do not apply. The certificate alone cannot
// show its issuer's key or name constraints; a CA knows its issuer, and a CT
// log entry's chain holds it.

// issuerOf returns the configured issuer, or nil when none is configured or
// the text is not a CA certificate (zlintsmime.NewLinter and the CLI refuse
// such text before linting, with the reason).
func issuerOf(text string) *smime.Issuer {
	iss, err := smime.ParseIssuerConfig(text)
	if err != nil {
		return nil
	}
	return iss
}

// signedByIssuerInScope is the applicability of the issuer-aware rules: an
// issuer is configured, and the certificate is in S/MIME scope (or a
// declared S/MIME CA).
func signedByIssuerInScope(c *x509.Certificate, declared *smime.DeclaredCAs, issuer string) (*smime.Issuer, bool) {
	if issuer == "" || !declared.InScope(c) {
		return nil, false
	}
	iss := issuerOf(issuer)
	return iss, iss != nil
}
