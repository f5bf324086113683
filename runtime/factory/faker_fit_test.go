package factory

import (
	"testing"

	"github.com/go-playground/validator/v10"
)

// TestFitEmailKeepsAnAddress: an email column smaller than the addresses
// Faker makes still gets addresses (requests check the email rule on them),
// and a unique one still gets distinct addresses.
func TestFitEmailKeepsAnAddress(t *testing.T) {
	v := validator.New()
	for _, n := range []int{14, 20, 24, 30, 40} {
		seen := map[string]bool{}
		for i := range 500 {
			f := newFaker() // a new row's person each time
			for _, s := range []string{f.Email(), f.UniqueEmail()} {
				got := f.FitEmail(s, n)
				if len(got) > n {
					t.Fatalf("FitEmail(%q, %d) = %q, longer than %d", s, n, got, n)
				}
				if err := v.Var(got, "email"); err != nil {
					t.Fatalf("FitEmail(%q, %d) = %q, not an address", s, n, got)
				}
			}
			if n < 20 {
				continue
			}
			u := f.FitEmail(f.UniqueEmail(), n)
			if seen[u] {
				t.Fatalf("FitEmail(UniqueEmail(), %d) gave %q twice in %d draws", n, u, i+1)
			}
			seen[u] = true
		}
	}
	if got := newFaker().FitEmail("ada@example.com", 100); got != "ada@example.com" {
		t.Errorf("an address that fits was changed to %q", got)
	}
}
