package model

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// wrapWidth is where doc comments wrap, as gofmt'd hand-written code does.
const wrapWidth = 80

// comment adds text to f as a doc comment wrapped at wrapWidth.
func comment(f *jen.File, text string) {
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > wrapWidth-3 {
			f.Comment(line)
			line = ""
		}
		line = strings.TrimPrefix(line+" "+w, " ")
	}
	f.Comment(line)
}

// typeDoc is the model's doc comment: what it is and where it is stored,
// then what its options change for someone using it.
func (g *gen) typeDoc() string {
	r := g.r
	human := r.Name.Human()
	s := fmt.Sprintf("%s is %s %s, stored in the %s table.", r.Name.Go(), article(human), human, r.Table())
	if r.UUID {
		s += " Its ID is a UUID that orm.Create generates when it is zero."
	}
	if r.SoftDeletes {
		s += " Deleting one only sets DeletedAt: queries skip it until orm.Restore, and orm.ForceDelete removes the row."
	}
	if g.hasDefaultTag() {
		s += " A field tagged default that is left zero gets its column's default on orm.Create."
	}
	return s
}

// article is "a" or "an" for a noun phrase, by how it is said: an order, a
// user, an umbrella, an SMS, a URL. Exceptions to the spelling rules (an
// hour) are not known to it.
func article(phrase string) string {
	word, _, _ := strings.Cut(phrase, " ")
	if word == "" {
		return "a"
	}
	if len(word) > 1 && strings.ToUpper(word) == word { // an initialism, read letter by letter
		return pick(strings.ContainsRune("AEFHILMNORSX", rune(word[0])), "an", "a")
	}
	lower := strings.ToLower(word)
	switch {
	case strings.HasPrefix(lower, "u") && len(lower) > 2 && !strings.ContainsRune("aeiou", rune(lower[2])):
		return "an" // umbrella, under — but user, unit, usage take "a"
	case strings.ContainsRune("aeio", rune(lower[0])):
		return "an"
	}
	return "a"
}
