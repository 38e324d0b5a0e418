package smime

import (
	stdasn1 "encoding/asn1"
	"testing"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

func TestParseOrganizationIdentifier(t *testing.T) {
	tests := []struct {
		in      string
		want    OrganizationIdentifier
		wantErr string
	}{
		{"NTRGB-12345678", OrganizationIdentifier{Scheme: "NTR", Country: "GB", Reference: "12345678", HasReference: true}, ""},
		{"NTRUS+CA-12345678", OrganizationIdentifier{Scheme: "NTR", Country: "US", Subdivision: "CA", HasSubdivision: true, Reference: "12345678", HasReference: true}, ""},
		{"NTRFR+75C-AEYE00EKXESVZUUEBP67", OrganizationIdentifier{Scheme: "NTR", Country: "FR", Subdivision: "75C", HasSubdivision: true, Reference: "AEYE00EKXESVZUUEBP67", HasReference: true}, ""},
		// The leftmost hyphen separates: the PSD reference keeps its own.
		{"PSDBE-NBB-1234.567.890", OrganizationIdentifier{Scheme: "PSD", Country: "BE", Reference: "NBB-1234.567.890", HasReference: true}, ""},
		{"GOVUS+PA", OrganizationIdentifier{Scheme: "GOV", Country: "US", Subdivision: "PA", HasSubdivision: true}, ""},
		{"INTXG", OrganizationIdentifier{Scheme: "INT", Country: "XG"}, ""},
		{"LEIXG", OrganizationIdentifier{Scheme: "LEI", Country: "XG"}, ""},
		{"TAXUS-123", OrganizationIdentifier{Scheme: "TAX", Country: "US", Reference: "123", HasReference: true}, ""},
		{"", OrganizationIdentifier{}, "the Registration Scheme identifier is not 3 uppercase letters"},
		{"GOV", OrganizationIdentifier{}, `no country code follows the Registration Scheme identifier "GOV"`},
		{"NTR-12345678", OrganizationIdentifier{}, `no country code follows the Registration Scheme identifier "NTR"`},
		{"ntrGB-12345678", OrganizationIdentifier{}, "the Registration Scheme identifier is not 3 uppercase letters"},
		{"NTRgb-12345678", OrganizationIdentifier{}, `the country code "gb" is not 2 uppercase letters`},
		{"NTRGBR-12345678", OrganizationIdentifier{}, `the country code "GBR" is not 2 uppercase letters`},
		{"NTRG-12345678", OrganizationIdentifier{}, `the country code "G" is not 2 uppercase letters`},
		{"NTRFR+PARI-123", OrganizationIdentifier{}, `the subdivision "PARI" is not an ISO 3166-2 identifier of 1 to 3 uppercase letters or digits`},
		{"NTRUS+-123", OrganizationIdentifier{}, `the subdivision "" is not an ISO 3166-2 identifier of 1 to 3 uppercase letters or digits`},
		{"NTRUS+ca-123", OrganizationIdentifier{}, `the subdivision "ca" is not an ISO 3166-2 identifier of 1 to 3 uppercase letters or digits`},
		{"NTRUS+C+A-123", OrganizationIdentifier{}, `the subdivision "C+A" is not an ISO 3166-2 identifier of 1 to 3 uppercase letters or digits`},
		{"NTRGB-", OrganizationIdentifier{}, "no Registration Reference follows the hyphen-minus"},
		{"NTRGB 12345678", OrganizationIdentifier{}, `the country code "GB 12345678" is not 2 uppercase letters`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseOrganizationIdentifier(tt.in)
			if errString(err) != tt.wantErr {
				t.Fatalf("error %q, want %q", errString(err), tt.wantErr)
			}
			if err != nil {
				return
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestCountries(t *testing.T) {
	tests := []struct {
		code string
		iso  bool
		vat  string // VATCountry, "" when not ok
	}{
		{"GB", true, "GB"},
		{"DE", true, "DE"},
		{"GR", true, "GR"},
		{"EL", false, "GR"},
		{"XI", false, "GB"},
		{"XG", false, ""},
		{"XX", false, ""}, // user-assigned: subject:countryName only
		{"ZZ", false, ""},
		{"gb", false, ""}, // zlint's list is case-insensitive; the structure is not
		{"G", false, ""},
		{"GBR", false, ""},
	}
	for _, tt := range tests {
		if got := IsISO3166Country(tt.code); got != tt.iso {
			t.Errorf("IsISO3166Country(%q) = %v, want %v", tt.code, got, tt.iso)
		}
		iso, ok := VATCountry(tt.code)
		if !ok {
			iso = ""
		}
		if iso != tt.vat {
			t.Errorf("VATCountry(%q) = %q, %v; want %q", tt.code, iso, ok, tt.vat)
		}
	}
	for _, s := range []string{"NTR", "VAT", "PSD", "LEI", "GOV", "INT"} {
		if !KnownScheme(s) {
			t.Errorf("KnownScheme(%q) = false", s)
		}
	}
	for _, s := range []string{"TAX", "EID", "ntr", "NT", ""} {
		if KnownScheme(s) {
			t.Errorf("KnownScheme(%q) = true", s)
		}
	}
}

// TestOrgIDLEI checks the LEI references the organizationIdentifier lints
// hand to LEIProblem (lei.go, shared with the LEI extension rules).
func TestOrgIDLEI(t *testing.T) {
	tests := []struct {
		lei   string
		valid bool
	}{
		{"AEYE00EKXESVZUUEBP67", true}, // SBR §7.1.4.2.2(d) example
		{"5493001KJTIIGC8Y1R12", true},
		{"AEYE00EKXESVZUUEBP63", false}, // pkilint corpus bad_lei_checksum
		{"AEYE00EKXESVZUUEBP6", false},
		{"AEYE00EKXESVZUUEBP670", false},
		{"aeye00ekxesvzuuebp67", false},
		{"AEYE00EKXESVZUUEBPA7", false},
		{"AEYE00EKXESVZUU-BP67", false},
	}
	for _, tt := range tests {
		if got := LEIProblem(tt.lei); (got == "") != tt.valid {
			t.Errorf("LEIProblem(%q) = %q, want valid = %v", tt.lei, got, tt.valid)
		}
	}
}

func TestParsePSDReference(t *testing.T) {
	tests := []struct{ ref, nca, number, wantErr string }{
		{"NBB-1234.567.890", "NBB", "1234.567.890", ""},
		{"BAFIN-123-45", "BAFIN", "123-45", ""},
		{"1234.567.890", "", "", "has no hyphen-minus between the NCA identifier and the authorization number"},
		{"N-123", "", "", `NCA identifier "N" is not 2 to 8 uppercase letters`},
		{"ABCDEFGHI-123", "", "", `NCA identifier "ABCDEFGHI" is not 2 to 8 uppercase letters`},
		{"nbb-123", "", "", `NCA identifier "nbb" is not 2 to 8 uppercase letters`},
		{"NBB-", "", "", "has no authorization number after the NCA identifier"},
	}
	for _, tt := range tests {
		nca, number, err := ParsePSDReference(tt.ref)
		if errString(err) != tt.wantErr || nca != tt.nca || number != tt.number {
			t.Errorf("ParsePSDReference(%q) = %q, %q, %q; want %q, %q, %q", tt.ref, nca, number, errString(err), tt.nca, tt.number, tt.wantErr)
		}
	}
}

func TestValidateEUID(t *testing.T) {
	tests := []struct{ ref, wantErr string }{
		{"DER3306.HRB12345", ""},
		{"DEK1101R.HRB1234-A", ""},
		{"DER3306HRB12345", `has no "." between the business register identifier and the domestic reference`},
		{"FRR3306.HRB12345", `does not start with the country code "DE"`},
		{"HRB12345", `does not start with the country code "DE"`},
		{"DE.HRB12345", `has no business register identifier after "DE"`},
		{"DER3306.", `has no domestic reference after the "."`},
		{"DER3306..HRB12345", `has no domestic reference after the "."`},
	}
	for _, tt := range tests {
		if err := ValidateEUID(tt.ref, "DE"); errString(err) != tt.wantErr {
			t.Errorf("ValidateEUID(%q) = %q, want %q", tt.ref, errString(err), tt.wantErr)
		}
	}
}

func TestOrgIDAttribute(t *testing.T) {
	tests := []struct {
		name     string
		tag      cbasn1.Tag
		value    string
		allowed  bool
		outside  string // OutsidePrintableString
		describe string
	}{
		{"PrintableString", cbasn1.PrintableString, "NTRGB-12345678", true, "", `subject organizationIdentifier "NTRGB-12345678"`},
		{"UTF8String", cbasn1.UTF8String, "NTRGB-1234_5678", true, "", `subject organizationIdentifier "NTRGB-1234_5678"`},
		{"PrintableString with underscore", cbasn1.PrintableString, "NTRGB-1234_5678", true, "_", `subject organizationIdentifier "NTRGB-1234_5678"`},
		{"IA5String", cbasn1.IA5String, "NTRGB-12345678", false, "", `subject organizationIdentifier "NTRGB-12345678"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := OrgID{Where: "subject", Attr: &Attribute{Type: OIDOrganizationIdentifier, Tag: tt.tag, Raw: []byte(tt.value), Value: tt.value}}
			if got := o.EncodingAllowed(); got != tt.allowed {
				t.Errorf("EncodingAllowed() = %v, want %v", got, tt.allowed)
			}
			char, ok := o.OutsidePrintableString()
			if char != tt.outside || ok != (tt.outside != "") {
				t.Errorf("OutsidePrintableString() = %q, %v; want %q", char, ok, tt.outside)
			}
			if got := o.Describe(); got != tt.describe {
				t.Errorf("Describe() = %q, want %q", got, tt.describe)
			}
		})
	}
}

func TestOrganizationIdentifiers(t *testing.T) {
	// Subject C=GB, orgId NTRGB-12345678 (PrintableString); SAN
	// directoryName C=FR, orgId "GOV" (UTF8String), orgId "LEIXG" (BMPString).
	subject := ParseName(testName(
		testAttr{OIDCountryName, cbasn1.PrintableString, []byte("GB")},
		testAttr{OIDOrganizationIdentifier, cbasn1.PrintableString, []byte("NTRGB-12345678")}))
	dir := ParseName(testName(
		testAttr{OIDCountryName, cbasn1.PrintableString, []byte("FR")},
		testAttr{OIDOrganizationIdentifier, cbasn1.UTF8String, []byte("GOV")},
		testAttr{OIDOrganizationIdentifier, cbasn1.Tag(30), []byte("\x00L\x00E\x00I\x00X\x00G")}))
	if subject.Err != nil || dir.Err != nil {
		t.Fatalf("test names do not parse: %v, %v", subject.Err, dir.Err)
	}
	ci := &Cert{Subject: subject, SANDirectoryNames: []Name{dir}}
	if !ci.HasOrganizationIdentifier() {
		t.Fatal("HasOrganizationIdentifier() = false")
	}
	got := ci.organizationIdentifiers()
	if len(got) != 3 {
		t.Fatalf("got %d identifiers, want 3", len(got))
	}
	want := []struct {
		where, value, country, parseErr string
		parsed                          bool
	}{
		{"subject", "NTRGB-12345678", "GB", "", true},
		{"subjectAltName directoryName #1", "GOV", "FR", `no country code follows the Registration Scheme identifier "GOV"`, false},
		{"subjectAltName directoryName #1", "LEIXG", "FR", "", true},
	}
	for i, w := range want {
		o := got[i]
		if o.Where != w.where || o.Attr.Value != w.value || len(o.Countries) != 1 || o.Countries[0].Value != w.country ||
			errString(o.ParseErr) != w.parseErr || o.Parsed() != w.parsed {
			t.Errorf("identifier %d = %s %q countries %d parse %q; want %s %q %s %q", i, o.Where, o.Attr.Value, len(o.Countries),
				errString(o.ParseErr), w.where, w.value, w.country, w.parseErr)
		}
	}
	if (&Cert{Subject: ParseName(testName(testAttr{OIDCountryName, cbasn1.PrintableString, []byte("GB")}))}).HasOrganizationIdentifier() {
		t.Error("HasOrganizationIdentifier() = true for a subject without one")
	}
}

// testAttr is one attribute for testName.
type testAttr struct {
	oid   asn1.ObjectIdentifier
	tag   cbasn1.Tag
	value []byte
}

// testName encodes a Name with one attribute per RDN.
func testName(attrs ...testAttr) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for _, a := range attrs {
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(stdasn1.ObjectIdentifier(a.oid))
					b.AddASN1(a.tag, func(b *cryptobyte.Builder) { b.AddBytes(a.value) })
				})
			})
		}
	})
	return b.BytesOrPanic()
}

func TestMayHaveOrganizationIdentifier(t *testing.T) {
	orgIDSubject := testName(testAttr{OIDOrganizationIdentifier, cbasn1.PrintableString, []byte("NTRGB-12345678")})
	cSubject := testName(testAttr{OIDCountryName, cbasn1.PrintableString, []byte("GB")})
	// A GeneralNames with a directoryName ([4]) holding the orgId Name.
	san := append([]byte{0x30, byte(len(orgIDSubject) + 2), 0xa4, byte(len(orgIDSubject))}, orgIDSubject...)
	sanExt := pkix.Extension{Id: OIDSubjectAltName, Value: san}
	ianExt := pkix.Extension{Id: OIDIssuerAltName, Value: san}
	tests := []struct {
		name string
		c    *x509.Certificate
		want bool
	}{
		{"subject", &x509.Certificate{RawSubject: orgIDSubject}, true},
		{"SAN directoryName", &x509.Certificate{RawSubject: cSubject, Extensions: []pkix.Extension{sanExt}}, true},
		{"issuerAltName only", &x509.Certificate{RawSubject: cSubject, Extensions: []pkix.Extension{ianExt}}, false},
		{"none", &x509.Certificate{RawSubject: cSubject}, false},
	}
	for _, tt := range tests {
		if got := MayHaveOrganizationIdentifier(tt.c); got != tt.want {
			t.Errorf("%s: MayHaveOrganizationIdentifier = %v, want %v", tt.name, got, tt.want)
		}
	}
}
