package ctentry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/smimelint/zlint-smime/util"
)

// entryJSON is an entry object of a get-entries response. "log_index" is
// not RFC 6962's: it lets a monitor that stores entries one per line say
// where each comes from.
type entryJSON struct {
	LeafInput []byte `json:"leaf_input"`
	ExtraData []byte `json:"extra_data"`
	LogIndex  *int64 `json:"log_index"`
}

// Raw is one entry of a get-entries answer, undecoded.
type Raw struct {
	LeafInput, ExtraData []byte
	// LogIndex is the entry's index in the log, -1 when unknown.
	LogIndex int64
}

// Read reads RFC 6962 get-entries JSON: response objects
// {"entries":[...]} or entry objects {"leaf_input","extra_data"}, any number
// of them one after the other (one per line, say). The entries are streamed:
// a response is not held whole. An entry that is not a JSON object of that
// form is an error item, and the input goes on; JSON that is not well formed
// ends the input with an error item, since nothing after it can be trusted
// to start where an entry starts. emit gets each entry, or an error, with
// where it is ("entry 3", or "log index 1234" when the entry says), and
// says whether to go on.
func Read(r io.Reader, emit func(where string, e *Raw, err error) bool) {
	dec := json.NewDecoder(r)
	n := 0 // entries of the input, for messages when the log index is unknown
	emitEntry := func(raw json.RawMessage) bool {
		where := "entry " + strconv.Itoa(n)
		n++
		var e entryJSON
		if err := json.Unmarshal(raw, &e); err != nil {
			return emit(where, nil, fmt.Errorf("not a log entry: %s", jsonError(err)))
		}
		if e.LeafInput == nil {
			return emit(where, nil, errors.New("not a log entry: no leaf_input"))
		}
		it := &Raw{LeafInput: e.LeafInput, ExtraData: e.ExtraData, LogIndex: -1}
		if e.LogIndex != nil && *e.LogIndex >= 0 {
			it.LogIndex = *e.LogIndex
			where = "log index " + strconv.FormatInt(it.LogIndex, 10)
		}
		return emit(where, it, nil)
	}
	syntax := func(err error) {
		// Inside an object, the end of the input is a truncation, whichever
		// of the two EOFs encoding/json says.
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			err = errors.New("truncated JSON")
		}
		emit("entry "+strconv.Itoa(n), nil, fmt.Errorf("reading get-entries JSON: %s", jsonError(err)))
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			syntax(err)
			return
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			syntax(fmt.Errorf("want a JSON object, found %s", describeToken(tok)))
			return
		}
		// An object: a response (key "entries") or an entry.
		var entry map[string]json.RawMessage
		sawEntries := false
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				syntax(err)
				return
			}
			k, _ := key.(string)
			if k == "entries" {
				sawEntries = true
				if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
					if err == nil {
						err = errors.New(`"entries" is not an array`)
					}
					syntax(err)
					return
				}
				for dec.More() {
					var raw json.RawMessage
					if err := dec.Decode(&raw); err != nil {
						syntax(err)
						return
					}
					if !emitEntry(raw) {
						return
					}
				}
				if _, err := dec.Token(); err != nil { // ']'
					syntax(err)
					return
				}
				continue
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				syntax(err)
				return
			}
			if entry == nil {
				entry = map[string]json.RawMessage{}
			}
			entry[k] = raw
		}
		if _, err := dec.Token(); err != nil { // '}'
			syntax(err)
			return
		}
		if _, ok := entry["leaf_input"]; ok || !sawEntries {
			raw, _ := json.Marshal(entry)
			if !emitEntry(raw) {
				return
			}
		}
	}
}

// maxJSONError bounds the text of an encoding/json error in a message:
// json.UnmarshalTypeError quotes a number literal of the input whole.
const maxJSONError = 160

// jsonError is err's text, cut at maxJSONError bytes.
func jsonError(err error) string {
	msg := err.Error()
	if len(msg) > maxJSONError {
		msg = util.Cut(msg, maxJSONError) + "…"
	}
	return msg
}

// describeToken names a JSON token for a message: a string is quoted and
// cut (util.Quote), since it is the input's own text.
func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case string:
		return "the string " + util.Quote(v)
	case nil:
		return "null"
	}
	return fmt.Sprint(tok)
}

// Looks reports whether an input's first bytes look like get-entries
// JSON: a JSON object, after any white space, that names leaf_input or
// entries. Base64 and PEM never start with "{".
func Looks(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	return len(t) > 0 && t[0] == '{' &&
		(bytes.Contains(t, []byte(`"leaf_input"`)) || bytes.Contains(t, []byte(`"entries"`)))
}
