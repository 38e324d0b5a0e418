package smime

import (
	"encoding/base64"
	"encoding/pem"
	"testing"
)

// FuzzShape checks that telling certificates, CRLs and bare TBSs apart
// never panics, and that wrapping a bare TBS gives the signed shape that
// belongs to it.
func FuzzShape(f *testing.F) {
	for _, c := range fuzzFixtureCerts(f)[:20] {
		f.Add(c.Raw)
		f.Add(c.RawTBSCertificate)
	}
	f.Add([]byte{0x30, 0x00})
	f.Fuzz(func(t *testing.T, der []byte) {
		shape := ShapeOf(der)
		_ = shape.String()
		if sh, extra, ok := TrailingData(der); ok {
			switch {
			case shape != UnknownShape:
				t.Fatalf("a %s has %d bytes of trailing data", shape, extra)
			case extra < 1 || extra >= len(der) || ShapeOf(der[:len(der)-extra]) != sh:
				t.Fatalf("trailing data: %s and %d bytes of %d", sh, extra, len(der))
			}
			checkErr(t, "TrailingDataError", TrailingDataError(sh, extra))
		}
		wrapped, err := WrapTBS(der)
		if err != nil {
			checkErr(t, "WrapTBS", err)
			return
		}
		switch want := map[Shape]Shape{TBSCertificateShape: CertificateShape, TBSCRLShape: CRLShape}[shape]; {
		case want != UnknownShape && ShapeOf(wrapped) != want:
			t.Fatalf("a %s wraps into a %s, not a %s", shape, ShapeOf(wrapped), want)
		case !SignatureCannotBeReal(nil):
			t.Fatal("an empty signature is taken for a real one")
		}
	})
}

// FuzzIssuerInput checks that reading an issuer certificate from any text
// (PEM, base64, DER or neither) never panics and explains a refusal in a
// bounded message.
func FuzzIssuerInput(f *testing.F) {
	for _, c := range fuzzFixtureCerts(f)[:10] {
		f.Add(c.Raw)
		f.Add(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
		f.Add([]byte(base64.StdEncoding.EncodeToString(c.Raw)))
	}
	f.Add([]byte("-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		iss, err := ParseIssuerConfig(string(text))
		if err != nil {
			checkErr(t, "ParseIssuerConfig", err)
			return
		}
		if iss != nil {
			if !iss.Cert.IsCA {
				t.Fatal("a certificate that is not a CA accepted as an issuer")
			}
			checkMessage(t, "Key.Describe", iss.Key.Describe())
		}
	})
}

// FuzzSignatureCannotBeReal runs the signature screen on any bytes.
func FuzzSignatureCannotBeReal(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x05})
	f.Fuzz(func(t *testing.T, sig []byte) {
		_ = SignatureCannotBeReal(sig)
	})
}
