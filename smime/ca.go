package smime

import (
	"errors"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Extensions of the CA profiles (SBR §7.1.2.1, §7.1.2.2).
var (
	OIDCertificatePolicies = asn1.ObjectIdentifier{2, 5, 29, 32}
	OIDAnyPolicy           = asn1.ObjectIdentifier{2, 5, 29, 32, 0}
	OIDCRLDistribution     = asn1.ObjectIdentifier{2, 5, 29, 31}
	OIDAuthorityInfoAccess = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 1}
	OIDAuthorityKeyID      = asn1.ObjectIdentifier{2, 5, 29, 35}
	OIDBasicConstraints    = asn1.ObjectIdentifier{2, 5, 29, 19}
)

// Extension reports whether c has the extension oid and whether it is
// critical. It does not allocate.
func Extension(c *x509.Certificate, oid asn1.ObjectIdentifier) (present, critical bool) {
	_, critical, present = findExtension(c, oid)
	return present, critical
}

// HasHTTPURL reports whether any of urls is an http:// URL, the scheme SBR
// §7.1.2.2(b) and (c) ask for (case-insensitively, as RFC 3986 §3.1 allows).
func HasHTTPURL(urls []string) bool {
	for _, u := range urls {
		if len(u) > 7 && strings.EqualFold(u[:7], "http://") {
			return true
		}
	}
	return false
}

// HasAnyPolicy reports whether anyPolicy is among c's policies.
func HasAnyPolicy(c *x509.Certificate) bool {
	for _, oid := range c.PolicyIdentifiers {
		if oid.Equal(OIDAnyPolicy) {
			return true
		}
	}
	return false
}

// AuthorityKeyIDFields reports which optional fields the
// authorityKeyIdentifier holds (RFC 5280 §4.2.1.1): keyIdentifier [0],
// authorityCertIssuer [1], authorityCertSerialNumber [2].
func AuthorityKeyIDFields(c *x509.Certificate) (keyID, issuer, serial bool, err error) {
	der, _, ok := findExtension(c, OIDAuthorityKeyID)
	if !ok {
		return false, false, false, nil
	}
	input := cryptobyte.String(der)
	var seq cryptobyte.String
	if !input.ReadASN1(&seq, cbasn1.SEQUENCE) || !input.Empty() {
		return false, false, false, errors.New("authorityKeyIdentifier is not exactly one DER SEQUENCE")
	}
	keyID = seq.PeekASN1Tag(cbasn1.Tag(0).ContextSpecific())
	if !seq.SkipOptionalASN1(cbasn1.Tag(0).ContextSpecific()) {
		return false, false, false, errors.New("authorityKeyIdentifier keyIdentifier is not DER")
	}
	issuer = seq.PeekASN1Tag(cbasn1.Tag(1).ContextSpecific().Constructed())
	if !seq.SkipOptionalASN1(cbasn1.Tag(1).ContextSpecific().Constructed()) {
		return false, false, false, errors.New("authorityKeyIdentifier authorityCertIssuer is not DER")
	}
	serial = seq.PeekASN1Tag(cbasn1.Tag(2).ContextSpecific())
	return keyID, issuer, serial, nil
}

// IsSMIMERoot and IsSMIMESubCA split IsSMIMECA by role. They do not
// allocate.
func IsSMIMERoot(c *x509.Certificate) bool { return IsSMIMECA(c) && RoleOf(c) == Root }

// IsSMIMESubCA reports whether c is an S/MIME subordinate CA certificate.
func IsSMIMESubCA(c *x509.Certificate) bool { return IsSMIMECA(c) && RoleOf(c) == SubordinateCA }

// HasEmailProtection reports whether id-kp-emailProtection is in c's EKU.
// It does not allocate.
func HasEmailProtection(c *x509.Certificate) bool {
	return hasEKU(c, x509.ExtKeyUsageEmailProtection)
}
