package smime

import (
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
)

func TestAccessDescriptions(t *testing.T) {
	tests := []struct {
		name, der string
		want      []string // method location
		wantErr   string
	}{
		{"OCSP and caIssuers", "3036 3017 06082b06010505073001 860b687474703a2f2f6f637370 301b 06082b06010505073002 860f687474703a2f2f612f63612e637274",
			[]string{"1.3.6.1.5.5.7.48.1 uniformResourceIdentifier", "1.3.6.1.5.5.7.48.2 uniformResourceIdentifier"}, ""},
		{"caIssuers directoryName", "301d 301b 06082b06010505073002 a40f 300d310b3009060355040613024742",
			[]string{"1.3.6.1.5.5.7.48.2 directoryName"}, ""},
		{"empty", "3000", nil, "authorityInformationAccess is empty (SIZE (1..MAX))"},
		{"no location", "300c 300a 06082b06010505073002", nil, "GeneralName entry is not a DER TLV"},
		{"two locations", "3012 3010 06082b06010505073002 860161 860162", nil, "AccessDescription has bytes after its accessLocation"},
		{"not a SEQUENCE", "0500", nil, "authorityInformationAccess is not exactly one DER SEQUENCE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &x509.Certificate{Extensions: []pkix.Extension{{Id: OIDAuthorityInfoAccess, Value: unhex(t, tt.der)}}}
			ads, err := AccessDescriptions(c)
			if errString(err) != tt.wantErr {
				t.Fatalf("error %q, want %q", errString(err), tt.wantErr)
			}
			if len(ads) != len(tt.want) {
				t.Fatalf("got %d entries, want %d", len(ads), len(tt.want))
			}
			for i, ad := range ads {
				if got := ad.Method.String() + " " + ad.Location.String(); got != tt.want[i] {
					t.Errorf("entry %d = %q, want %q", i, got, tt.want[i])
				}
			}
		})
	}
	if ads, err := AccessDescriptions(&x509.Certificate{}); ads != nil || err != nil {
		t.Error("AccessDescriptions reads an extension the certificate lacks")
	}
}
