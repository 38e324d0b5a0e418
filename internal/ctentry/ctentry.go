// Package ctentry decodes RFC 6962 log entries into what zlint-smime lints,
// with certificate-transparency-go, for the command's -format ct and -ct-log
// and for the Beam pipeline, so that both read an entry the same way.
package ctentry

import (
	"bytes"
	"fmt"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
)

// Entry is what it lints of a log entry.
type Entry struct {
	// Type is the record's "entry_type": "x509" or "precert" ("" when the
	// leaf does not say).
	Type string
	// DER is the X.509 certificate of an x509_entry, or the precertificate
	// of a precert_entry's extra_data, which carries the CT poison
	// extension (zlint's lints and zcrypto know it).
	DER []byte
	// Issuer is the DER of the issuing CA from the entry's chain: its first
	// certificate, or the next one when the first is a Precertificate
	// Signing Certificate (RFC 6962 §3.1), which stands in for the CA; nil
	// when the chain is empty.
	Issuer []byte
	// TBS, when a Precertificate Signing Certificate signed the
	// precertificate, is the TBSCertificate of the leaf (RFC 6962 §3.2):
	// the precertificate's, with the poison extension removed and the
	// issuer and authorityKeyIdentifier rewritten to name the CA that signs
	// the final certificate. The precertificate itself names the signing
	// certificate, so it is TBS that is linted, with Issuer.
	TBS []byte
}

// Decode decodes the entry at index (-1 when unknown) of a get-entries
// answer. On an error it still says the entry's type when the leaf does.
func Decode(leafInput, extraData []byte, index int64) (Entry, error) {
	raw, err := ct.RawLogEntryFromLeaf(index, &ct.LeafEntry{LeafInput: leafInput, ExtraData: extraData})
	if err != nil {
		var e Entry
		var leaf ct.MerkleTreeLeaf
		if rest, lerr := cttls.Unmarshal(leafInput, &leaf); lerr == nil && len(rest) == 0 {
			e.Type = typeName(leaf.TimestampedEntry.EntryType)
		}
		return e, fmt.Errorf("decoding the log entry: %v", err)
	}
	e := Entry{Type: typeName(raw.Leaf.TimestampedEntry.EntryType), DER: raw.Cert.Data}
	if len(raw.Chain) > 0 {
		e.Issuer = raw.Chain[0].Data
		if raw.Leaf.TimestampedEntry.EntryType == ct.PrecertLogEntryType && len(raw.Chain) > 1 &&
			bytes.Contains(e.Issuer, precertSigningEKU) {
			e.Issuer = raw.Chain[1].Data
			if pc := raw.Leaf.TimestampedEntry.PrecertEntry; pc != nil {
				e.TBS = pc.TBSCertificate
			}
		}
	}
	return e, nil
}

func typeName(t ct.LogEntryType) string {
	switch t {
	case ct.X509LogEntryType:
		return "x509"
	case ct.PrecertLogEntryType:
		return "precert"
	}
	return ""
}

// precertSigningEKU is the DER of the OID of the Precertificate Signing
// Certificate's extended key usage, 1.3.6.1.4.1.11129.2.4.4.
var precertSigningEKU = []byte{0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x04}
