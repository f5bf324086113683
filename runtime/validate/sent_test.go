package validate

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// FuzzTopLevelKeys: on every JSON object the scanner finds the keys
// encoding/json finds, in order.
func FuzzTopLevelKeys(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1}`, ` { "a" : [1,{"b":"}"}] , "c\"d":"x,y" ,"e":null}`, `{"\u00e9":{"f":{}}}`, `[1]`, `"s"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		got := topLevelKeys([]byte(s))
		var want []string
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
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: got %q, want %q", s, got, want)
		}
	})
}
