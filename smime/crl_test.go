package smime

import (
	"encoding/hex"
	"strings"
	"testing"
)

func TestParseIssuingDistributionPoint(t *testing.T) {
	for _, tc := range []struct {
		name, hex string
		want      CRLScope
		wantErr   bool
	}{
		{"empty", "3000", CRLScope{Present: true}, false},
		{"onlyContainsUserCerts", "3003 8101ff", CRLScope{Present: true, OnlyUserCerts: true}, false},
		{"onlyContainsCACerts", "3003 8201ff", CRLScope{Present: true, OnlyCACerts: true}, false},
		{"onlyContainsAttributeCerts", "3003 8501ff", CRLScope{Present: true, OnlyAttributeCert: true}, false},
		{"distribution point then CA certs", "3021 a01c a01a 8618 687474703a2f2f63726c2e6578616d706c652f612e63726c 8201ff",
			CRLScope{Present: true, OnlyCACerts: true}, false},
		{"onlySomeReasons and indirectCRL skipped", "3007 83020106 8401ff", CRLScope{Present: true}, false},
		{"explicit FALSE, not DER but readable", "3003 820100", CRLScope{Present: true}, false},
		{"out of order", "3006 8201ff 8101ff", CRLScope{Present: true, OnlyCACerts: true}, true},
		{"BOOLEAN of two octets", "3004 8202ffff", CRLScope{Present: true}, true},
		{"BOOLEAN neither 0 nor FF", "3003 820101", CRLScope{Present: true}, true},
		{"not a SEQUENCE", "0500", CRLScope{Present: true}, true},
		{"trailing data", "3000 00", CRLScope{Present: true}, true},
		{"truncated", "3003 8201", CRLScope{Present: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			der, err := hex.DecodeString(strings.ReplaceAll(tc.hex, " ", ""))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseIssuingDistributionPoint(der)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParseIssuingDistributionPoint(%s) = %+v, %v; want %+v, error %v", tc.hex, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func FuzzParseIssuingDistributionPoint(f *testing.F) {
	for _, s := range []string{"3000", "30038101ff", "30038201ff", "3006 8201ff 8101ff", "3007 83020106 8401ff"} {
		der, _ := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		s, err := ParseIssuingDistributionPoint(der)
		if !s.Present {
			t.Fatal("a parsed extension is not marked present")
		}
		if err != nil && len(err.Error()) > 200 {
			t.Fatalf("error too long: %v", err)
		}
	})
}
