package lints

import (
	"slices"

	"github.com/zmap/zcrypto/x509"

	"github.com/smimelint/zlint-smime/smime"
)

// Applicability shared by several lints. Each starts with checks that do not
// allocate (smime.MayBeSMIMESubscriber, smime.PolicyOf, c.IsCA, extension
// presence) before it asks smime.Inspect, so a lint costs nothing on a
// certificate it does not apply to.

// isSMIMESubscriber is the applicability of most subscriber rules: an
// S/MIME subscriber certificate (smime.Classification.IsSMIMESubscriber).
func isSMIMESubscriber(c *x509.Certificate) bool {
	return smime.MayBeSMIMESubscriber(c) && smime.Inspect(c).Class.IsSMIMESubscriber()
}

// hasGeneration is the applicability of rules for some generations: an
// S/MIME subscriber certificate with exactly one reserved policy, of one of
// the generations given.
func hasGeneration(c *x509.Certificate, gens ...smime.Generation) bool {
	return slices.Contains(gens, smime.PolicyGeneration(c)) && isSMIMESubscriber(c)
}

// hasKnownGeneration is the applicability of the per-generation subscriber
// rules: an S/MIME subscriber certificate with exactly one reserved policy.
func hasKnownGeneration(c *x509.Certificate) bool {
	return smime.PolicyGeneration(c) != smime.GenerationUnknown && isSMIMESubscriber(c)
}

// hasRSAKeyInScope is the applicability of the RSA key rules: an RSA key in
// a certificate in S/MIME scope, declared CAs included.
func hasRSAKeyInScope(c *x509.Certificate, declared *smime.DeclaredCAs) bool {
	_, rsa := smime.RSAKey(c)
	return rsa && declared.InScope(c)
}

// caScope is the configuration of every lint whose applicability includes
// S/MIME CA certificates. zlint calls Configure before CheckApplies and
// fills Declared, a higher-scoped configuration, from the [Global] table of
// the registry's configuration (smime.DeclaredCAs): the CAs the user
// declares S/MIME CAs although they carry no S/MIME signal. Without a
// configuration Declared is nil and declares nothing.
type caScope struct {
	Declared *smime.DeclaredCAs
}

// Configure hands zlint the declared-CA configuration to fill.
func (s *caScope) Configure() any { return s }

// hasEmailNameConstraints is the applicability of the name-constraint rules
// of RFC 9598 §6: a CA certificate whose nameConstraints hold an rfc822Name
// or SmtpUTF8Mailbox subtree. c.IsCA and the extension's presence are
// checked first so that the check costs nothing on a leaf or on a CA
// without name constraints.
func hasEmailNameConstraints(c *x509.Certificate) bool {
	return c.IsCA && smime.HasNameConstraints(c) && len(smime.Inspect(c).NameConstraints.EmailSubtrees()) > 0
}

// hasSmtpUTF8Mailbox is the applicability of the SmtpUTF8Mailbox rules: an
// S/MIME subscriber certificate with an SmtpUTF8Mailbox in its
// subjectAltName or issuerAltName.
func hasSmtpUTF8Mailbox(c *x509.Certificate) bool {
	if !smime.MayBeSMIMESubscriber(c) || !smime.MayHaveSmtpUTF8Mailbox(c) {
		return false
	}
	ci := smime.Inspect(c)
	return ci.Class.IsSMIMESubscriber() && len(ci.Mailboxes) > 0
}

// hasSubscriberOrgID is the applicability of the organizationIdentifier
// rules: an S/MIME subscriber certificate whose subject or subjectAltName
// directoryName holds a subject:organizationIdentifier.
func hasSubscriberOrgID(c *x509.Certificate) bool {
	if !smime.MayBeSMIMESubscriber(c) || !smime.MayHaveOrganizationIdentifier(c) {
		return false
	}
	ci := smime.Inspect(c)
	return ci.Class.IsSMIMESubscriber() && ci.HasOrganizationIdentifier()
}
