package smime

import (
	"bytes"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"

	"github.com/smimelint/zlint-smime/util"
)

// The fuzz targets check that every parser of the package returns an error,
// never panics, on any input, that what it returns points into the input,
// and that every message it produces (errors, Describe, names), which
// finding details quote, is printable and of bounded length.

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
				checkMessage(t, "Describe", m.Describe())
				checkErr(t, "ValueErr", m.ValueErr)
				checkErr(t, "SyntaxErr", m.SyntaxErr)
			}
			checkMessage(t, "String", n.String())
			checkErr(t, "Err", n.Err)
		}
		checkErr(t, "ParseGeneralNames", err)
	})
}

func FuzzParseNameConstraints(f *testing.F) {
	for _, s := range []string{"3024 a022 300d 810b6578616d706c652e636f6d 3011 a40f 300d310b3009060355040613024742",
		"3031 a12f 302d" + rfc9598Example, "300a a008 3006 810161 810101", "3002 a000"} {
		der, _ := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		p, e, err := ParseNameConstraints(der)
		checkErr(t, "ParseNameConstraints", err)
		nc := NameConstraints{Permitted: p, Excluded: e}
		for _, st := range nc.EmailSubtrees() {
			d := ConstraintDomain(string(st.Subtree.Base.Value))
			checkErr(t, "CheckLDH", CheckLDH(d))
			checkErr(t, "CheckALabels", CheckALabels(d))
			checkErr(t, "Subtree.Err", st.Subtree.Err)
			checkErr(t, "Base.Err", st.Subtree.Base.Err)
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
			checkErr(t, "ParseMailbox", err)
			return
		}
		if m.LocalPart+"@"+m.Domain != s {
			t.Fatalf("ParseMailbox(%q) split into %q and %q", s, m.LocalPart, m.Domain)
		}
		checkErr(t, "CheckLDH", CheckLDH(m.Domain))
		checkErr(t, "CheckALabels", CheckALabels(m.Domain))
		checkErr(t, "CheckULabels", CheckULabels(m.Domain))
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

// FuzzCheckModulus also raises the value to the power e: a k-th power
// without a small factor must be reported as a perfect power, which
// exercises the root finding on exact powers.
func FuzzCheckModulus(f *testing.F) {
	f.Add([]byte{0x01, 0x00, 0x01}, uint16(0))
	f.Add(bytes.Repeat([]byte{0xc3}, 256), uint16(0))
	f.Add([]byte{0x0f, 0x42, 0x43}, uint16(3)) // 1000003^3
	// A 64-bit prime to the 1021st power: Newton's method from a power of
	// two took a thousand steps on it.
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc5}, uint16(1021))
	f.Fuzz(func(t *testing.T, b []byte, e uint16) {
		n := new(big.Int).SetBytes(b)
		err := CheckModulus(n)
		if err == nil && (n.Sign() == 0 || n.Bit(0) == 0) {
			t.Fatalf("CheckModulus accepted %x", b)
		}
		if err != nil || n.Cmp(big.NewInt(751)) <= 0 || e < 2 || int(e) > maxPowerK || n.BitLen()*int(e) > 1<<17 {
			return
		}
		// n is odd with no factor below 752, so n^e has none either, and
		// n > 751 makes every prime factor of e one of the exponents tried.
		p := new(big.Int).Exp(n, big.NewInt(int64(e)), nil)
		if err := CheckModulus(p); err == nil || !strings.Contains(err.Error(), "perfect") {
			t.Fatalf("CheckModulus(%x^%d) = %v, want a perfect power", b, e, err)
		}
	})
}

// FuzzParseAlgorithms reads the three AlgorithmIdentifiers from a
// certificate's raw DER and SubjectPublicKeyInfo, which zcrypto parsed
// leniently, and looks them up in the SBR tables.
func FuzzParseAlgorithms(f *testing.F) {
	seen := map[string]bool{}
	for _, c := range fuzzFixtureCerts(f) {
		// One certificate for each combination of encodings.
		a := parseAlgorithms(c)
		if key := string(a.TBSSignature) + "|" + string(a.Signature) + "|" + string(a.SPKI); !seen[key] {
			seen[key] = true
			f.Add(c.Raw, c.RawSubjectPublicKeyInfo)
		}
	}
	f.Add([]byte{0x30, 0x00}, []byte{0x30, 0x00})
	f.Fuzz(func(t *testing.T, raw, spki []byte) {
		a := parseAlgorithms(&x509.Certificate{Raw: raw, RawSubjectPublicKeyInfo: spki})
		checkErr(t, "Err", a.Err)
		if a.Err == nil && (a.Signature == nil || a.TBSSignature == nil || a.SPKI == nil) {
			t.Fatal("no error but an AlgorithmIdentifier is missing")
		}
		for _, alg := range [][]byte{a.Signature, a.TBSSignature} {
			if !bytes.Contains(raw, alg) {
				t.Fatal("a signature AlgorithmIdentifier does not point into the certificate")
			}
			_, _ = Lookup(SignatureEncodings, alg)
			_, err := UsesSHA1(alg)
			checkErr(t, "UsesSHA1", err)
			_ = IsRSASignature(alg)
		}
		if !bytes.Contains(spki, a.SPKI) {
			t.Fatal("the SPKI AlgorithmIdentifier does not point into the SubjectPublicKeyInfo")
		}
		_, _ = Lookup(SPKIEncodings, a.SPKI)
	})
}

// FuzzInspect runs Inspect on a certificate whose subjectAltName,
// issuerAltName, nameConstraints and extKeyUsage values are fuzzed (each
// present when non-empty), with the facts of the classification set from
// flags, and uses every decoded fact the lints use.
func FuzzInspect(f *testing.F) {
	seen := map[string]bool{}
	for _, c := range fuzzFixtureCerts(f) {
		var vals [4][]byte
		for i, oid := range inspectOIDs {
			if v, _, ok := findExtension(c, oid); ok {
				vals[i] = v
			}
		}
		var flags uint8
		if c.IsCA {
			flags |= 1
		}
		if hasEKU(c, x509.ExtKeyUsageEmailProtection) {
			flags |= 2
		}
		if p, ok := firstReservedPolicy(c); ok {
			flags |= uint8(p.Type)<<2 | uint8(p.Generation)<<5
		}
		if key := string(bytes.Join(vals[:], []byte{0})) + string(rune(flags)); !seen[key] {
			seen[key] = true
			f.Add(vals[0], vals[1], vals[2], vals[3], flags)
		}
	}
	f.Fuzz(func(t *testing.T, san, ian, nc, eku []byte, flags uint8) {
		c := &x509.Certificate{IsCA: flags&1 != 0}
		for i, v := range [][]byte{san, ian, nc, eku} {
			if len(v) > 0 {
				c.Extensions = append(c.Extensions, pkix.Extension{Id: inspectOIDs[i], Critical: v[0]&1 != 0, Value: v})
			}
		}
		if flags&2 != 0 {
			c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}
		}
		if flags>>2 != 0 {
			c.PolicyIdentifiers = []asn1.ObjectIdentifier{{2, 23, 140, 1, 5, int(flags >> 2 & 7), int(flags >> 5)}}
		}
		ci := Inspect(c)
		if Inspect(c) != ci {
			t.Fatal("Inspect does not cache")
		}
		checkErr(t, "SAN.Err", ci.SAN.Err)
		checkErr(t, "IAN.Err", ci.IAN.Err)
		checkErr(t, "NameConstraints.Err", ci.NameConstraints.Err)
		checkErr(t, "EKU.Err", ci.EKU.Err)
		_ = ci.SAN.HasEmail()
		_ = ci.Class.IsSMIMESubscriber()
		for _, m := range ci.Mailboxes {
			checkMessage(t, "Describe", m.Describe())
			checkErr(t, "ValueErr", m.ValueErr)
			checkErr(t, "SyntaxErr", m.SyntaxErr)
			if !m.Parsed() {
				continue
			}
			d := m.Mailbox.Domain
			checkErr(t, "CheckLDH", CheckLDH(d))
			checkErr(t, "CheckALabels", CheckALabels(d))
			checkErr(t, "CheckULabels", CheckULabels(d))
			if label, ok := FirstULabel(d); ok {
				checkMessage(t, "ToALabel", util.Quote(util.ToALabel(label)))
			}
			_ = HasUpperASCII(d)
		}
		for _, e := range ci.RFC822Names {
			checkMessage(t, "Describe", e.Describe())
		}
		for _, st := range ci.NameConstraints.EmailSubtrees() {
			checkErr(t, "Subtree.Err", st.Subtree.Err)
			d := ConstraintDomain(string(st.Subtree.Base.Value))
			checkErr(t, "CheckLDH", CheckLDH(d))
			checkErr(t, "CheckALabels", CheckALabels(d))
		}
		for _, oid := range ci.EKU.OIDs {
			checkMessage(t, "EKUName", EKUName(oid))
		}
		if oid, ok := ci.EKU.Forbidden(); ok {
			checkMessage(t, "EKUName", EKUName(oid))
		}
		_, _ = ci.EKU.OutsideRealigned()
		_, _ = ci.EKU.OtherThan(OIDEmailProtection)
	})
}

// FuzzValidity checks the validity period against whole seconds counted
// without time.Duration, which saturates after about 292 years.
func FuzzValidity(f *testing.F) {
	day := int64(Day / time.Second)
	nb := date(2025, time.January, 1).Unix()
	for _, tc := range []struct {
		notBefore, notAfter int64
		gen                 uint8
	}{
		{nb, nb + 825*day - 1, uint8(Strict)},
		{nb, nb + 825*day, uint8(Strict)},
		{nb, nb + 1185*day - 1, uint8(Legacy)},
		{nb, date(9999, time.December, 31).Unix() + day - 1, uint8(Multipurpose)}, // 99991231235959Z
		{nb, nb - 1, uint8(Strict)},
	} {
		f.Add(tc.notBefore, tc.notAfter, tc.gen)
	}
	// GeneralizedTime covers the years 0000 to 9999.
	lo, hi := date(0, time.January, 1).Unix(), date(10000, time.January, 1).Unix()
	clamp := func(t int64) int64 {
		if t < lo || t >= hi {
			t = lo + (t%(hi-lo)+(hi-lo))%(hi-lo)
		}
		return t
	}
	f.Fuzz(func(t *testing.T, notBefore, notAfter int64, gen uint8) {
		notBefore, notAfter = clamp(notBefore), clamp(notAfter)
		c := &x509.Certificate{NotBefore: time.Unix(notBefore, 0).UTC(), NotAfter: time.Unix(notAfter, 0).UTC()}
		c.PolicyIdentifiers = []asn1.ObjectIdentifier{{2, 23, 140, 1, 5, int(MailboxValidated), int(gen%3) + 1}}
		v := ValidityOf(c)
		if v.MaxDays == 0 {
			t.Fatalf("no maximum for generation %d", gen%3+1)
		}
		seconds := notAfter - notBefore + 1 // notAfter is inclusive
		if over := seconds > int64(v.MaxDays)*day; (v.Period > v.Max) != over {
			t.Fatalf("%d s of validity: Period %v > Max %v is %t, want %t", seconds, v.Period, v.Max, !over, over)
		}
		if (v.Period == v.Max) != (seconds == int64(v.MaxDays)*day) {
			t.Fatalf("%d s of validity: Period %v == Max %v is %t", seconds, v.Period, v.Max, v.Period == v.Max)
		}
		checkMessage(t, "Describe", v.Describe())
	})
}

// FuzzFieldParsers runs the parsers of the other fields the lints read,
// chosen by kind: certificatePolicies, the LEI extension, a Name, an
// organizationIdentifier, a CPS URI and authorityInformationAccess.
func FuzzFieldParsers(f *testing.F) {
	seen := map[string]bool{}
	add := func(kind uint8, b []byte) {
		if key := string(rune(kind)) + string(b); !seen[key] {
			seen[key] = true
			f.Add(kind, b)
		}
	}
	for _, c := range fuzzFixtureCerts(f) {
		for kind, oid := range []asn1.ObjectIdentifier{OIDCertificatePolicies, OIDLegalEntityIdentifier} {
			if v, _, ok := findExtension(c, oid); ok {
				add(uint8(kind), v)
			}
		}
		add(2, c.RawSubject)
		subject := ParseName(c.RawSubject)
		for _, a := range subject.All(OIDOrganizationIdentifier) {
			add(3, []byte(a.Value))
		}
		for _, p := range PoliciesOf(c).Policies {
			for _, q := range p.Qualifiers {
				if q.ID.Equal(OIDQualifierCPS) {
					add(4, q.Value)
				}
			}
		}
		if v, _, ok := findExtension(c, OIDAuthorityInfoAccess); ok {
			add(5, v)
		}
	}
	add(3, []byte("PSDBE-NBB-1234.567.890"))
	add(3, []byte("NTRDE-HRB12345"))
	f.Fuzz(func(t *testing.T, kind uint8, der []byte) {
		switch kind % 6 {
		case 0:
			policies, err := ParseCertificatePolicies(der)
			checkErr(t, "ParseCertificatePolicies", err)
			for i := range policies {
				p := &policies[i]
				checkMessage(t, "Name", p.Name())
				for _, q := range p.Qualifiers {
					checkErr(t, "qualifier", q.Err)
					checkMessage(t, "explicitText", q.Notice.ExplicitText.String())
					checkMessage(t, "organization", q.Notice.NoticeRef.Organization.String())
					if q.ID.Equal(OIDQualifierCPS) {
						checkMessage(t, "HTTPURLProblem", HTTPURLProblem(string(q.Value)))
					}
				}
			}
		case 1:
			lei, err := ReadLEIExtension(der)
			checkErr(t, "ReadLEIExtension", err)
			checkMessage(t, "LEIProblem", LEIProblem(lei))
		case 2:
			n := ParseName(der)
			checkErr(t, "ParseName", n.Err)
			for _, a := range n.Attributes {
				checkErr(t, "attribute", a.Err)
				checkMessage(t, "AttributeName", AttributeName(a.Type))
			}
		case 3:
			id, err := ParseOrganizationIdentifier(string(der))
			checkErr(t, "ParseOrganizationIdentifier", err)
			if err != nil {
				return
			}
			if id.String() != string(der) {
				t.Fatalf("ParseOrganizationIdentifier(%q) writes back as %q", der, id.String())
			}
			_, _, err = ParsePSDReference(id.Reference)
			checkErr(t, "ParsePSDReference", err)
			checkErr(t, "ValidateEUID", ValidateEUID(id.Reference, id.Country))
			checkMessage(t, "LEIProblem", LEIProblem(id.Reference))
		case 4:
			checkMessage(t, "HTTPURLProblem", HTTPURLProblem(string(der)))
		case 5:
			c := &x509.Certificate{Extensions: []pkix.Extension{{Id: OIDAuthorityInfoAccess, Value: der}}}
			ads, err := AccessDescriptions(c)
			checkErr(t, "AccessDescriptions", err)
			for _, ad := range ads {
				if !bytes.Contains(der, ad.Location.Raw) {
					t.Fatal("an accessLocation does not point into the input")
				}
				checkErr(t, "accessLocation", ad.Location.Err)
				checkMessage(t, "String", ad.Location.String())
			}
		}
	})
}

// inspectOIDs are the extensions FuzzInspect fuzzes.
var inspectOIDs = []asn1.ObjectIdentifier{OIDSubjectAltName, OIDIssuerAltName, OIDNameConstraints, OIDExtKeyUsage}

func firstReservedPolicy(c *x509.Certificate) (ReservedPolicy, bool) {
	for _, oid := range c.PolicyIdentifiers {
		if p, ok := ParseReservedPolicy(oid); ok {
			return p, true
		}
	}
	return ReservedPolicy{}, false
}

// fuzzFixtureCerts parses the fixtures of ../testdata that zcrypto parses,
// to seed the corpora.
func fuzzFixtureCerts(f testing.TB) []*x509.Certificate {
	paths, err := filepath.Glob("../testdata/*.pem")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no fixtures in ../testdata: %v", err)
	}
	var certs []*x509.Certificate
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		block, _ := pem.Decode(data)
		if block == nil {
			f.Fatalf("%s: no PEM block", path)
		}
		if c, err := x509.ParseCertificate(block.Bytes); err == nil {
			certs = append(certs, c) // a fixture may be unparseable on purpose
		}
	}
	return certs
}

// Messages that reach finding details quote certificate content only
// through util.Quote, which shows at most util.MaxQuoted bytes of a value;
// the rest of a message stays short.
const (
	maxMessageQuotes   = 6
	maxMessageUnquoted = 512
)

func checkErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		checkMessage(t, what, err.Error())
	}
}

// checkMessage fails unless s is valid UTF-8 without control characters
// (C0, DEL, C1), quotes a few values of at most util.MaxQuoted bytes each,
// and is short besides.
func checkMessage(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s %q is not valid UTF-8", what, s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			t.Fatalf("%s %q holds control character %U", what, s, r)
		}
	}
	unquoted, quotes := 0, 0
	for i := 0; i < len(s); {
		if s[i] == '"' {
			if q, err := strconv.QuotedPrefix(s[i:]); err == nil {
				if v, _ := strconv.Unquote(q); len(v) > util.MaxQuoted {
					t.Fatalf("%s quotes a value of %d bytes: %.300q", what, len(v), s)
				}
				quotes++
				i += len(q)
				continue
			}
		}
		unquoted++
		i++
	}
	if quotes > maxMessageQuotes || unquoted > maxMessageUnquoted {
		t.Fatalf("%s quotes %d values and is %d bytes long besides: %.300q", what, quotes, unquoted, s)
	}
}
