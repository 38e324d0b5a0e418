package lintpipe

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/crypto/cryptobyte"
)

// isCTJSON reports whether an input is a JSON object, as a CT log's
// get-entries response is: its first byte other than white space is "{".
// No other accepted format can start so (PEM text before its BEGIN line
// could, in theory; such a file is read as JSON and fails with an error
// record naming the JSON error).
func isCTJSON(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	return len(t) > 0 && t[0] == '{' && !bytes.Contains(head, []byte("-----BEGIN"))
}

// ctEntry is one element of a get-entries response (RFC 6962 §4.6).
// encoding/json decodes the base64 fields.
type ctEntry struct {
	LeafInput []byte `json:"leaf_input"`
	ExtraData []byte `json:"extra_data"`
}

// readCTJSON streams the "entries" array of a get-entries response: one item
// per entry, held one at a time, whatever the size of the file. An entry
// whose leaf cannot be read is an error item naming it; a JSON syntax error
// ends the input with an error item, as nothing after it can be trusted.
func (s *itemStream) readCTJSON(br *bufio.Reader) {
	dec := json.NewDecoder(br)
	fail := func(err error) { s.emit("", nil, fmt.Errorf("CT get-entries JSON: %v", err)) }
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		fail(errors.New("not a JSON object"))
		return
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			fail(err)
			return
		}
		if key != "entries" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				fail(err)
				return
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			fail(errors.New(`"entries" is not an array`))
			return
		}
		for n := 0; dec.More(); n++ {
			where := "entry " + strconv.Itoa(n)
			var e ctEntry
			if err := dec.Decode(&e); err != nil {
				s.emit(where, nil, fmt.Errorf("CT get-entries JSON: %v", err))
				return
			}
			der, err := leafDER(e.LeafInput)
			if !s.emit(where, der, err) {
				return
			}
		}
		if _, err := dec.Token(); err != nil { // the closing "]"
			fail(err)
			return
		}
	}
}

// leafDER returns what a MerkleTreeLeaf (RFC 6962 §3.4) logs: the
// certificate of an x509_entry, or the TBSCertificate of a precert_entry,
// which the linter reads as a bare TBSCertificate (smime.ShapeOf).
func leafDER(leaf []byte) ([]byte, error) {
	in := cryptobyte.String(leaf)
	var version, leafType uint8
	var timestamp uint64
	var entryType uint16
	if !in.ReadUint8(&version) || !in.ReadUint8(&leafType) || !in.ReadUint64(&timestamp) ||
		!in.ReadUint16(&entryType) {
		return nil, errors.New("leaf_input: truncated MerkleTreeLeaf")
	}
	if version != 0 || leafType != 0 {
		return nil, fmt.Errorf("leaf_input: unknown MerkleTreeLeaf version %d or leaf type %d", version, leafType)
	}
	var der cryptobyte.String
	switch entryType {
	case 0: // x509_entry: ASN.1Cert
		if !in.ReadUint24LengthPrefixed(&der) {
			return nil, errors.New("leaf_input: truncated x509_entry")
		}
	case 1: // precert_entry: issuer_key_hash[32], TBSCertificate
		if !in.Skip(32) || !in.ReadUint24LengthPrefixed(&der) {
			return nil, errors.New("leaf_input: truncated precert_entry")
		}
	default:
		return nil, fmt.Errorf("leaf_input: unknown entry type %d", entryType)
	}
	if len(der) == 0 {
		return nil, errors.New("leaf_input: empty certificate")
	}
	return []byte(der), nil
}
