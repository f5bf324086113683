package validate

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/web"
)

// kilnEmail is the email rule as requests run it: the fast path, then
// validator's check.
func kilnEmail(s string) bool { return engine().Var(s, "email") == nil }

func TestPlainEmailIsValidatorEmail(t *testing.T) {
	everyday := []string{
		"ada@example.com", "first.last+tag@mail.example.co.uk", "o'brien@x-y.io",
		"a@b.cd", "user_1{x}|~@host9.example", "UPPER@EXAMPLE.COM", "a!#$%&*/=?^`@e-x.org",
		"a@example.c0m", "a@x.co-m",
	}
	for _, s := range everyday {
		if !plainEmail(s) {
			t.Errorf("plainEmail(%q) = false: an everyday address should take the fast path", s)
		}
		if !validatorEmail(s) {
			t.Errorf("validator refuses %q, which the fast path accepts", s)
		}
	}
	// Valid or not, these are not plainEmail's to decide: the rule must give
	// validator's answer for each.
	others := []string{
		`"quoted local"@example.com`, "josé@example.com", "a@example.com.", "a@[127.0.0.1]",
		"a@localhost", "a..b@example.com", ".a@example.com", "a@-example.com", "a@example-.com",
		"a@example.1com", "a@b@c.com", "Ada <ada@example.com>", "", "@example.com",
		"a@", "a b@example.com", "a@exa_mple.com", "a@x.com-", "a@@x.com", "a@x..com",
	}
	for _, s := range others {
		if plainEmail(s) {
			t.Errorf("plainEmail(%q) = true: it is not of the everyday shape", s)
		}
		if got, want := kilnEmail(s), validatorEmail(s); got != want {
			t.Errorf("email rule on %q = %v, validator's = %v", s, got, want)
		}
	}
}

// TestEmailRuleRefusesOtherKinds: validator's rule checks a value's
// String(), which for a value that is not a string is "<T Value>", never an
// address. A struct must not be validated as a whole instead (its own tags
// would run, or panic on kiln's).
func TestEmailRuleRefusesOtherKinds(t *testing.T) {
	type tagged struct {
		Name string `validate:"notblank"`
	}
	for _, v := range []any{
		&struct {
			E sql.NullString `json:"e" validate:"email"`
		}{sql.NullString{String: "ada@example.com", Valid: true}},
		&struct {
			E tagged `json:"e" validate:"email"`
		}{tagged{"ada@example.com"}},
		&struct {
			E int `json:"e" validate:"email"`
		}{3},
	} {
		var e *web.Error
		if err := Struct(context.Background(), nil, v); !errors.As(err, &e) || e.Status != 422 || !strings.Contains(e.Message, "valid email") {
			t.Errorf("Struct(%+v) = %v, want a 422 on e", v, err)
		}
	}
}

// TestEmailRuleMatchesValidatorOnGeneratedValues compares the rule with
// validator's own on generated addresses, each then changed in up to three
// places with the characters that decide an address's validity, so that
// many land on either side of the fast path's edges.
func TestEmailRuleMatchesValidatorOnGeneratedValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	fast, valid := 0, 0
	const n = 40000
	for range n {
		s := mutated(rng, generatedAddress(rng))
		want := validatorEmail(s)
		if want {
			valid++
		}
		if plainEmail(s) {
			fast++
			if !want {
				t.Fatalf("plainEmail(%q) = true, but validator refuses it", s)
			}
		}
		if got := kilnEmail(s); got != want {
			t.Fatalf("email rule on %q = %v, validator's = %v", s, got, want)
		}
	}
	// Both sides of the edge must be reached, or the comparison says little.
	if fast < n/10 || valid-fast < n/100 || n-valid < n/10 {
		t.Fatalf("of %d values, %d took the fast path, %d were valid: the generator no longer reaches the edges", n, fast, valid)
	}
}

// generatedAddress is local@host.tld from short runs of letters, digits and
// atext symbols.
func generatedAddress(rng *rand.Rand) string {
	run := func(alphabet string) string {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	parts := func(count int, alphabet string) string {
		p := make([]string, count)
		for i := range p {
			p[i] = run(alphabet)
		}
		return strings.Join(p, ".")
	}
	return parts(1+rng.IntN(2), "aZ9+_'~{") + "@" + parts(1+rng.IntN(2), "abZ9-") + "." + run("abZ")
}

// mutated changes s in up to three places: a piece inserted, or a byte
// removed.
func mutated(rng *rand.Rand, s string) string {
	pieces := []string{".", "@", "-", "9", "é", `"`, "[", "]", " ", "(", "\\", "..", "<", ">"}
	for range rng.IntN(4) {
		i := rng.IntN(len(s) + 1)
		if rng.IntN(3) == 0 && i < len(s) {
			s = s[:i] + s[i+1:]
		} else {
			s = s[:i] + pieces[rng.IntN(len(pieces))] + s[i:]
		}
	}
	return s
}

// FuzzPlainEmail looks for a value the fast path accepts and validator
// refuses.
func FuzzPlainEmail(f *testing.F) {
	for _, s := range []string{"ada@example.com", "a.b-c@d-e.fg", `"x"@y.z`, "a@b.c.", "é@x.io"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainEmail(s) && !validatorEmail(s) {
			t.Fatalf("plainEmail(%q) = true, but validator refuses it", s)
		}
	})
}
