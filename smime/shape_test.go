package smime

import (
	"strings"
	"testing"
)

// TestTrailingData tells a known structure followed by bytes apart from
// one without them and from unknown input, and names it.
func TestTrailingData(t *testing.T) {
	cert := fuzzFixtureCerts(t)[0]
	for _, tt := range []struct {
		name  string
		der   []byte
		shape Shape // UnknownShape: not ok
		extra int
		msg   string
	}{
		{"certificate", cert.Raw, UnknownShape, 0, ""},
		{"certificate and a byte", append(append([]byte{}, cert.Raw...), 0), CertificateShape, 1, "1 byte follows the DER certificate"},
		{"TBS and two bytes", append(append([]byte{}, cert.RawTBSCertificate...), 0, 0), TBSCertificateShape, 2, "2 bytes follow the DER TBSCertificate"},
		{"empty SEQUENCE and a byte", []byte{0x30, 0x00, 0x00}, UnknownShape, 0, ""},
		{"not DER", []byte("hello"), UnknownShape, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sh, extra, ok := TrailingData(tt.der)
			if ok != (tt.shape != UnknownShape) || sh != tt.shape || extra != tt.extra {
				t.Fatalf("TrailingData = %s, %d, %v; want %s, %d", sh, extra, ok, tt.shape, tt.extra)
			}
			if ok && !strings.Contains(TrailingDataError(sh, extra).Error(), tt.msg) {
				t.Errorf("message %q, want %q", TrailingDataError(sh, extra), tt.msg)
			}
		})
	}
}
