package spec

import (
	"slices"
	"strings"
)

// Plural returns the plural of a snake_case name, inflecting only its last
// word: blog_post → blog_posts, person → people, news → news.
func Plural(word string) string {
	return inflectLast(word, func(w string) string { return replace(w, 1, pluralRules()) })
}

// Singular is the inverse of [Plural]: blog_posts → blog_post,
// categories → category.
func Singular(word string) string {
	return inflectLast(word, func(w string) string { return replace(w, 0, singularRules()) })
}

// replace inflects word into the form at index to of irregularWords (0
// singular, 1 plural): an irregular word by its pair, a word already in that
// form or uncountable not at all, and any other word by the rules; the
// library's replaceWord. The word lists are short enough to search: maps
// would be built for every kiln command that inflects a word.
func replace(word string, to int, rules []rule) string {
	token := strings.ToLower(word)
	if _, ok := irregular(token, 1-to); ok {
		return restoreCase(word, token)
	}
	if r, ok := irregular(token, to); ok {
		return restoreCase(word, r)
	}
	if slices.Contains(uncountableWords, token) {
		return word
	}
	return inflect(token, word, rules)
}

// irregular returns form to (0 singular, 1 plural) of the irregular word
// whose other form is token. Of two such pairs, the later one wins.
func irregular(token string, to int) (string, bool) {
	for i := len(irregularWords) - 1; i >= 0; i-- {
		if p := irregularWords[i]; p[1-to] == token {
			return p[to], true
		}
	}
	return "", false
}

// irregularWords are the library's singular/plural pairs, then kiln's own:
// the library follows Latin or Greek for these; English speakers, Rails and
// Laravel say viruses, schemas and lenses (the library also singularises lens
// to len).
var irregularWords = [][2]string{
	{"i", "we"}, {"me", "us"}, {"he", "they"}, {"she", "they"}, {"them", "them"},
	{"myself", "ourselves"}, {"yourself", "yourselves"}, {"itself", "themselves"},
	{"herself", "themselves"}, {"himself", "themselves"}, {"themself", "themselves"},
	{"is", "are"}, {"was", "were"}, {"has", "have"}, {"this", "these"}, {"that", "those"},
	{"my", "our"}, {"its", "their"}, {"his", "their"}, {"her", "their"},
	{"echo", "echoes"}, {"dingo", "dingoes"}, {"volcano", "volcanoes"},
	{"tornado", "tornadoes"}, {"torpedo", "torpedoes"},
	{"genus", "genera"}, {"viscus", "viscera"},
	{"stigma", "stigmata"}, {"stoma", "stomata"}, {"dogma", "dogmata"}, {"lemma", "lemmata"},
	{"schema", "schemata"}, {"anathema", "anathemata"},
	{"ox", "oxen"}, {"axe", "axes"}, {"die", "dice"}, {"yes", "yeses"}, {"foot", "feet"},
	{"eave", "eaves"}, {"goose", "geese"}, {"tooth", "teeth"}, {"quiz", "quizzes"},
	{"human", "humans"}, {"proof", "proofs"}, {"carve", "carves"}, {"valve", "valves"},
	{"looey", "looies"}, {"thief", "thieves"}, {"groove", "grooves"}, {"pickaxe", "pickaxes"},
	{"passerby", "passersby"}, {"canvas", "canvases"}, {"sms", "sms"},
	{"virus", "viruses"}, {"schema", "schemas"}, {"lens", "lenses"},
}

// uncountableWords have no separate plural (more are in uncountableRules).
var uncountableWords = []string{
	"adulthood", "advice", "agenda", "aid", "aircraft", "alcohol", "ammo", "analytics",
	"anime", "athletics", "audio", "bison", "blood", "bream", "buffalo", "butter", "carp",
	"cash", "chassis", "chess", "clothing", "cod", "commerce", "cooperation", "corps",
	"debris", "diabetes", "digestion", "elk", "energy", "equipment", "excretion",
	"expertise", "firmware", "flounder", "fun", "gallows", "garbage", "graffiti",
	"hardware", "headquarters", "health", "herpes", "highjinks", "homework", "housework",
	"information", "jeans", "justice", "kudos", "labour", "literature", "machinery",
	"mackerel", "mail", "media", "mews", "moose", "music", "mud", "manga", "news", "only",
	"personnel", "pike", "plankton", "pliers", "police", "pollution", "premises", "rain",
	"research", "rice", "salmon", "scissors", "series", "sewage", "shambles", "shrimp",
	"software", "staff", "swine", "tennis", "traffic", "transportation", "trout", "tuna",
	"wealth", "welfare", "whiting", "wildebeest", "wildlife", "you",
}

func inflectLast(word string, f func(string) string) string {
	i := strings.LastIndexByte(word, '_')
	last := word[i+1:]
	if last == "" {
		return word
	}
	return word[:i+1] + f(last)
}

// initialisms are the words Go spells in all capitals (the golint list), so
// api_key becomes APIKey and user_id becomes UserID.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true,
	"DNS": true, "EOF": true, "GUID": true, "HTML": true, "HTTP": true,
	"HTTPS": true, "ID": true, "IP": true, "JSON": true, "LHS": true,
	"QPS": true, "RAM": true, "RHS": true, "RPC": true, "SLA": true,
	"SMTP": true, "SQL": true, "SSH": true, "TCP": true, "TLS": true,
	"TTL": true, "UDP": true, "UI": true, "UID": true, "UUID": true,
	"URI": true, "URL": true, "UTF8": true, "VM": true, "XML": true,
	"XMPP": true, "XSRF": true, "XSS": true,
}

// goWord spells one lower-case word for a Go identifier: url → URL,
// ids → IDs (a plural initialism), post → Post.
func goWord(w string) string {
	if w == "" {
		return ""
	}
	up := strings.ToUpper(w)
	if initialisms[up] {
		return up
	}
	if n := len(w); n > 1 && w[n-1] == 's' && initialisms[up[:n-1]] {
		return up[:n-1] + "s"
	}
	return up[:1] + w[1:]
}

// goCamel joins lower-case words into an exported Go identifier.
func goCamel(words []string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteString(goWord(w))
	}
	return b.String()
}

// lowerCamel joins lower-case words into an unexported Go identifier; the
// first word stays lower case even when it is an initialism (url, apiKey).
func lowerCamel(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return words[0] + goCamel(words[1:])
}

// humanWords joins words with spaces for messages and labels, keeping
// initialisms upper case: api_key → "API key".
func humanWords(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		if g := goWord(w); g != "" && g[1:] != w[1:] {
			out[i] = g // an initialism: URL, IDs
		}
	}
	return strings.Join(out, " ")
}

// splitWords breaks an ASCII identifier written in snake_case, camelCase,
// PascalCase or a mix of them into lower-case words. Runs of capitals are
// split into known initialisms where possible (HTTPServer → http server,
// URLID → url id) and a lower-case s after a run is a plural (UserIDs →
// user ids). Empty parts from stray underscores are kept as "" so callers
// can reject them. Input must be ASCII letters, digits and underscores.
func splitWords(s string) []string {
	var words []string
	for _, part := range strings.Split(s, "_") {
		if part == "" {
			words = append(words, "")
			continue
		}
		words = append(words, splitCamel(part)...)
	}
	return words
}

// splitCamel splits one underscore-free part at case changes.
func splitCamel(s string) []string {
	var words []string
	start := 0
	for k := 1; k < len(s); k++ {
		if camelBoundary(s, k) {
			words = append(words, splitRun(s[start:k])...)
			start = k
		}
	}
	return append(words, splitRun(s[start:])...)
}

// camelBoundary reports whether a new word starts at s[k].
func camelBoundary(s string, k int) bool {
	prev, cur := s[k-1], s[k]
	if !isUpper(cur) {
		return false
	}
	if isLower(prev) || isDigit(prev) {
		return true // blogPost, item2Name
	}
	// prev and cur are capitals: cur starts a word when a lower-case
	// letter follows it (HTTPServer), unless that letter is a plural s
	// closing the run (IDs, URLsList).
	if k+1 >= len(s) || !isLower(s[k+1]) {
		return false
	}
	return !(s[k+1] == 's' && (k+2 == len(s) || !isLower(s[k+2])))
}

// splitRun lower-cases one camel word; an all-capital word is split into
// initialisms when it is made of nothing else (URLID → url, id).
func splitRun(w string) []string {
	base, plural := w, ""
	if n := len(w); n > 1 && w[n-1] == 's' && isUpper(w[n-2]) {
		base, plural = w[:n-1], "s"
	}
	if !allUpperOrDigit(base) || initialisms[base] {
		return []string{strings.ToLower(w)}
	}
	parts := splitInitialisms(base)
	if parts == nil {
		return []string{strings.ToLower(w)}
	}
	for i := range parts {
		parts[i] = strings.ToLower(parts[i])
	}
	parts[len(parts)-1] += plural
	return parts
}

// splitInitialisms splits s into known initialisms, longest first, or
// returns nil when s is not made of initialisms only.
func splitInitialisms(s string) []string {
	if s == "" {
		return []string{}
	}
	for n := min(len(s), 5); n >= 2; n-- {
		if !initialisms[s[:n]] {
			continue
		}
		if rest := splitInitialisms(s[n:]); rest != nil {
			return append([]string{s[:n]}, rest...)
		}
	}
	return nil
}

func allUpperOrDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isUpper(s[i]) && !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

// isIdentChar reports whether c may appear in a name: ASCII letters,
// digits and underscore.
func isIdentChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }
