package spec

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gertd/go-pluralize"
)

// corpus is the inflection test words of go-pluralize, each also in upper
// case and in title case, plus every suffix of each word: the rules look at
// endings.
func corpus(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/inflect_words.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := sc.Text()
		if strings.HasPrefix(w, "#") {
			continue
		}
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			for i := range len(v) {
				add(v[i:])
			}
		}
	}
	return words
}

// The lazily compiled rules inflect exactly like the library they come from,
// with kiln's irregular words added the way kiln used to add them.
func TestInflectionMatchesGoPluralize(t *testing.T) {
	lib := pluralize.NewClient()
	lib.AddIrregularRule("virus", "viruses")
	lib.AddIrregularRule("schema", "schemas")
	lib.AddIrregularRule("lens", "lenses")
	for _, w := range append(corpus(t), "virus", "viruses", "schema", "schemas", "schemata", "lens", "lenses", "blog_post", "user_id") {
		if got, want := Plural(w), inflectLast(w, lib.Plural); got != want {
			t.Errorf("Plural(%q) = %q, go-pluralize says %q", w, got, want)
		}
		if got, want := Singular(w), inflectLast(w, lib.Singular); got != want {
			t.Errorf("Singular(%q) = %q, go-pluralize says %q", w, got, want)
		}
	}
}

// Every word a rule matches has one of the rule's endings, or a word would
// skip a rule that applies to it: checked on the corpus and on short words.
func TestRuleEndings(t *testing.T) {
	words := corpus(t)
	for _, a := range "abcdefghijklmnopqrstuvwxyz" {
		words = append(words, string(a))
		for _, b := range "abcdefghijklmnopqrstuvwxyz" {
			words = append(words, string(a)+string(b))
			for _, c := range "aeiouysnhmxz" {
				words = append(words, string(a)+string(b)+string(c))
			}
		}
	}
	for _, rules := range [][]rule{pluralRules(), singularRules()} {
		for _, r := range rules {
			if r.fn != nil {
				continue // TestRuleFuncs
			}
			for _, w := range words {
				if r.re().MatchString(w) && !r.mayMatch(strings.ToLower(w)) {
					t.Errorf("%s matches %q, but it has none of the rule's endings %q", r.expr, w, r.ends)
				}
			}
		}
	}
}

// A rule written as code does exactly what its expression does, on every
// word that reaches it: one ending in ASCII (the rule before it takes the
// others).
func TestRuleFuncs(t *testing.T) {
	for _, rules := range [][]rule{pluralRules(), singularRules()} {
		for _, r := range rules {
			if r.fn == nil {
				continue
			}
			r.re = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(r.expr) })
			for _, w := range append(corpus(t), "a", "S", "Z", "x1", "_", "Bus", "BUS", "item") {
				if w[len(w)-1] >= 0x80 {
					continue
				}
				if got, want := r.fn(w), r.apply(w); got != want {
					t.Errorf("%s on %q: code gives %q, the expression %q", r.expr, w, got, want)
				}
			}
		}
	}
}
