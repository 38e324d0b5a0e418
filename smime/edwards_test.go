package smime

import (
	"testing"

	"github.com/zmap/zcrypto/x509"
)

func TestHasEd448Key(t *testing.T) {
	tests := []struct {
		name, spki string
		want       bool
	}{
		{"Ed448", "3043 3005 06032b6571 033a00" + "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180", true},
		{"Ed448 with NULL parameters", "300b 3007 06032b6571 0500 030100", true},
		{"Ed25519", "300a 3005 06032b6570 030100", false},
		{"X448", "300a 3005 06032b656f 030100", false},
		{"malformed", "3003 0500", false},
	}
	for _, tt := range tests {
		if got := HasEd448Key(&x509.Certificate{RawSubjectPublicKeyInfo: unhex(t, tt.spki)}); got != tt.want {
			t.Errorf("%s: HasEd448Key = %v, want %v", tt.name, got, tt.want)
		}
	}
}
