package smime

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Extension identifiers that the domain parses itself.
var (
	OIDSubjectAltName  = asn1.ObjectIdentifier{2, 5, 29, 17}
	OIDIssuerAltName   = asn1.ObjectIdentifier{2, 5, 29, 18}
	OIDNameConstraints = asn1.ObjectIdentifier{2, 5, 29, 30}
)

// findExtension returns the raw extension with the given identifier, or nil.
func findExtension(c *x509.Certificate, oid asn1.ObjectIdentifier) (value []byte, critical, ok bool) {
	for i := range c.Extensions {
		if c.Extensions[i].Id.Equal(oid) {
			return c.Extensions[i].Value, c.Extensions[i].Critical, true
		}
	}
	return nil, false, false
}

// AltNames is a subjectAltName or issuerAltName extension decoded from its
// raw DER.
type AltNames struct {
	Present  bool
	Critical bool
	Names    []GeneralName
	// Err says why the extension as a whole is malformed; Names then holds the
	// entries read before the fault.
	Err error
}

func parseAltNames(c *x509.Certificate, oid asn1.ObjectIdentifier) AltNames {
	der, critical, ok := findExtension(c, oid)
	if !ok {
		return AltNames{}
	}
	names, err := ParseGeneralNames(der)
	return AltNames{Present: true, Critical: critical, Names: names, Err: err}
}

// HasEmail reports whether the extension holds an rfc822Name or an
// otherName of type id-on-SmtpUTF8Mailbox (the names of SBR §1.1).
func (a *AltNames) HasEmail() bool {
	for i := range a.Names {
		if a.Names[i].Tag == RFC822NameTag || a.Names[i].IsSmtpUTF8Mailbox() {
			return true
		}
	}
	return false
}

// GeneralSubtree is one entry of a nameConstraints subtree list
// (RFC 5280 §4.2.1.10).
type GeneralSubtree struct {
	Base GeneralName
	// Err says why minimum or maximum is malformed.
	Err error
}

// NameConstraints is the nameConstraints extension decoded from its raw DER,
// including the otherName subtrees that zcrypto does not expose.
type NameConstraints struct {
	Present   bool
	Critical  bool
	Permitted []GeneralSubtree
	Excluded  []GeneralSubtree
	// Err says why the extension as a whole is malformed.
	Err error
}

func parseNameConstraints(c *x509.Certificate) NameConstraints {
	der, critical, ok := findExtension(c, OIDNameConstraints)
	if !ok {
		return NameConstraints{}
	}
	nc := NameConstraints{Present: true, Critical: critical}
	nc.Permitted, nc.Excluded, nc.Err = ParseNameConstraints(der)
	return nc
}

// ParseNameConstraints decodes NameConstraints ::= SEQUENCE {
// permittedSubtrees [0] GeneralSubtrees OPTIONAL, excludedSubtrees [1]
// GeneralSubtrees OPTIONAL }. It returns what it could read and an error for
// a structural fault.
func ParseNameConstraints(der []byte) (permitted, excluded []GeneralSubtree, err error) {
	input := cryptobyte.String(der)
	var seq cryptobyte.String
	if !input.ReadASN1(&seq, cbasn1.SEQUENCE) || !input.Empty() {
		return nil, nil, errors.New("nameConstraints is not exactly one DER SEQUENCE")
	}
	for i, dst := range []*[]GeneralSubtree{&permitted, &excluded} {
		tag := cbasn1.Tag(i).ContextSpecific().Constructed()
		var subtrees cryptobyte.String
		var present bool
		if !seq.ReadOptionalASN1(&subtrees, &present, tag) {
			return permitted, excluded, errors.New("nameConstraints subtrees are not DER")
		}
		if !present {
			continue
		}
		if subtrees.Empty() {
			return permitted, excluded, fmt.Errorf("nameConstraints [%d] GeneralSubtrees is empty (SIZE (1..MAX))", i)
		}
		for !subtrees.Empty() {
			st, err := readGeneralSubtree(&subtrees)
			if err != nil {
				return permitted, excluded, err
			}
			*dst = append(*dst, st)
		}
	}
	if !seq.Empty() {
		return permitted, excluded, errors.New("nameConstraints has unexpected fields after the subtrees")
	}
	return permitted, excluded, nil
}

func readGeneralSubtree(s *cryptobyte.String) (GeneralSubtree, error) {
	var st GeneralSubtree
	var seq cryptobyte.String
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return st, errors.New("GeneralSubtree is not a DER SEQUENCE")
	}
	base, err := readGeneralName(&seq)
	if err != nil {
		return st, err
	}
	st.Base = base
	// minimum [0] DEFAULT 0 and maximum [1] OPTIONAL: RFC 5280 says minimum
	// MUST be zero and maximum MUST be absent; anything left is reported.
	if !seq.Empty() {
		st.Err = errors.New("GeneralSubtree carries minimum or maximum, which RFC 5280 §4.2.1.10 forbids")
	}
	return st, nil
}

// Has reports whether the extension holds an entry of the given alternative.
func (a *AltNames) Has(tag NameTag) bool {
	for i := range a.Names {
		if a.Names[i].Tag == tag {
			return true
		}
	}
	return false
}

// EmailSubtree is an rfc822Name or SmtpUTF8Mailbox name constraint.
type EmailSubtree struct {
	// Kind is "permitted" or "excluded".
	Kind    string
	Subtree *GeneralSubtree
}

// EmailSubtrees returns the rfc822Name and SmtpUTF8Mailbox subtrees,
// permitted first. It allocates only when there are some.
func (nc *NameConstraints) EmailSubtrees() []EmailSubtree {
	var out []EmailSubtree
	for _, list := range [...]struct {
		kind     string
		subtrees []GeneralSubtree
	}{{"permitted", nc.Permitted}, {"excluded", nc.Excluded}} {
		for i := range list.subtrees {
			b := &list.subtrees[i].Base
			if b.Tag == RFC822NameTag || b.IsSmtpUTF8Mailbox() {
				out = append(out, EmailSubtree{Kind: list.kind, Subtree: &list.subtrees[i]})
			}
		}
	}
	return out
}

// ConstraintDomain returns the domain of an rfc822Name constraint (RFC 5280
// §4.2.1.10): a mailbox's domain, a host, or a ".domain" without its dot.
func ConstraintDomain(constraint string) string {
	if at := strings.LastIndexByte(constraint, '@'); at >= 0 {
		return constraint[at+1:]
	}
	return strings.TrimPrefix(constraint, ".")
}
