package smime

import (
	"errors"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// CRL extensions and CRL entry extensions (RFC 5280 §5.2 and §5.3).
var (
	OIDReasonCode               = asn1.ObjectIdentifier{2, 5, 29, 21}
	OIDIssuingDistributionPoint = asn1.ObjectIdentifier{2, 5, 29, 28}
)

var (
	errIssuingDistributionPoint = errors.New("issuingDistributionPoint is not a DER SEQUENCE of its RFC 5280 §5.2.5 fields")
	errIDPTwice                 = errors.New("issuingDistributionPoint appears more than once")
)

// CRL reasons of SBR §7.2.2 (RFC 5280 §5.3.1 CRLReason).
const (
	ReasonUnspecified     = 0
	ReasonCertificateHold = 6
)

// CRLScope is what a CRL's issuingDistributionPoint extension (RFC 5280
// §5.2.5) says of the certificates the CRL covers.
type CRLScope struct {
	Present           bool // the extension is there
	OnlyUserCerts     bool // onlyContainsUserCerts: end-entity certificates only
	OnlyCACerts       bool // onlyContainsCACerts: CA certificates only (an ARL)
	OnlyAttributeCert bool // onlyContainsAttributeCerts
}

// ScopeOf reads the issuingDistributionPoint of r. A CRL without one covers
// every certificate of its issuer, CA and end-entity alike.
func ScopeOf(r *x509.RevocationList) (CRLScope, error) {
	var der []byte
	found := false
	for _, e := range r.Extensions {
		if !e.Id.Equal(OIDIssuingDistributionPoint) {
			continue
		}
		if found {
			return CRLScope{Present: true}, errIDPTwice
		}
		der, found = e.Value, true
	}
	if !found {
		return CRLScope{}, nil
	}
	return ParseIssuingDistributionPoint(der)
}

// ParseIssuingDistributionPoint reads the value of an issuingDistributionPoint
// extension:
//
//	IssuingDistributionPoint ::= SEQUENCE {
//	     distributionPoint          [0] DistributionPointName OPTIONAL,
//	     onlyContainsUserCerts      [1] BOOLEAN DEFAULT FALSE,
//	     onlyContainsCACerts        [2] BOOLEAN DEFAULT FALSE,
//	     onlySomeReasons            [3] ReasonFlags OPTIONAL,
//	     indirectCRL                [4] BOOLEAN DEFAULT FALSE,
//	     onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
//
// The module uses implicit tagging, so each BOOLEAN is a primitive [n] with
// one content octet.
func ParseIssuingDistributionPoint(der []byte) (CRLScope, error) {
	s := CRLScope{Present: true}
	input := cryptobyte.String(der)
	var seq cryptobyte.String
	if !input.ReadASN1(&seq, cbasn1.SEQUENCE) || !input.Empty() {
		return s, errIssuingDistributionPoint
	}
	seq.SkipOptionalASN1(cbasn1.Tag(0).ContextSpecific().Constructed())
	flags := []struct {
		tag cbasn1.Tag
		to  *bool
	}{
		{cbasn1.Tag(1).ContextSpecific(), &s.OnlyUserCerts},
		{cbasn1.Tag(2).ContextSpecific(), &s.OnlyCACerts},
		{cbasn1.Tag(3).ContextSpecific(), nil}, // onlySomeReasons
		{cbasn1.Tag(4).ContextSpecific(), nil}, // indirectCRL
		{cbasn1.Tag(5).ContextSpecific(), &s.OnlyAttributeCert},
	}
	for _, f := range flags {
		var v cryptobyte.String
		var present bool
		if !seq.ReadOptionalASN1(&v, &present, f.tag) {
			return s, errIssuingDistributionPoint
		}
		if !present || f.to == nil {
			continue
		}
		if len(v) != 1 || (v[0] != 0 && v[0] != 0xff) {
			return s, errIssuingDistributionPoint
		}
		*f.to = v[0] == 0xff
	}
	if !seq.Empty() {
		return s, errIssuingDistributionPoint
	}
	return s, nil
}

// ReasonCodeCritical reports whether e carries a reasonCode extension marked
// critical.
func ReasonCodeCritical(e *x509.RevokedCertificate) bool {
	for _, x := range e.Extensions {
		if x.Id.Equal(OIDReasonCode) && x.Critical {
			return true
		}
	}
	return false
}

// HasReason reports whether e has a reasonCode of the given value.
func HasReason(e *x509.RevokedCertificate, reason int) bool {
	return e.ReasonCode != nil && *e.ReasonCode == reason
}

// CRLAlgorithms returns the raw AlgorithmIdentifiers of r, which zcrypto's
// parsed SignatureAlgorithm normalises away: tbsCertList.signature and the
// outer signatureAlgorithm (RFC 5280 §5.1).
func CRLAlgorithms(r *x509.RevocationList) (tbsSignature, signature []byte, err error) {
	// tbsCertList: version OPTIONAL (v2 when present), signature, …
	return signedAlgorithms(r.Raw, "CRL", "tbsCertList", func(tbs *cryptobyte.String) bool {
		return tbs.SkipOptionalASN1(cbasn1.INTEGER)
	})
}
