// Package naming holds the ORM's naming conventions: how a Go type becomes a
// table name and a Go field a column name when a model does not say.
//
// It is a leaf package so the model generator can ask the runtime's own rules
// whether a generated model needs an explicit TableName method, without
// linking the database drivers into the kiln binary.
package naming

import (
	"strings"
	"unicode"
)

// Snake converts a Go identifier to snake_case, keeping initialisms together:
// BlogPost → blog_post, APIKey → api_key, AuthorID → author_id.
func Snake(goName string) string {
	runes := []rune(goName)
	var b strings.Builder
	b.Grow(len(goName) + 4)
	for i, r := range runes {
		if unicode.IsUpper(r) {
			if i > 0 && wordStart(runes, i) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wordStart reports whether the upper-case rune at i starts a new word: after a
// lower-case letter or digit (blogPost), or as the last capital of an
// initialism followed by a lower-case letter (APIKey).
func wordStart(runes []rune, i int) bool {
	prev := runes[i-1]
	if unicode.IsLower(prev) || unicode.IsDigit(prev) {
		return true
	}
	return unicode.IsUpper(prev) && i+1 < len(runes) && unicode.IsLower(runes[i+1])
}

// Table is the conventional table of a model type: the snake-case name with
// its last word in the plural by the regular English rules (post → posts,
// category → categories, box → boxes). Irregular plurals (person → people)
// are not guessed: such models declare TableName, and kiln's generator adds
// that method whenever this rule and its own inflector disagree.
func Table(goTypeName string) string {
	return Plural(Snake(goTypeName))
}

// Plural applies the regular English plural rules to a lower-case word.
func Plural(word string) string {
	switch {
	case word == "":
		return ""
	case hasAnySuffix(word, "s", "x", "z", "ch", "sh"):
		return word + "es"
	case strings.HasSuffix(word, "y") && len(word) > 1 && !isVowel(word[len(word)-2]):
		return word[:len(word)-1] + "ies"
	}
	return word + "s"
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
