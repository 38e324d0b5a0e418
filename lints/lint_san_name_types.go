package lints

import (
	"net"
	"strconv"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

func init() {
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: lint.LintMetadata{
			Name: "e_smimelint_san_name_types",
			Description: "The subjectAltName of an S/MIME subscriber certificate holds an rfc822Name or " +
				"SmtpUTF8Mailbox, and no dNSName, uniformResourceIdentifier, iPAddress, registeredID, " +
				"x400Address or ediPartyName; in Strict, no otherName but SmtpUTF8Mailbox (OTH-02)",
			Citation:      "SBR v1.0.16 §7.1.4.2.1",
			Source:        lint.CABFSMIMEBaselineRequirements,
			EffectiveDate: smime.SBRComplianceDate,
		},
		Lint: NewSANNameTypes,
	})
}

type sanNameTypes struct{}

// NewSANNameTypes returns the lint for rule OTH-02. A missing subjectAltName
// is upstream's e_san_shall_be_present; directoryName entries are allowed
// here and checked by SAN-DIRNAME. The Strict otherName rule needs the
// generation, so it is not applied when the reserved policy is missing or
// ambiguous (upstream's e_exactly_one_smime_policy reports that).
func NewSANNameTypes() lint.CertificateLintInterface { return &sanNameTypes{} }

func (l *sanNameTypes) CheckApplies(c *x509.Certificate) bool {
	if !smime.MayBeSMIMESubscriber(c) {
		return false
	}
	ci := smime.Inspect(c)
	return ci.Class.IsSMIMESubscriber() && ci.SAN.Present
}

func (l *sanNameTypes) Execute(c *x509.Certificate) *lint.LintResult {
	ci := smime.Inspect(c)
	strict := ci.Class.Generation() == smime.Strict
	var problems []string
	if ci.SAN.Err != nil {
		problems = append(problems, "subjectAltName is malformed: "+ci.SAN.Err.Error())
	}
	for i := range ci.SAN.Names {
		if p := prohibitedName(&ci.SAN.Names[i], strict); p != "" {
			problems = append(problems, p)
		}
	}
	if !ci.SAN.HasEmail() {
		problems = append(problems, "subjectAltName holds no rfc822Name and no SmtpUTF8Mailbox; an S/MIME "+
			"subscriber certificate requires at least one")
	}
	switch len(problems) {
	case 0:
		return pass()
	case 1:
		return errorf("%s", problems[0])
	}
	return errorf("%s (and %d more)", problems[0], len(problems)-1)
}

// prohibitedName says why a subjectAltName entry breaks SBR §7.1.4.2.1, or
// returns "".
func prohibitedName(n *smime.GeneralName, strict bool) string {
	const allowed = "; SBR §7.1.4.2.1 allows only rfc822Name, SmtpUTF8Mailbox, directoryName and, " +
		"outside Strict, other otherNames"
	if len(n.Raw) == 0 || n.Raw[0]&0xc0 != 0x80 || n.Tag > smime.RegisteredIDTag {
		return "subjectAltName holds an entry that is no GeneralName (tag " + util.HexQuote(n.Raw[:min(len(n.Raw), 1)]) + ")"
	}
	switch n.Tag {
	case smime.RFC822NameTag, smime.DirectoryNameTag:
		if n.Err != nil && n.Tag == smime.DirectoryNameTag {
			return "subjectAltName holds a malformed entry: " + n.Err.Error()
		}
		return ""
	case smime.DNSNameTag, smime.URITag:
		return "subjectAltName holds " + n.Tag.String() + " " + util.QuoteBytes(n.Value) + allowed
	case smime.IPAddressTag:
		return "subjectAltName holds iPAddress " + ipString(n.Value) + allowed
	case smime.X400AddressTag, smime.EDIPartyNameTag, smime.RegisteredIDTag:
		return "subjectAltName holds " + n.Tag.String() + allowed
	case smime.OtherNameTag:
		switch {
		case n.IsSmtpUTF8Mailbox():
			return ""
		case !strict:
			return ""
		case n.Err != nil && n.OtherName.TypeID == nil:
			return "subjectAltName holds a malformed otherName in a Strict certificate: " + n.Err.Error()
		}
		return "subjectAltName holds " + n.String() + " in a Strict certificate, which allows no otherName " +
			"but SmtpUTF8Mailbox (" + smime.OIDSmtpUTF8Mailbox.String() + ")"
	}
	return ""
}

// ipString writes an iPAddress value: an address of 4 or 16 octets as text,
// anything else in hex.
func ipString(b []byte) string {
	if len(b) == net.IPv4len || len(b) == net.IPv6len {
		return net.IP(b).String()
	}
	return "of " + strconv.Itoa(len(b)) + " octets " + util.HexQuote(b)
}
