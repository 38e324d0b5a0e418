package smime

import (
	"bytes"

	"github.com/zmap/zcrypto/x509"
	zutil "github.com/zmap/zlint/v3/util"

	"github.com/smimelint/zlint-smime/util"
)

// Role is what a certificate is in a PKI, told from the certificate alone.
type Role uint8

// Roles.
const (
	// Other is an end-entity certificate that is no subscriber certificate in
	// the SBR sense: a self-issued end-entity certificate, or a delegated OCSP
	// responder certificate without id-kp-emailProtection.
	Other Role = iota
	// Subscriber is an end-entity certificate: basicConstraints absent or cA
	// FALSE.
	Subscriber
	// SubordinateCA is a CA certificate whose subject differs from its issuer.
	SubordinateCA
	// Root is a CA certificate whose subject bytes equal its issuer bytes.
	// zcrypto's SelfSigned is not used: it also verifies the signature, which
	// fails for algorithms it does not support, such as ML-DSA.
	Root
)

func (r Role) String() string {
	switch r {
	case Subscriber:
		return "subscriber"
	case SubordinateCA:
		return "subordinate CA"
	case Root:
		return "root"
	}
	return "other"
}

// IsCA reports whether the role is a CA role.
func (r Role) IsCA() bool { return r == SubordinateCA || r == Root }

// RoleOf returns the role of c. It does not allocate.
func RoleOf(c *x509.Certificate) Role {
	selfIssued := bytes.Equal(c.RawSubject, c.RawIssuer)
	switch {
	case c.IsCA && selfIssued:
		return Root
	case c.IsCA:
		return SubordinateCA
	case selfIssued:
		return Other
	case hasEKU(c, x509.ExtKeyUsageOcspSigning) && !hasEKU(c, x509.ExtKeyUsageEmailProtection):
		return Other
	}
	return Subscriber
}

func hasEKU(c *x509.Certificate, eku x509.ExtKeyUsage) bool {
	for _, e := range c.ExtKeyUsage {
		if e == eku {
			return true
		}
	}
	return false
}

// MayBeSMIMESubscriber is a cheap necessary condition for
// Classification.IsSMIMESubscriber: not a CA, and id-kp-emailProtection or a
// reserved policy identifier present. It does not allocate, so lints call it
// from CheckApplies before asking Inspect, and cost nothing on a TLS
// certificate.
func MayBeSMIMESubscriber(c *x509.Certificate) bool {
	return !c.IsCA && (hasEKU(c, x509.ExtKeyUsageEmailProtection) || HasReservedPolicy(c.PolicyIdentifiers))
}

// IsSMIMECA reports whether c is a CA certificate in S/MIME scope: a CA with
// id-kp-emailProtection in its EKU, a reserved S/MIME policy identifier, or
// an rfc822Name permitted subtree. A root with none of these (the usual
// case: roots SHOULD NOT carry certificatePolicies and SHALL NOT carry an
// EKU, SBR §7.1.2.1) cannot be told apart from a TLS root and is out of
// scope unless the configuration declares it (DeclaredCAs.IsSMIMECA). It
// does not allocate, so CA lints call it from CheckApplies on every
// certificate.
func IsSMIMECA(c *x509.Certificate) bool {
	if !c.IsCA {
		return false
	}
	return hasEKU(c, x509.ExtKeyUsageEmailProtection) ||
		HasReservedPolicy(c.PolicyIdentifiers) ||
		len(c.PermittedEmailAddresses) > 0
}

// Classification is what the SBR needs to know about a certificate before
// deciding which rules apply to it.
type Classification struct {
	Role Role
	// SMIME is the SBR §1.1 definition: id-kp-emailProtection in the EKU and
	// an rfc822Name or SmtpUTF8Mailbox in the subjectAltName.
	SMIME bool
	// SMIMECA is IsSMIMECA.
	SMIMECA bool
	// ReservedPolicies counts the reserved S/MIME policy identifiers present.
	ReservedPolicies int
	// Policy is the reserved policy when exactly one is present (SBR
	// §7.1.2.3(a)); otherwise its Type and Generation are unknown.
	Policy ReservedPolicy
}

// Generation is the certificate's generation, known only when exactly one
// reserved policy identifier is present.
func (cl Classification) Generation() Generation { return cl.Policy.Generation }

// Type is the certificate's validation type, known only when exactly one
// reserved policy identifier is present.
func (cl Classification) Type() ValidationType { return cl.Policy.Type }

// IsSMIMESubscriber reports whether the certificate is an S/MIME subscriber
// certificate: a subscriber that meets SBR §1.1 or carries a reserved policy.
func (cl Classification) IsSMIMESubscriber() bool {
	return cl.Role == Subscriber && (cl.SMIME || cl.ReservedPolicies > 0)
}

// Cert is everything the domain knows about one certificate, computed once
// and shared by every lint that asks.
//
// A Cert holds no pointer to its *x509.Certificate: the cache that keeps it
// (see Inspect) must not keep the certificate alive.
type Cert struct {
	Class           Classification
	SAN             AltNames
	IAN             AltNames
	NameConstraints NameConstraints
	EKU             ExtKeyUsage
	Algorithms      Algorithms
	// Subject is the subject Name read from its DER; SANDirectoryNames the
	// directoryName entries of the subjectAltName, which SBR §7.1.4.2.1
	// holds to the same rules.
	Subject           Name
	SANDirectoryNames []Name
	// OrgIDs are the subject:organizationIdentifier values of the subject
	// and of the SAN directoryNames, parsed.
	OrgIDs []OrgID
	// Policies is the certificatePolicies extension read from its DER.
	Policies CertificatePolicies
	// Mailboxes are the SmtpUTF8Mailbox otherNames of the subjectAltName,
	// then of the issuerAltName, decoded.
	Mailboxes []SmtpUTF8Mailbox
	// RFC822Names are the rfc822Name entries of the subjectAltName, then of
	// the issuerAltName.
	RFC822Names []EmailName
}

// EmailName is an email address entry with the extension it was found in.
type EmailName struct {
	// Where is "subjectAltName" or "issuerAltName".
	Where string
	Name  *GeneralName
}

// Describe names the entry and quotes its value, for finding details.
func (e EmailName) Describe() string {
	return e.Where + " rfc822Name " + util.QuoteBytes(e.Name.Value)
}

func inspect(c *x509.Certificate) *Cert {
	ci := &Cert{
		SAN:             parseAltNames(c, OIDSubjectAltName),
		IAN:             parseAltNames(c, OIDIssuerAltName),
		NameConstraints: parseNameConstraints(c),
		EKU:             parseExtKeyUsage(c),
		Algorithms:      parseAlgorithms(c),
		Subject:         ParseName(c.RawSubject),
		Policies:        PoliciesOf(c),
	}
	for _, ext := range [...]struct {
		where string
		names *AltNames
	}{{"subjectAltName", &ci.SAN}, {"issuerAltName", &ci.IAN}} {
		for i := range ext.names.Names {
			n := &ext.names.Names[i]
			switch {
			case n.Tag == DirectoryNameTag && ext.where == "subjectAltName" && n.Err == nil:
				ci.SANDirectoryNames = append(ci.SANDirectoryNames, ParseName(n.Value))
			case n.Tag == RFC822NameTag:
				ci.RFC822Names = append(ci.RFC822Names, EmailName{Where: ext.where, Name: n})
			case n.IsSmtpUTF8Mailbox():
				ci.Mailboxes = append(ci.Mailboxes, decodeSmtpUTF8Mailbox(ext.where, n))
			}
		}
	}
	ci.OrgIDs = ci.organizationIdentifiers()
	cl := &ci.Class
	cl.Role = RoleOf(c)
	cl.SMIMECA = IsSMIMECA(c)
	cl.SMIME = hasEKU(c, x509.ExtKeyUsageEmailProtection) && ci.SAN.HasEmail()
	for _, oid := range c.PolicyIdentifiers {
		if p, ok := ParseReservedPolicy(oid); ok {
			cl.ReservedPolicies++
			cl.Policy = p
		}
	}
	if cl.ReservedPolicies != 1 {
		cl.Policy = ReservedPolicy{}
	}
	return ci
}

// LegacyPolicyOf returns the first of the four Legacy reserved policy
// identifiers present in c. It does not allocate.
func LegacyPolicyOf(c *x509.Certificate) (ReservedPolicy, bool) {
	for _, oid := range c.PolicyIdentifiers {
		if p, ok := ParseReservedPolicy(oid); ok && p.Generation == Legacy {
			return p, true
		}
	}
	return ReservedPolicy{}, false
}

// InScope reports whether c is in S/MIME scope for the rules that bind every
// S/MIME certificate, subscriber or CA: zlint's S/MIME pre-filter
// (util.IsEmailProtectionCert: an email SAN with a compatible EKU, or a
// reserved policy) or an S/MIME CA (IsSMIMECA). It does not allocate.
func InScope(c *x509.Certificate) bool {
	return zutil.IsEmailProtectionCert(c) || IsSMIMECA(c)
}
