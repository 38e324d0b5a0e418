package smime

import (
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
)

func TestLEIProblem(t *testing.T) {
	tests := []struct{ lei, want string }{
		{"AEYE00EKXESVZUUEBP67", ""},
		{"5493001KJTIIGC8Y1R12", ""}, // Bloomberg Finance L.P., from the GLEIF database
		{"AEYE00EKXESVZUUEBP63", "has the check digits 63; ISO 17442 requires 67"},
		{"5493001KJTIIGC8Y1R21", "has the check digits 21; ISO 17442 requires 12"},
		{"AEYE00EKXESVZUUEBP6", "has 19 characters, not 20"},
		{"AEYE00EKXESVZUUEBP670", "has 21 characters, not 20"},
		{"aeye00ekxesvzuuebp67", "has 'a' at position 1; an LEI has digits or A to Z, and two check digits at the end"},
		{"AEYE00EKXESVZUUEBPA7", "has 'A' at position 19; an LEI has digits or A to Z, and two check digits at the end"},
		{"AEYE00EKXESVZUUEB-67", "has '-' at position 18; an LEI has digits or A to Z, and two check digits at the end"},
		{"", "has 0 characters, not 20"},
	}
	for _, tt := range tests {
		if got := LEIProblem(tt.lei); got != tt.want {
			t.Errorf("LEIProblem(%q) = %q, want %q", tt.lei, got, tt.want)
		}
	}
}

func TestLEIExtension(t *testing.T) {
	tests := []struct {
		name, der, want, wantErr string
	}{
		{"PrintableString", "1314 414559453030454b584553565a55554542503637", "AEYE00EKXESVZUUEBP67", ""},
		{"UTF8String", "0c14 414559453030454b584553565a55554542503637", "AEYE00EKXESVZUUEBP67", "the LEI extension value is a UTF8String, not a PrintableString"},
		{"trailing byte", "1301 41 00", "", "the LEI extension value is not exactly one DER TLV"},
		{"empty", "", "", "the LEI extension value is not exactly one DER TLV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &x509.Certificate{Extensions: []pkix.Extension{{Id: OIDLegalEntityIdentifier, Value: unhex(t, tt.der)}}}
			lei, _, ok, err := LEIExtension(c)
			if !ok || lei != tt.want || errString(err) != tt.wantErr {
				t.Errorf("LEIExtension = %q, %v, %v; want %q, %q", lei, ok, err, tt.want, tt.wantErr)
			}
		})
	}
	if _, _, ok, _ := LEIExtension(&x509.Certificate{}); ok {
		t.Error("LEIExtension reports an extension the certificate lacks")
	}
}
