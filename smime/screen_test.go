package smime

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"testing"
	"time"
)

// TestMayBeInScope: each DER condition of the screen on its own, and the
// inputs it must keep because it cannot read them. The superset property
// over the corpora and the lints is tested in the root package
// (screen_test.go).
func TestMayBeInScope(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ext := func(oid asn1.ObjectIdentifier, value []byte) pkix.Extension {
		return pkix.Extension{Id: oid, Value: value}
	}
	names := func(vs ...asn1.RawValue) []byte {
		b, err := asn1.Marshal(vs)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	san, ian := asn1.ObjectIdentifier{2, 5, 29, 17}, asn1.ObjectIdentifier{2, 5, 29, 18}
	dns := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte("example.com")}
	rfc822 := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 1, Bytes: []byte("a@example.com")}
	rfc822Constructed := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 1, IsCompound: true, Bytes: []byte{0x16, 0x01, 'a'}}
	otherName := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: []byte{0x06, 0x01, 0x2a, 0xa0, 0x02, 0x05, 0x00}}
	policy := func(arcs ...uint64) x509.OID {
		o, err := x509.OIDFromInts(arcs)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	cert := func(tmpl x509.Certificate) []byte {
		tmpl.SerialNumber = big.NewInt(1)
		tmpl.Subject = pkix.Name{CommonName: "t"}
		tmpl.NotBefore = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		tmpl.NotAfter = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &key.PublicKey, key)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	tlsCert := cert(x509.Certificate{DNSNames: []string{"example.com"}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		Policies: []x509.OID{policy(2, 23, 140, 1, 2, 1)}})
	for _, tc := range []struct {
		name string
		der  []byte
		want bool
	}{
		{"TLS", tlsCert, false},
		{"TLS with anyExtendedKeyUsage", cert(x509.Certificate{DNSNames: []string{"example.com"}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}), false},
		{"TLS CA", cert(x509.Certificate{IsCA: true, BasicConstraintsValid: true, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}), false},
		{"no extension we read", cert(x509.Certificate{}), false},
		{"rfc822Name", cert(x509.Certificate{EmailAddresses: []string{"a@example.com"}}), true},
		{"rfc822Name, constructed", cert(x509.Certificate{ExtraExtensions: []pkix.Extension{ext(san, names(dns, rfc822Constructed))}}), true},
		{"[APPLICATION 1], which zcrypto reads as an rfc822Name", cert(x509.Certificate{ExtraExtensions: []pkix.Extension{ext(san, []byte{0x30, 0x03, 0x61, 0x01, 0x81})}}), true},
		{"otherName", cert(x509.Certificate{ExtraExtensions: []pkix.Extension{ext(san, names(dns, otherName))}}), true},
		{"issuerAltName rfc822Name", cert(x509.Certificate{DNSNames: []string{"example.com"}, ExtraExtensions: []pkix.Extension{ext(ian, names(rfc822))}}), true},
		{"SAN not GeneralNames", cert(x509.Certificate{ExtraExtensions: []pkix.Extension{ext(san, []byte{0x04, 0x00})}}), true},
		{"emailProtection", cert(x509.Certificate{ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageEmailProtection}}), true},
		{"reserved policy", cert(x509.Certificate{Policies: []x509.OID{policy(2, 23, 140, 1, 2, 1), policy(2, 23, 140, 1, 5, 1, 3)}}), true},
		{"nameConstraints", cert(x509.Certificate{IsCA: true, BasicConstraintsValid: true, PermittedDNSDomains: []string{"example.com"}}), true},
		{"empty", nil, true},
		{"garbage", []byte("garbage"), true},
		{"truncated", tlsCert[:len(tlsCert)-1], true},
		{"trailing data", append(append([]byte(nil), tlsCert...), 0x05, 0x00), true},
		{"trailing data in TBS", append([]byte(nil), tlsCert...), true},
	} {
		if tc.name == "trailing data in TBS" {
			tc.der = withTBSTrailer(t, tc.der)
		}
		if got := MayBeInScope(tc.der); got != tc.want {
			t.Errorf("%s: MayBeInScope = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// withTBSTrailer appends a NULL to the TBSCertificate of der, re-encoding
// the lengths.
func withTBSTrailer(t *testing.T, der []byte) []byte {
	t.Helper()
	var c struct {
		TBS asn1.RawValue
		Alg asn1.RawValue
		Sig asn1.BitString
	}
	if _, err := asn1.Unmarshal(der, &c); err != nil {
		t.Fatal(err)
	}
	c.TBS.Bytes = append(c.TBS.Bytes, 0x05, 0x00)
	c.TBS.FullBytes = nil
	out, err := asn1.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
