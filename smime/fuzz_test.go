package smime

import (
	"bytes"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"
)

// The fuzz targets check that every parser of the package returns an error,
// never panics, on any input, and that what it returns points into the input.

func FuzzParseGeneralNames(f *testing.F) {
	for _, s := range []string{"302d" + rfc9598Example, "3013 8111 616c696365406578616d706c652e636f6d",
		"3016 a014 06082b06010505070809 a008 1e06 00610040 0062", "3011 a40f 300d310b3009060355040613024742", "3000", "3003 0c0161"} {
		der, _ := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		names, err := ParseGeneralNames(der)
		if err == nil && len(names) == 0 {
			t.Fatal("no error and no names")
		}
		for i := range names {
			n := &names[i]
			if !bytes.Contains(der, n.Raw) || !bytes.Contains(n.Raw, n.Value) {
				t.Fatalf("entry %d does not point into the input", i)
			}
			if n.IsSmtpUTF8Mailbox() {
				m := decodeSmtpUTF8Mailbox("subjectAltName", n)
				_ = m.Describe()
			}
			_ = n.String()
		}
	})
}

func FuzzParseNameConstraints(f *testing.F) {
	for _, s := range []string{"3024 a022 300d 810b6578616d706c652e636f6d 3011 a40f 300d310b3009060355040613024742",
		"3031 a12f 302d" + rfc9598Example, "300a a008 3006 810161 810101", "3002 a000"} {
		der, _ := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		p, e, _ := ParseNameConstraints(der)
		nc := NameConstraints{Permitted: p, Excluded: e}
		for _, st := range nc.EmailSubtrees() {
			_ = ConstraintDomain(string(st.Subtree.Base.Value))
		}
	})
}

func FuzzMailbox(f *testing.F) {
	for _, s := range []string{"医生@xn--pss25c.example.com", `"a@b"@example.com`, "Alice <a@example.com>",
		"a@[192.0.2.1]", "\ufeff医生@大学.example.com", "@", `"\`, "a@xn--i-7iq.example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMailbox(s)
		if err != nil {
			return
		}
		if m.LocalPart+"@"+m.Domain != s {
			t.Fatalf("ParseMailbox(%q) split into %q and %q", s, m.LocalPart, m.Domain)
		}
		_ = CheckLDH(m.Domain)
		_ = CheckALabels(m.Domain)
		_ = CheckULabels(m.Domain)
		_, _ = FirstULabel(m.Domain)
	})
}

func FuzzUsesSHA1(f *testing.F) {
	for _, e := range SignatureEncodings {
		f.Add(e.DER)
	}
	for _, s := range []string{"300d06092a864886f70d0101050500", "300b06092a864886f70d01010a", "301a06092a864886f70d01010a300da00b300906052b0e03021a0500"} {
		der, _ := hex.DecodeString(s)
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		_, _ = UsesSHA1(der)
		_ = IsRSASignature(der)
	})
}

func FuzzCheckModulus(f *testing.F) {
	f.Add([]byte{0x01, 0x00, 0x01})
	f.Add(bytes.Repeat([]byte{0xc3}, 256))
	f.Fuzz(func(t *testing.T, b []byte) {
		n := new(big.Int).SetBytes(b)
		err := CheckModulus(n)
		if err == nil && (n.Sign() == 0 || n.Bit(0) == 0) {
			t.Fatalf("CheckModulus accepted %x", b)
		}
	})
}
