package validate

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// FuzzTopLevelKeys: on every JSON object the scanner finds the keys
// encoding/json finds, in order, and which of their values are null.
func FuzzTopLevelKeys(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1}`, ` { "a" : [1,{"b":"}"}] , "c\"d":"x,y" ,"e":null}`, `{"n": null ,"s":"null","m":nullx}`, `{"\u00e9":{"f":{}}}`, `[1]`, `"s"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		got := topLevelKeys([]byte(s))
		var want []string
		var wantNulls []bool
		dec := json.NewDecoder(strings.NewReader(s))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			if got != nil {
				t.Fatalf("%s: got keys %q from a non-object", s, got)
			}
			return
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, tok.(string))
			var value json.RawMessage
			if err := dec.Decode(&value); err != nil {
				t.Fatal(err)
			}
			wantNulls = append(wantNulls, string(value) == "null")
		}
		var gotNulls []bool
		for _, m := range topLevelMembers([]byte(s)) {
			gotNulls = append(gotNulls, m.null)
		}
		if !slices.Equal(gotNulls, wantNulls) {
			t.Fatalf("%s: null values %v, want %v", s, gotNulls, wantNulls)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: got %q, want %q", s, got, want)
		}
	})
}
