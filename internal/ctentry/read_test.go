package ctentry

import (
	"strings"
	"testing"
)

// TestRead checks what Read makes of get-entries JSON: entries in order
// with where they are, an error item for an entry of the wrong form (the
// input goes on), and a last error item for JSON that is not well formed.
// Messages quote the input only cut and escaped.
func TestRead(t *testing.T) {
	type item struct{ where, err string } // err "" for an entry
	long := strings.Repeat("4", 5000)
	for _, tc := range []struct {
		name string
		in   string
		want []item
	}{
		{"response", `{"entries":[{"leaf_input":"AAA=","extra_data":""},{"leaf_input":"AQE=","extra_data":""}]}`,
			[]item{{"entry 0", ""}, {"entry 1", ""}}},
		{"entries one per line, with log indexes", "{\"leaf_input\":\"AAA=\",\"log_index\":7}\n{\"leaf_input\":\"AAA=\",\"log_index\":8}\n",
			[]item{{"log index 7", ""}, {"log index 8", ""}}},
		{"entry without leaf_input", `{"entries":[{"extra_data":""},{"leaf_input":"AAA="}]}`,
			[]item{{"entry 0", "not a log entry: no leaf_input"}, {"entry 1", ""}}},
		{"leaf_input not base64", `{"entries":[{"leaf_input":"!!"}]}`,
			[]item{{"entry 0", "not a log entry: illegal base64"}}},
		{"truncated", `{"entries":[{"leaf_input":"AAA="},`,
			[]item{{"entry 0", ""}, {"entry 1", "reading get-entries JSON: truncated JSON"}}},
		{"not an object", `"a\u001bb"`,
			[]item{{"entry 0", `want a JSON object, found the string "a\x1bb"`}}},
		{"entries not an array", `{"entries":{}}`,
			[]item{{"entry 0", `"entries" is not an array`}}},
		{"a number too long for log_index", `{"leaf_input":"AAA=","log_index":` + long + `}`,
			[]item{{"entry 0", "not a log entry: json: cannot unmarshal number 444"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []item
			Read(strings.NewReader(tc.in), func(where string, e *Raw, err error) bool {
				it := item{where: where}
				if err != nil {
					it.err = err.Error()
					if len(it.err) > 300 {
						t.Errorf("%s: message of %d bytes", where, len(it.err))
					}
				} else if e == nil {
					t.Errorf("%s: neither an entry nor an error", where)
				}
				got = append(got, it)
				return true
			})
			if len(got) != len(tc.want) {
				t.Fatalf("items %q, want %q", got, tc.want)
			}
			for i, w := range tc.want {
				if got[i].where != w.where || (w.err == "") != (got[i].err == "") || !strings.Contains(got[i].err, w.err) {
					t.Errorf("item %d: %q, want %q", i, got[i], w)
				}
			}
		})
	}
}

func TestLooks(t *testing.T) {
	for in, want := range map[string]bool{
		`{"entries":[]}`:           true,
		" \n{\"leaf_input\":\"\"}": true,
		`{"sth":1}`:                false,
		"MIIB":                     false,
		"":                         false,
	} {
		if got := Looks([]byte(in)); got != want {
			t.Errorf("Looks(%q) = %v", in, got)
		}
	}
}
