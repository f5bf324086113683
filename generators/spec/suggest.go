package spec

import (
	"fmt"
	"strings"
)

// typeSpellings are the type names offered as "did you mean" suggestions.
var typeSpellings = []string{
	"string", "text", "int", "bigint", "float", "decimal", "bool", "date",
	"datetime", "timestamp", "uuid", "json", "enum", "belongs_to",
}

// modifierNames are the modifiers offered as suggestions.
var modifierNames = []string{
	"nullable", "unique", "index", "default", "size", "precision", "scale", "on_delete",
}

// typeHints answer the type names people bring from SQL, Laravel and
// Rails, which are too far from ours for edit distance to find.
var typeHints = map[string]string{
	"integer":         `did you mean "int"?`,
	"int32":           `did you mean "int"?`,
	"smallint":        `did you mean "int"?`,
	"tinyint":         `did you mean "int" (or "bool")?`,
	"int64":           `did you mean "bigint"?`,
	"biginteger":      `did you mean "bigint"?`,
	"boolean":         `did you mean "bool"?`,
	"varchar":         `did you mean "string"?`,
	"char":            `did you mean "string"?`,
	"double":          `did you mean "float"?`,
	"real":            `did you mean "float"?`,
	"float64":         `did you mean "float"?`,
	"numeric":         `did you mean "decimal"?`,
	"money":           `did you mean "decimal"?`,
	"longtext":        `did you mean "text"?`,
	"mediumtext":      `did you mean "text"?`,
	"jsonb":           `did you mean "json"?`,
	"time":            `did you mean "datetime"?`,
	"timestamptz":     `did you mean "datetime"?`,
	"references":      `did you mean "belongs_to"?`,
	"foreign_id":      `did you mean "belongs_to"?`,
	"foreignid":       `did you mean "belongs_to"?`,
	"has_many":        "has_many is not a field type: it adds no column here; declare it as a relation of the model",
	"has_one":         "has_one is not a field type: it adds no column here; declare it as a relation of the model",
	"belongs_to_many": "belongs_to_many is not a field type: it needs a pivot table; declare it as a relation of the model",
}

// modifierHints answer modifier names from other tools.
var modifierHints = map[string]string{
	"null":        `did you mean "nullable"?`,
	"optional":    `did you mean "nullable"?`,
	"required":    "fields are required unless nullable; drop required",
	"length":      `did you mean "size=N"?`,
	"len":         `did you mean "size=N"?`,
	"max":         `did you mean "size=N"?`,
	"limit":       `did you mean "size=N"?`,
	"indexed":     `did you mean "index"?`,
	"uniq":        `did you mean "unique"?`,
	"cascade":     `did you mean "on_delete=cascade"?`,
	"set_null":    `did you mean "on_delete=set_null"?`,
	"restrict":    `did you mean "on_delete=restrict"?`,
	"primary":     "the primary key id is added automatically; use --uuid for UUID keys",
	"primary_key": "the primary key id is added automatically; use --uuid for UUID keys",
}

// unknownModifier names the bad modifier and suggests the closest one.
func unknownModifier(key string) string {
	if hint, ok := modifierHints[strings.ToLower(key)]; ok {
		return fmt.Sprintf("unknown modifier %q; %s", key, hint)
	}
	if s := closest(key, modifierNames); s != "" {
		return fmt.Sprintf("unknown modifier %q; did you mean %q? (modifiers: %s)", key, s, modifierList)
	}
	return fmt.Sprintf("unknown modifier %q; use one of: %s", key, modifierList)
}

// closest returns the candidate nearest to word by edit distance
// (ignoring case), or "" when none is close enough to be a typo: at most
// two edits, and fewer edits than the word has letters.
func closest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(w, c); d < bestD && d < len(w) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (the inputs that reach it are short; non-ASCII just counts as edits).
func editDistance(a, b string) int {
	if len(a) > 64 {
		return len(a) // too long to be a typo; avoid quadratic work
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
