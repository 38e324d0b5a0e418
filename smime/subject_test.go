package smime

import (
	"testing"
)

func TestParseName(t *testing.T) {
	tests := []struct {
		name, der string
		want      []string // type=value (tag)
		wantErr   string
	}{
		{"C and CN", "3024 310b 3009 0603550406 13024742 3115 3013 0603550403 0c0c416c696365204c696464656c", []string{"countryName=GB (0x13)", "commonName=Alice Liddel (0x0c)"}, ""},
		{"BMPString orgId", "3011 310f 300d 0603550461 1e06 004e00540052", []string{"organizationIdentifier=NTR (0x1e)"}, ""},
		{"multi-valued RDN", "3018 3116 3009 0603550406 13024742 3009 060355040a 0c024f31", []string{"countryName=GB (0x13)", "organizationName=O1 (0x0c)"}, ""},
		{"non-ASCII PrintableString", "300d 310b 3009 0603550406 1302c3a4", []string{"countryName=<error: string has a non-ASCII octet> (0x13)"}, ""},
		{"not a SET", "3004 3002 0500", nil, "name holds something other than a RelativeDistinguishedName SET"},
		{"empty", "3000", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := ParseName(unhex(t, tt.der))
			if got := errString(n.Err); got != tt.wantErr {
				t.Fatalf("error %q, want %q", got, tt.wantErr)
			}
			var got []string
			for _, a := range n.Attributes {
				v := a.Value
				if a.Err != nil {
					v = "<error: " + a.Err.Error() + ">"
				}
				got = append(got, AttributeName(a.Type)+"="+v+" (0x"+hexByte(byte(a.Tag))+")")
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("attribute %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}
