package spec

import (
	"regexp"
	"strings"
	"sync"
)

// The English inflection rules of github.com/gertd/go-pluralize v0.2.1 (MIT
// licence; a port of blakeembrey/pluralize), applied the way that library
// applies them, with one difference: each rule's regular expression is
// compiled when a word could match it, not all of them up front.
// pluralize.NewClient compiled some seventy expressions (1.6 ms and 330 KB on
// the team's VM, where every fresh page of heap costs a page fault) to
// inflect the one or two words a kiln command needs. Each rule says which
// letters a match can end with, so a word is only tried against rules it
// could match; TestInflectionMatchesGoPluralize checks the results against
// the library and TestRuleEndings checks the endings.

// rule rewrites the words its expression matches. expr is matched against the
// word as given, case-insensitively; repl's $n are the expression's groups.
type rule struct {
	expr string
	repl string
	// ends lists, space-separated, lower-case endings one of which every
	// word the rule matches has, or is "*" when a match can be empty (it
	// matches every word).
	ends string
	re   func() *regexp.Regexp
	// fn, when set, does what the expression (which then matches every
	// word) would, without compiling it.
	fn func(word string) string
}

// newRule makes a rule whose expression is compiled on first use. An
// expression not starting with "(" is a whole word, as in the library.
func newRule(expr, repl, ends string) rule {
	if !strings.HasPrefix(expr, "(") {
		expr = `(?i)^` + expr + `$`
	}
	return rule{expr: expr, repl: repl, ends: ends, re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

// mayMatch reports whether a word could match r, given the word in lower
// case: it has one of r's endings. Words ending in a non-ASCII byte are tried
// against every rule.
func (r rule) mayMatch(token string) bool {
	if r.ends == "*" || token[len(token)-1] >= 0x80 {
		return true
	}
	for end := range strings.FieldsSeq(r.ends) {
		if strings.HasSuffix(token, end) {
			return true
		}
	}
	return false
}

// The rule lists are built on first use, like the expressions in them, so
// that kiln commands that inflect nothing do not build them at start-up.
var (
	pluralRules   = sync.OnceValue(func() []rule { return append(pluralOnly(), uncountableRules()...) })
	singularRules = sync.OnceValue(func() []rule { return append(singularOnly(), uncountableRules()...) })
)

// uncountableRules are the expressions of words with no separate plural;
// like the library, they join both rule lists, after the others.
func uncountableRules() []rule {
	return []rule{
		newRule(`(?i)pok[eé]mon$`, `$0`, "mon"),
		newRule(`(?i)[^aeiou]ese$`, `$0`, "ese"), // chinese, japanese
		newRule(`(?i)deer$`, `$0`, "deer"),       // deer, reindeer
		newRule(`(?i)(fish)$`, `$0`, "fish"),     // fish, blowfish
		newRule(`(?i)measles$`, `$0`, "measles"),
		newRule(`(?i)o[iu]s$`, `$0`, "ois ous"), // carnivorous
		newRule(`(?i)pox$`, `$0`, "pox"),        // chickenpox
		newRule(`(?i)sheep$`, `$0`, "sheep"),
	}
}

// pluralOnly are the plural rules, tried last to first: specific rules come
// after general ones.
func pluralOnly() []rule {
	return []rule{
		{expr: `(?i)s?$`, repl: `s`, ends: "*", fn: addS},
		newRule(`(?i)[^[:ascii:]]$`, `$0`, ""),
		newRule(`(?i)([^aeiou]ese)$`, `$1`, "ese"),
		newRule(`(?i)(ax|test)is$`, `$1es`, "axis testis"),
		newRule(`(?i)(alias|[^aou]us|t[lm]as|gas|ris)$`, `$1es`, "alias us tlas tmas gas ris"),
		newRule(`(?i)(e[mn]u)s?$`, `$1s`, "emu enu emus enus"),
		newRule(`(?i)([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$`, `$1`, "ias las eas jas zas ras iam uam"),
		newRule(`(?i)(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$`, `$1i`, "us i"),
		newRule(`(?i)(alumn|alg|vertebr)(?:a|ae)$`, `$1ae`, "a ae"),
		newRule(`(?i)(seraph|cherub)(?:im)?$`, `$1im`, "ph ub im"),
		newRule(`(?i)(her|at|gr)o$`, `$1oes`, "ero ato gro"),
		newRule(`(?i)(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor)(?:a|um)$`, `$1a`, "a um"),
		newRule(`(?i)(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)(?:a|on)$`, `$1a`, "a on"),
		newRule(`(?i)sis$`, `ses`, "sis"),
		newRule(`(?i)(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$`, `$1$2ves`, "fe f"),
		newRule(`(?i)([^aeiouy]|qu)y$`, `$1ies`, "y"),
		newRule(`(?i)([^ch][ieo][ln])ey$`, `$1ies`, "ey"),
		newRule(`(?i)(x|ch|ss|sh|zz)$`, `$1es`, "x ch ss sh zz"),
		newRule(`(?i)(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$`, `$1ices`, "ix ex"),
		newRule(`(?i)\b((?:tit)?m|l)(?:ice|ouse)$`, `$1ice`, "ice ouse"),
		newRule(`(?i)(pe)(?:rson|ople)$`, `$1ople`, "person people"),
		newRule(`(?i)(child)(?:ren)?$`, `$1ren`, "child children"),
		newRule(`(?i)eaux$`, `$0`, "eaux"),
		newRule(`(?i)m[ae]n$`, `men`, "man men"),
		newRule(`thou`, `you`, "thou"),
	}
}

// singularOnly are the singular rules, tried last to first like the plural ones.
func singularOnly() []rule {
	return []rule{
		newRule(`(?i)s$`, ``, "s"),
		newRule(`(?i)(ss)$`, `$1`, "ss"),
		newRule(`(?i)(wi|kni|(?:after|half|high|low|mid|non|night|[^\w]|^)li)ves$`, `$1fe`, "ves"),
		newRule(`(?i)(ar|(?:wo|[ae])l|[eo][ao])ves$`, `$1f`, "ves"),
		newRule(`(?i)ies$`, `y`, "ies"),
		newRule(`(?i)(dg|ss|ois|lk|ok|wn|mb|th|ch|ec|oal|is|ck|ix|sser|ts|wb)ies$`, `$1ie`, "ies"),
		newRule(`(?i)\b(l|(?:neck|cross|hog|aun)?t|coll|faer|food|gen|goon|group|hipp|junk|vegg|(?:pork)?p|charl|calor|cut)ies$`, `$1ie`, "ies"),
		newRule(`(?i)\b(mon|smil)ies$`, `$1ey`, "ies"),
		newRule(`(?i)\b((?:tit)?m|l)ice$`, `$1ouse`, "ice"),
		newRule(`(?i)(seraph|cherub)im$`, `$1`, "im"),
		newRule(`(?i)(x|ch|ss|sh|zz|tto|go|cho|alias|[^aou]us|t[lm]as|gas|(?:her|at|gr)o|[aeiou]ris)(?:es)?$`, `$1`, "x ch ss sh zz o us as ris es"),
		newRule(`(?i)(analy|diagno|parenthe|progno|synop|the|empha|cri|ne)(?:sis|ses)$`, `$1sis`, "sis ses"),
		newRule(`(?i)(movie|twelve|abuse|e[mn]u)s$`, `$1`, "movies twelves abuses emus enus"),
		newRule(`(?i)(test)(?:is|es)$`, `$1is`, "testis testes"),
		newRule(`(?i)(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$`, `$1us`, "us i"),
		newRule(`(?i)(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|quor)a$`, `$1um`, "a"),
		newRule(`(?i)(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)a$`, `$1on`, "a"),
		newRule(`(?i)(alumn|alg|vertebr)ae$`, `$1a`, "ae"),
		newRule(`(?i)(cod|mur|sil|vert|ind)ices$`, `$1ex`, "ices"),
		newRule(`(?i)(matr|append)ices$`, `$1ix`, "ices"),
		newRule(`(?i)(pe)(rson|ople)$`, `$1rson`, "person people"),
		newRule(`(?i)(child)ren$`, `$1`, "children"),
		newRule(`(?i)(eau)x?$`, `$1`, "eau eaux"),
		newRule(`(?i)men$`, `man`, "men"),
	}
}

// inflect applies the last rule word may and does match, as the library's
// sanitizeWord does; token is word in lower case.
func inflect(token, word string, rules []rule) string {
	if token == "" {
		return word
	}
	for i := len(rules) - 1; i >= 0; i-- {
		r := rules[i]
		if r.fn != nil {
			return r.fn(word)
		}
		if r.mayMatch(token) && r.re().MatchString(word) {
			return r.apply(word)
		}
	}
	return word
}

// addS is the most general plural rule, `(?i)s?$` → s, which most words
// reach: it leaves a word ending in s as it is and appends s, or S after a
// capital. In code, because matching even that expression costs the first
// match of a process 36 KB of backtracking state.
func addS(word string) string {
	switch last := word[len(word)-1]; {
	case last == 's' || last == 'S':
		return word
	case 'A' <= last && last <= 'Z':
		return word + "S"
	}
	return word + "s"
}

// apply rewrites word's matches the way the library's replace does,
// restoring the case of each matched part.
func (r rule) apply(word string) string {
	re := r.re()
	return re.ReplaceAllStringFunc(word, func(string) string {
		match := re.FindString(word)
		index := re.FindStringIndex(word)[0]
		args := re.FindAllStringSubmatch(word, -1)[0]
		result := interpolate(r.repl, args)
		if match == "" {
			return restoreCase(word[index-1:index], result)
		}
		return restoreCase(match, result)
	})
}

// interpolate replaces each $n (one or two digits) in repl with args[n].
func interpolate(repl string, args []string) string {
	var b strings.Builder
	for i := 0; i < len(repl); i++ {
		if repl[i] != '$' || i+1 >= len(repl) || !isDigit(repl[i+1]) {
			b.WriteByte(repl[i])
			continue
		}
		n := int(repl[i+1] - '0')
		i++
		if i+1 < len(repl) && isDigit(repl[i+1]) {
			n = n*10 + int(repl[i+1]-'0')
			i++
		}
		b.WriteString(args[n])
	}
	return b.String()
}

// restoreCase spells token in word's case: lower, UPPER or Title.
func restoreCase(word, token string) string {
	switch {
	case word == token:
		return token
	case word == strings.ToLower(word):
		return strings.ToLower(token)
	case word == strings.ToUpper(word):
		return strings.ToUpper(token)
	case word[:1] == strings.ToUpper(word[:1]):
		return strings.ToUpper(token[:1]) + strings.ToLower(token[1:])
	}
	return strings.ToLower(token)
}
