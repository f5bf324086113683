package spec

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestRoundTripCombinations parses many generated combinations of types
// and modifiers; every accepted one must round-trip through String. It
// complements the fuzzer, which rarely builds well-formed tokens.
func TestRoundTripCombinations(t *testing.T) {
	types := []string{"string", "text", "int", "bigint", "float", "decimal", "bool", "date",
		"datetime", "timestamp", "uuid", "json", "enum=a,b_c", "belongs_to", "belongs_to=users",
		"belongs_to=people", "belongs_to=data", "belongs_to=media"}
	names := []string{"x", "author_id", "firstName", "media", "datum"}
	mods := []string{"nullable", "unique", "index", "size=1", "size=255", "size=300",
		"precision=1", "precision=10", "precision=65", "scale=0", "scale=2", "scale=30",
		"on_delete=cascade", "on_delete=set_null", "on_delete=restrict",
		"default=0", "default=-7", "default=1.50", "default=1e3", "default=true", "default=now",
		"default=2024-02-29", "default=2024-01-02T15:04:05Z", "default=2024-01-02T15:04:05.5-07:30",
		"default=123e4567-e89b-12d3-a456-426614174000", "default={}", `default={"a":"b:c"}`,
		"default=a", "default=b_c", "default=x:1", "default=ab=cd", "default=Zürich", "default=a\\b"}
	rng := rand.New(rand.NewPCG(1, 2))
	accepted := 0
	check := func(tok string) {
		f, err := ParseField(tok)
		if err != nil {
			return
		}
		accepted++
		g, err := ParseField(f.String())
		if err != nil || !reflect.DeepEqual(f, g) {
			t.Fatalf("round trip of %q via %q: %v\n%#v\n%#v", tok, f.String(), err, f, g)
		}
	}
	for _, n := range names[:2] { // all pairs; random combinations below use every name
		for _, ty := range types {
			check(n + ":" + ty)
			for _, m1 := range mods {
				check(n + ":" + ty + ":" + m1)
				for _, m2 := range mods {
					check(n + ":" + ty + ":" + m1 + ":" + m2)
				}
			}
		}
	}
	for range 10000 {
		parts := []string{names[rng.IntN(len(names))], types[rng.IntN(len(types))]}
		for range 1 + rng.IntN(4) {
			parts = append(parts, mods[rng.IntN(len(mods))])
		}
		check(strings.Join(parts, ":"))
	}
	t.Logf("%d combinations accepted", accepted)
	if accepted < 1000 {
		t.Fatalf("only %d combinations accepted; the generator is too narrow", accepted)
	}
}
