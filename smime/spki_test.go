package smime

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

func TestReplaceSPKIRoundTrip(t *testing.T) {
	// A minimal certificate shape: version, serial, signature, issuer,
	// validity, subject, SPKI, then the outer algorithm and signature.
	der := spkiCert(PlaceholderSPKIs[0])
	out, original, err := ReplaceSPKI(der, PlaceholderSPKIs[1])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(original, PlaceholderSPKIs[0]) {
		t.Fatalf("original SPKI = %x", original)
	}
	back, replaced, err := ReplaceSPKI(out, original)
	if err != nil || !bytes.Equal(back, der) || !bytes.Equal(replaced, PlaceholderSPKIs[1]) {
		t.Fatalf("round trip: err %v, equal %v", err, bytes.Equal(back, der))
	}
	if _, _, err := ReplaceSPKI(der[:len(der)-1], PlaceholderSPKIs[1]); err == nil {
		t.Error("a truncated certificate was accepted")
	}
}

func TestSPKIAlgorithmProblemBrainpool(t *testing.T) {
	// id-ecPublicKey, namedCurve brainpoolP256r1.
	alg := []byte{0x30, 0x14, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x09, 0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07}
	p := SPKIAlgorithmProblem(alg, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	if !strings.Contains(p, "namedCurve brainpoolP256r1 1.3.36.3.3.2.8.1.1.7") {
		t.Errorf("problem = %q", p)
	}
	spkiAlg, err := SPKIAlgorithmOf(PlaceholderSPKIs[1])
	if err != nil || SPKIAlgorithmProblem(spkiAlg, time.Now()) != "" {
		t.Errorf("P-256 placeholder: err %v, problem %q", err, SPKIAlgorithmProblem(spkiAlg, time.Now()))
	}
}

func spkiCert(spki []byte) []byte {
	seq := func(parts ...[]byte) []byte {
		return build(func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				for _, p := range parts {
					b.AddBytes(p)
				}
			})
		})
	}
	version := []byte{0xa0, 0x03, 0x02, 0x01, 0x02}
	serial := []byte{0x02, 0x01, 0x01}
	alg := seq([]byte{0x06, 0x03, 0x2b, 0x65, 0x70})
	name := seq()
	validity := seq()
	return seq(seq(version, serial, alg, name, validity, name, spki), alg, []byte{0x03, 0x01, 0x00})
}
