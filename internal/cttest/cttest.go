// Package cttest builds RFC 6962 log entries for tests: the leaf_input and
// extra_data of an x509_entry or a precert_entry, with
// certificate-transparency-go's own types, so that the command's, the
// records' and the Beam pipeline's tests log entries the same way.
package cttest

import (
	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
)

// X509Entry is the log entry of the certificate der (an x509_entry, RFC
// 6962 §3.4) with chain, issuer first, in its extra_data.
func X509Entry(der []byte, chain ...[]byte) ct.LeafEntry {
	cc := ct.CertificateChain{Entries: certs(chain)}
	return ct.LeafEntry{
		LeafInput: leaf(&ct.TimestampedEntry{EntryType: ct.X509LogEntryType, X509Entry: &ct.ASN1Cert{Data: der}}),
		ExtraData: marshal(cc),
	}
}

// PrecertEntry is the log entry of the precertificate precert (a
// precert_entry): its leaf_input holds tbs, the TBSCertificate of the final
// certificate (RFC 6962 §3.2), and its extra_data the precertificate and
// chain.
func PrecertEntry(precert, tbs []byte, chain ...[]byte) ct.LeafEntry {
	pc := ct.PrecertChainEntry{PreCertificate: ct.ASN1Cert{Data: precert}, CertificateChain: certs(chain)}
	return ct.LeafEntry{
		LeafInput: leaf(&ct.TimestampedEntry{EntryType: ct.PrecertLogEntryType, PrecertEntry: &ct.PreCert{TBSCertificate: tbs}}),
		ExtraData: marshal(pc),
	}
}

func certs(ders [][]byte) []ct.ASN1Cert {
	cs := make([]ct.ASN1Cert, len(ders))
	for i, d := range ders {
		cs[i] = ct.ASN1Cert{Data: d}
	}
	return cs
}

// leaf is the MerkleTreeLeaf of e, logged at a fixed time: no record
// carries the timestamp.
func leaf(e *ct.TimestampedEntry) []byte {
	e.Timestamp = 1
	return marshal(ct.MerkleTreeLeaf{Version: ct.V1, LeafType: ct.TimestampedEntryLeafType, TimestampedEntry: e})
}

// marshal panics where RFC 6962's length bounds refuse v: an empty
// certificate or TBS (each at least one byte), or one over 2^24-1 bytes. A
// test that means to log such bytes builds the entry itself.
func marshal(v any) []byte {
	b, err := cttls.Marshal(v)
	if err != nil {
		panic("cttest: " + err.Error())
	}
	return b
}
