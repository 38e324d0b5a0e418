package smime

import (
	"errors"
	"strconv"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/zmap/zcrypto/x509"

	"github.com/smimelint/zlint-smime/util"
)

// KeyPurposeIds that the SBR names (RFC 5280 §4.2.1.12).
var (
	OIDExtKeyUsage      = asn1.ObjectIdentifier{2, 5, 29, 37}
	OIDAnyExtKeyUsage   = asn1.ObjectIdentifier{2, 5, 29, 37, 0}
	OIDServerAuth       = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	OIDClientAuth       = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 2}
	OIDCodeSigning      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 3}
	OIDEmailProtection  = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 4}
	OIDTimeStamping     = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 8}
	OIDOCSPSigning      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 9}
	OIDDocumentSigning  = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}
	forbiddenEKUs       = []asn1.ObjectIdentifier{OIDServerAuth, OIDCodeSigning, OIDTimeStamping, OIDAnyExtKeyUsage}
	realignedAllowedEKU = []asn1.ObjectIdentifier{OIDEmailProtection, OIDClientAuth}
)

var ekuNames = map[string]string{
	OIDAnyExtKeyUsage.String():  "anyExtendedKeyUsage",
	OIDServerAuth.String():      "id-kp-serverAuth",
	OIDClientAuth.String():      "id-kp-clientAuth",
	OIDCodeSigning.String():     "id-kp-codeSigning",
	OIDEmailProtection.String(): "id-kp-emailProtection",
	OIDTimeStamping.String():    "id-kp-timeStamping",
	OIDOCSPSigning.String():     "id-kp-OCSPSigning",
	OIDDocumentSigning.String(): "id-kp-documentSigning",
}

// EKUName names a KeyPurposeId for messages: its RFC name if the SBR or RFC
// 5280 gives one, else its dotted form.
func EKUName(oid asn1.ObjectIdentifier) string {
	if n, ok := ekuNames[oid.String()]; ok {
		return n + " (" + oid.String() + ")"
	}
	return oidString(oid)
}

// oidString is the dotted form of oid for messages, cut on an arc boundary
// after util.MaxQuoted bytes: an OBJECT IDENTIFIER read from a certificate
// may have thousands of arcs.
func oidString(oid asn1.ObjectIdentifier) string {
	s := oid.String()
	if len(s) <= util.MaxQuoted {
		return s
	}
	cut := strings.LastIndexByte(s[:util.MaxQuoted], '.')
	return s[:cut] + ".…(" + strconv.Itoa(len(oid)) + " arcs)"
}

// ExtKeyUsage is the extKeyUsage extension read from its raw DER, so that
// every KeyPurposeId counts, including those zcrypto does not know.
type ExtKeyUsage struct {
	Present  bool
	Critical bool
	OIDs     []asn1.ObjectIdentifier
	Err      error
}

func parseExtKeyUsage(c *x509.Certificate) ExtKeyUsage {
	der, critical, ok := findExtension(c, OIDExtKeyUsage)
	if !ok {
		return ExtKeyUsage{}
	}
	e := ExtKeyUsage{Present: true, Critical: critical}
	input := cryptobyte.String(der)
	var seq cryptobyte.String
	if !input.ReadASN1(&seq, cbasn1.SEQUENCE) || !input.Empty() {
		e.Err = errors.New("extKeyUsage is not exactly one DER SEQUENCE")
		return e
	}
	for !seq.Empty() {
		var oid asn1.ObjectIdentifier
		if !readOID(&seq, &oid) {
			e.Err = errors.New("extKeyUsage holds something other than an OBJECT IDENTIFIER")
			return e
		}
		e.OIDs = append(e.OIDs, oid)
	}
	return e
}

// Has reports whether oid is among the KeyPurposeIds.
func (e *ExtKeyUsage) Has(oid asn1.ObjectIdentifier) bool {
	for _, o := range e.OIDs {
		if o.Equal(oid) {
			return true
		}
	}
	return false
}

// Forbidden returns the first of id-kp-serverAuth, id-kp-codeSigning,
// id-kp-timeStamping and anyExtendedKeyUsage present: the values that SBR
// §7.1.2.2(g) and §7.1.2.3(f) forbid in S/MIME subordinate CA and subscriber
// certificates at every date.
func (e *ExtKeyUsage) Forbidden() (asn1.ObjectIdentifier, bool) {
	return e.firstOf(forbiddenEKUs, true)
}

// OutsideRealigned returns the first value other than id-kp-emailProtection
// and id-kp-clientAuth: from 2027-07-01 nothing else is allowed (ballot
// SMC018).
func (e *ExtKeyUsage) OutsideRealigned() (asn1.ObjectIdentifier, bool) {
	return e.firstOf(realignedAllowedEKU, false)
}

// OtherThan returns the first value that is not oid.
func (e *ExtKeyUsage) OtherThan(oid asn1.ObjectIdentifier) (asn1.ObjectIdentifier, bool) {
	return e.firstOf([]asn1.ObjectIdentifier{oid}, false)
}

// firstOf returns the first value that is (in) or is not (!in) in set.
func (e *ExtKeyUsage) firstOf(set []asn1.ObjectIdentifier, in bool) (asn1.ObjectIdentifier, bool) {
	for _, o := range e.OIDs {
		found := false
		for _, s := range set {
			if o.Equal(s) {
				found = true
				break
			}
		}
		if found == in {
			return o, true
		}
	}
	return nil, false
}
