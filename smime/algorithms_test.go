package smime

import (
	"encoding/hex"
	"testing"
)

func TestUsesSHA1(t *testing.T) {
	tests := []struct {
		name, der string
		want      bool
		wantErr   bool
	}{
		{"sha256WithRSA", "300d06092a864886f70d01010b0500", false, false},
		{"sha1WithRSA", "300d06092a864886f70d0101050500", true, false},
		{"sha1WithRSA OIW", "300906052b0e03021d0500", true, false},
		{"ecdsa-with-SHA1", "300906072a8648ce3d0401", true, false},
		{"ecdsa-with-SHA512", "300a06082a8648ce3d040304", false, false},
		{"PSS SHA-256 table entry", hex.EncodeToString(SignatureEncodings[3].DER), false, false},
		{"PSS absent parameters", "300b06092a864886f70d01010a", true, false},
		{"PSS empty parameters", "300d06092a864886f70d01010a3000", true, false},
		{"PSS SHA-1 hash", "301a06092a864886f70d01010a300da00b300906052b0e03021a0500", true, false},
		{"PSS SHA-256 hash, MGF1 default", "301e06092a864886f70d01010a3011a00f300d06096086480165030402010500", true, false},
		{"PSS parameters not DER", "300d06092a864886f70d01010a0500", false, true},
		{"not an AlgorithmIdentifier", "0500", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			der, err := hex.DecodeString(tt.der)
			if err != nil {
				t.Fatal(err)
			}
			got, err := UsesSHA1(der)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("UsesSHA1 = %v, %v; want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestTablesMatchSBR(t *testing.T) {
	// Spot checks against SBR §7.1.3.2 as quoted; the full rows are built
	// from the same strings.
	e, ok := Lookup(SignatureEncodings, SignatureEncodings[4].DER)
	if !ok || e.Name != "RSASSA-PSS SHA-384" {
		t.Fatalf("lookup of the PSS SHA-384 row gave %v", e)
	}
	if len(SPKIEncodings) != 12 || len(SignatureEncodings) != 14 {
		t.Fatalf("tables have %d and %d rows, want 12 and 14", len(SPKIEncodings), len(SignatureEncodings))
	}
}
