package smime

import (
	"bytes"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The out-of-scope screen decides from a certificate's raw DER, before any
// parse, whether a rule of the S/MIME scope could apply to it. A CT monitor
// sees mostly TLS certificates, and parsing each with zcrypto costs far more
// than reading four extensions with cryptobyte.
//
// Every S/MIME rule applies only to certificates that satisfy one of:
//
//   - zlint's S/MIME pre-filter util.IsEmailProtectionCert: a non-empty
//     rfc822Name or SmtpUTF8Mailbox otherName in the subjectAltName (with a
//     compatible EKU), or one of the reserved S/MIME policy identifiers
//     2.23.140.1.5.x.y;
//   - IsSMIMECA: a CA with id-kp-emailProtection in its EKU, a reserved
//     policy identifier, or an rfc822Name permitted subtree;
//   - a CA whose nameConstraints hold an rfc822Name or SmtpUTF8Mailbox
//     subtree (RFC 9598 §6).
//
// Each of these needs, in DER, one of the conditions MayBeInScope checks:
// a subjectAltName (or issuerAltName) holding an element of tag number 0 or
// 1 (otherName, rfc822Name); an extKeyUsage holding the content octets of
// id-kp-emailProtection; a certificatePolicies holding the content octets
// of the arcs 2.23.140.1.5; or a nameConstraints extension at all. zcrypto rejects OBJECT IDENTIFIERs that
// are not minimally encoded, so each OID zcrypto would read has exactly the
// octets compared here. Whatever the walk cannot read as a certificate is
// kept, so that the parser, not the screen, reports it.

var (
	// oidSANContent etc. are the content octets of the extension OIDs.
	oidSANContent              = []byte{0x55, 0x1d, 0x11}
	oidIANContent              = []byte{0x55, 0x1d, 0x12}
	oidNameConstraintsContent  = []byte{0x55, 0x1d, 0x1e}
	oidCertPoliciesContent     = []byte{0x55, 0x1d, 0x20}
	oidExtKeyUsageContent      = []byte{0x55, 0x1d, 0x25}
	emailProtectionContents    = []byte{0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04}
	reservedPolicyArcsContents = []byte{0x67, 0x81, 0x0c, 0x01, 0x05} // 2.23.140.1.5
)

// MayBeInScope reports whether a rule of the S/MIME scope could apply to the
// DER certificate der: false only when none can, see above. It reports true
// for anything it cannot read as a certificate. It does not allocate.
func MayBeInScope(der []byte) bool {
	in := cryptobyte.String(der)
	var cert, tbs cryptobyte.String
	if !in.ReadASN1(&cert, cbasn1.SEQUENCE) || !in.Empty() || !cert.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return true // trailing data included: zcrypto rejects it, let it say so
	}
	// version [0] EXPLICIT, serialNumber, signature, issuer, validity,
	// subject, subjectPublicKeyInfo, issuerUniqueID [1], subjectUniqueID [2].
	if !tbs.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!tbs.SkipASN1(cbasn1.INTEGER) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.SkipOptionalASN1(cbasn1.Tag(1).ContextSpecific()) ||
		!tbs.SkipOptionalASN1(cbasn1.Tag(2).ContextSpecific()) {
		return true
	}
	var extsWrapper, exts cryptobyte.String
	var present bool
	if !tbs.ReadOptionalASN1(&extsWrapper, &present, cbasn1.Tag(3).Constructed().ContextSpecific()) {
		return true
	}
	if !tbs.Empty() {
		return true // not the TBSCertificate zcrypto reads: let it say so
	}
	if !present {
		return false
	}
	if !extsWrapper.ReadASN1(&exts, cbasn1.SEQUENCE) || !extsWrapper.Empty() {
		return true
	}
	for !exts.Empty() {
		var ext, oid, value cryptobyte.String
		if !exts.ReadASN1(&ext, cbasn1.SEQUENCE) ||
			!ext.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) ||
			!ext.SkipOptionalASN1(cbasn1.BOOLEAN) ||
			!ext.ReadASN1(&value, cbasn1.OCTET_STRING) {
			return true
		}
		switch {
		case bytes.Equal(oid, oidSANContent), bytes.Equal(oid, oidIANContent):
			if altNamesMayHoldMailbox(value) {
				return true
			}
		case bytes.Equal(oid, oidExtKeyUsageContent):
			if bytes.Contains(value, emailProtectionContents) {
				return true
			}
		case bytes.Equal(oid, oidCertPoliciesContent):
			if bytes.Contains(value, reservedPolicyArcsContents) {
				return true
			}
		case bytes.Equal(oid, oidNameConstraintsContent):
			return true
		}
	}
	return false
}

// altNamesMayHoldMailbox reports whether the GeneralNames in value hold an
// element zcrypto could read as an rfc822Name or an otherName (which may be
// an SmtpUTF8Mailbox), or cannot be read. zcrypto tells GeneralNames apart
// by their tag number alone, whatever the class and the constructed bit
// (FuzzScreen found an [APPLICATION 1] read as an rfc822Name), so tag
// numbers 0 and 1 of any class count.
func altNamesMayHoldMailbox(value cryptobyte.String) bool {
	var names cryptobyte.String
	if !value.ReadASN1(&names, cbasn1.SEQUENCE) {
		return true
	}
	for !names.Empty() {
		var name cryptobyte.String
		var tag cbasn1.Tag
		if !names.ReadAnyASN1Element(&name, &tag) {
			return true
		}
		if n := tag & 0x1f; n == 0 || n == 1 {
			return true
		}
	}
	return false
}

// ScopedLint is declared by a lint implementation that returns NA on every
// certificate outside InScope (for instance a wrapper that scopes an
// upstream lint to S/MIME certificates), so that a registry holding it may
// still be screened (zlintsmime.Screenable).
type ScopedLint interface {
	ScopedToSMIME()
}
