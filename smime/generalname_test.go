package smime

import (
	"encoding/hex"
	"strings"
	"testing"

	_ "github.com/smimelint/zlint-smime/internal/golden"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The RFC 9598 Appendix B example, 医生@xn--pss25c.example.com.
const rfc9598Example = "a02b 06082b06010505070809 a01f 0c1d e58cbbe7949f40786e2d2d7073733235632e6578616d706c652e636f6d"

func TestParseGeneralNames(t *testing.T) {
	tests := []struct {
		name    string
		der     string
		wantErr string // of the whole sequence
		want    []string
	}{
		{"rfc822Name", "3013 8111 616c696365406578616d706c652e636f6d", "", []string{"rfc822Name alice@example.com"}},
		{"SmtpUTF8Mailbox (RFC 9598 App. B)", "302d" + rfc9598Example, "", []string{"otherName 1.3.6.1.5.5.7.8.9 tag=0x0c 医生@xn--pss25c.example.com"}},
		{"BMPString SmtpUTF8Mailbox keeps its tag", "3016 a014 06082b06010505070809 a008 1e06 00610040 0062", "", []string{"otherName 1.3.6.1.5.5.7.8.9 tag=0x1e \x00a\x00@\x00b"}},
		{"dNSName and rfc822Name", "3010 820b6578616d706c652e636f6d 8101 61", "", []string{"dNSName example.com", "rfc822Name a"}},
		{"directoryName", "3011 a40f 300d310b3009060355040613024742", "", []string{"directoryName 300d310b3009060355040613024742"}},
		{"otherName without [0] EXPLICIT", "300f a00d 06082b06010505070809 0c0161", "", []string{"otherName 1.3.6.1.5.5.7.8.9 err=otherName 1.3.6.1.5.5.7.8.9 value is not wrapped in [0] EXPLICIT"}},
		{"otherName trailing bytes in wrapper", "3014 a012 06082b06010505070809 a006 0c0161 0c0162", "", []string{"otherName 1.3.6.1.5.5.7.8.9 err=otherName 1.3.6.1.5.5.7.8.9 has 3 bytes after the value inside [0] EXPLICIT"}},
		{"primitive otherName", "3003 800161", "", []string{"otherName err=otherName has the wrong constructed bit (tag 0x80)"}},
		{"universal tag", "3003 0c0161", "", []string{"[12] err=tag 0x0c is not a GeneralName alternative"}},
		{"empty sequence", "3000", "GeneralNames is empty (SIZE (1..MAX))", nil},
		{"not a sequence", "0c0161", "GeneralNames is not a DER SEQUENCE", nil},
		{"trailing bytes", "3003 810161 00", "1 trailing bytes after GeneralNames", nil},
		{"truncated entry keeps earlier ones", "3006 810161 8105 61", "GeneralName entry is not a DER TLV", []string{"rfc822Name a"}},
		{"non-minimal length", "3004 81810161", "GeneralName entry is not a DER TLV", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names, err := ParseGeneralNames(unhex(t, tt.der))
			if gotErr := errString(err); gotErr != tt.wantErr {
				t.Errorf("error = %q, want %q", gotErr, tt.wantErr)
			}
			var got []string
			for i := range names {
				got = append(got, describe(&names[i]))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("names = %q, want %q", got, tt.want)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func describe(n *GeneralName) string {
	s := n.String()
	switch {
	case n.Err != nil:
		return s + " err=" + n.Err.Error()
	case n.Tag == OtherNameTag:
		return s + " tag=0x" + hex.EncodeToString([]byte{byte(n.OtherName.ValueTag)}) + " " + string(n.OtherName.Value)
	case n.Tag == DirectoryNameTag:
		return s + " " + hex.EncodeToString(n.Value)
	}
	return s + " " + string(n.Value)
}

func TestSmtpUTF8MailboxValueTag(t *testing.T) {
	names, err := ParseGeneralNames(unhex(t, "302d"+rfc9598Example))
	if err != nil || len(names) != 1 {
		t.Fatalf("ParseGeneralNames: %v, %d names", err, len(names))
	}
	if !names[0].IsSmtpUTF8Mailbox() || names[0].OtherName.ValueTag != cbasn1.UTF8String {
		t.Errorf("got %+v, want a UTF8String SmtpUTF8Mailbox", names[0].OtherName)
	}
}

func TestParseNameConstraints(t *testing.T) {
	tests := []struct {
		name                string
		der                 string
		wantErr             string
		permitted, excluded []string
	}{
		{"rfc822 permitted, dirName permitted", "3024 a022 300d 810b6578616d706c652e636f6d 3011 a40f 300d310b3009060355040613024742", "",
			[]string{"rfc822Name example.com", "directoryName 300d310b3009060355040613024742"}, nil},
		{"SmtpUTF8Mailbox excluded", "3031 a12f 302d" + rfc9598Example, "", nil,
			[]string{"otherName 1.3.6.1.5.5.7.8.9 tag=0x0c 医生@xn--pss25c.example.com"}},
		{"maximum present", "300a a008 3006 810161 810101", "", []string{"rfc822Name a (subtree: GeneralSubtree carries minimum or maximum, which RFC 5280 §4.2.1.10 forbids)"}, nil},
		{"empty subtrees", "3002 a000", "nameConstraints [0] GeneralSubtrees is empty (SIZE (1..MAX))", nil, nil},
		{"not a sequence", "0400", "nameConstraints is not exactly one DER SEQUENCE", nil, nil},
		{"unknown field", "3005 a203 300100", "nameConstraints has unexpected fields after the subtrees", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, e, err := ParseNameConstraints(unhex(t, tt.der))
			if gotErr := errString(err); gotErr != tt.wantErr {
				t.Errorf("error = %q, want %q", gotErr, tt.wantErr)
			}
			for _, c := range []struct {
				got  []GeneralSubtree
				want []string
			}{{p, tt.permitted}, {e, tt.excluded}} {
				var got []string
				for i := range c.got {
					s := describe(&c.got[i].Base)
					if c.got[i].Err != nil {
						s += " (subtree: " + c.got[i].Err.Error() + ")"
					}
					got = append(got, s)
				}
				if strings.Join(got, "|") != strings.Join(c.want, "|") {
					t.Errorf("subtrees = %q, want %q", got, c.want)
				}
			}
		})
	}
}
