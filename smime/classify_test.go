package smime

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	stdx509 "crypto/x509"
	"crypto/x509/pkix"
	stdasn1 "encoding/asn1"
	"math/big"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
)

var testKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)

// makeCert builds a certificate from tmpl, self-issued when selfIssued.
func makeCert(t *testing.T, tmpl *stdx509.Certificate, selfIssued bool) *x509.Certificate {
	t.Helper()
	tmpl.SerialNumber = big.NewInt(1)
	tmpl.NotBefore = time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	tmpl.NotAfter = tmpl.NotBefore.Add(365 * 24 * time.Hour)
	tmpl.Subject = pkix.Name{CommonName: "subject"}
	parent := &stdx509.Certificate{Subject: pkix.Name{CommonName: "issuer"}}
	if selfIssued {
		parent = tmpl
	}
	der, err := stdx509.CreateCertificate(rand.Reader, tmpl, parent, &testKey.PublicKey, testKey)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func oid(arcs ...int) stdasn1.ObjectIdentifier { return arcs }

func TestClassify(t *testing.T) {
	emailEKU := []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageEmailProtection}
	strictMailbox := oid(2, 23, 140, 1, 5, 1, 3)
	legacyIndividual := oid(2, 23, 140, 1, 5, 4, 1)
	tests := []struct {
		name       string
		tmpl       stdx509.Certificate
		selfIssued bool
		want       Classification
	}{
		{"S/MIME subscriber, Strict Mailbox",
			stdx509.Certificate{ExtKeyUsage: emailEKU, EmailAddresses: []string{"a@example.com"}, Policies: []stdx509.OID{mustOID(strictMailbox)}}, false,
			Classification{Role: Subscriber, SMIME: true, ReservedPolicies: 1, Policy: ReservedPolicy{MailboxValidated, Strict}}},
		{"two reserved policies: generation unknown",
			stdx509.Certificate{ExtKeyUsage: emailEKU, EmailAddresses: []string{"a@example.com"}, Policies: []stdx509.OID{mustOID(strictMailbox), mustOID(legacyIndividual)}}, false,
			Classification{Role: Subscriber, SMIME: true, ReservedPolicies: 2}},
		{"email SAN without emailProtection is not SBR §1.1",
			stdx509.Certificate{ExtKeyUsage: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageClientAuth}, EmailAddresses: []string{"a@example.com"}}, false,
			Classification{Role: Subscriber}},
		{"TLS leaf",
			stdx509.Certificate{ExtKeyUsage: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth}, DNSNames: []string{"example.com"}}, false,
			Classification{Role: Subscriber}},
		{"delegated OCSP responder",
			stdx509.Certificate{ExtKeyUsage: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageOCSPSigning}}, false,
			Classification{Role: Other}},
		{"self-issued end entity",
			stdx509.Certificate{ExtKeyUsage: emailEKU, EmailAddresses: []string{"a@example.com"}}, true,
			Classification{Role: Other, SMIME: true}},
		{"root without S/MIME signal",
			stdx509.Certificate{IsCA: true, BasicConstraintsValid: true}, true,
			Classification{Role: Root}},
		{"root with emailProtection",
			stdx509.Certificate{IsCA: true, BasicConstraintsValid: true, ExtKeyUsage: emailEKU}, true,
			Classification{Role: Root, SMIMECA: true}},
		{"sub-CA with a reserved policy",
			stdx509.Certificate{IsCA: true, BasicConstraintsValid: true, Policies: []stdx509.OID{mustOID(legacyIndividual)}}, false,
			Classification{Role: SubordinateCA, SMIMECA: true, ReservedPolicies: 1, Policy: ReservedPolicy{IndividualValidated, Legacy}}},
		{"sub-CA with rfc822Name permitted subtree",
			stdx509.Certificate{IsCA: true, BasicConstraintsValid: true, PermittedEmailAddresses: []string{"example.com"}}, false,
			Classification{Role: SubordinateCA, SMIMECA: true}},
		{"TLS sub-CA",
			stdx509.Certificate{IsCA: true, BasicConstraintsValid: true, ExtKeyUsage: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth}}, false,
			Classification{Role: SubordinateCA}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := makeCert(t, &tt.tmpl, tt.selfIssued)
			ci := Inspect(c)
			if ci.Class != tt.want {
				t.Errorf("Classification = %+v, want %+v", ci.Class, tt.want)
			}
			if Inspect(c) != ci {
				t.Error("Inspect parsed the same certificate twice")
			}
		})
	}
}

func mustOID(o stdasn1.ObjectIdentifier) stdx509.OID {
	r, err := stdx509.OIDFromASN1OID(o)
	if err != nil {
		panic(err)
	}
	return r
}

func TestParseReservedPolicy(t *testing.T) {
	for typ := MailboxValidated; typ <= IndividualValidated; typ++ {
		for gen := Legacy; gen <= Strict; gen++ {
			p := ReservedPolicy{typ, gen}
			got, ok := ParseReservedPolicy(p.OID())
			if !ok || got != p {
				t.Errorf("ParseReservedPolicy(%s) = %v, %v", p.OID(), got, ok)
			}
		}
	}
	for _, o := range [][]int{{2, 23, 140, 1, 5, 0, 1}, {2, 23, 140, 1, 5, 1, 4}, {2, 23, 140, 1, 5, 1}, {2, 23, 140, 1, 2, 1}, {2, 23, 140, 1, 5, 1, 1, 1}} {
		if _, ok := ParseReservedPolicy(o); ok {
			t.Errorf("ParseReservedPolicy(%v) accepted a non-reserved OID", o)
		}
	}
}

func TestIsSMIMECADoesNotAllocate(t *testing.T) {
	c := makeCert(t, &stdx509.Certificate{IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth}, Policies: []stdx509.OID{mustOID(oid(2, 23, 140, 1, 2, 1))}}, false)
	if n := testing.AllocsPerRun(100, func() { IsSMIMECA(c); RoleOf(c) }); n != 0 {
		t.Errorf("IsSMIMECA and RoleOf allocate %v times", n)
	}
}
