package smime

import (
	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
)

// Generation is the S/MIME profile generation of SBR §7.1.6.1, the last arc
// of a reserved policy identifier 2.23.140.1.5.{type}.{generation}.
type Generation uint8

// Generations, numbered as their policy arc.
const (
	GenerationUnknown Generation = iota
	Legacy
	Multipurpose
	Strict
)

func (g Generation) String() string {
	switch g {
	case Legacy:
		return "Legacy"
	case Multipurpose:
		return "Multipurpose"
	case Strict:
		return "Strict"
	}
	return "unknown generation"
}

// ValidationType is the Certificate Type of SBR §7.1.6.1, the fifth arc of a
// reserved policy identifier 2.23.140.1.5.{type}.{generation}.
type ValidationType uint8

// Certificate Types, numbered as their policy arc.
const (
	TypeUnknown ValidationType = iota
	MailboxValidated
	OrganizationValidated
	SponsorValidated
	IndividualValidated
)

func (t ValidationType) String() string {
	switch t {
	case MailboxValidated:
		return "Mailbox-validated"
	case OrganizationValidated:
		return "Organization-validated"
	case SponsorValidated:
		return "Sponsor-validated"
	case IndividualValidated:
		return "Individual-validated"
	}
	return "unknown type"
}

// ReservedPolicy is one of the twelve reserved S/MIME policy identifiers.
type ReservedPolicy struct {
	Type       ValidationType
	Generation Generation
}

// OID returns the policy identifier 2.23.140.1.5.{type}.{generation}.
func (p ReservedPolicy) OID() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{2, 23, 140, 1, 5, int(p.Type), int(p.Generation)}
}

func (p ReservedPolicy) String() string {
	return p.OID().String() + " (" + p.Generation.String() + ", " + p.Type.String() + ")"
}

// ParseReservedPolicy reports whether oid is a reserved S/MIME policy
// identifier of SBR §7.1.6.1 and, if so, which one. It does not allocate.
func ParseReservedPolicy(oid asn1.ObjectIdentifier) (ReservedPolicy, bool) {
	if len(oid) != 7 || oid[0] != 2 || oid[1] != 23 || oid[2] != 140 || oid[3] != 1 || oid[4] != 5 {
		return ReservedPolicy{}, false
	}
	t, g := oid[5], oid[6]
	if t < int(MailboxValidated) || t > int(IndividualValidated) || g < int(Legacy) || g > int(Strict) {
		return ReservedPolicy{}, false
	}
	return ReservedPolicy{Type: ValidationType(t), Generation: Generation(g)}, true
}

// HasReservedPolicy reports whether any of oids is a reserved S/MIME policy
// identifier. It does not allocate, so CheckApplies may call it on every
// certificate.
func HasReservedPolicy(oids []asn1.ObjectIdentifier) bool {
	for _, oid := range oids {
		if _, ok := ParseReservedPolicy(oid); ok {
			return true
		}
	}
	return false
}

// PolicyOf returns the reserved policy of c when it carries exactly one,
// else the zero ReservedPolicy: what Inspect(c).Class.Policy holds, without
// allocating, for CheckApplies.
func PolicyOf(c *x509.Certificate) ReservedPolicy {
	var found ReservedPolicy
	n := 0
	for _, oid := range c.PolicyIdentifiers {
		if p, ok := ParseReservedPolicy(oid); ok {
			found, n = p, n+1
		}
	}
	if n != 1 {
		return ReservedPolicy{}
	}
	return found
}
