package spec

import (
	"strings"
	"sync"

	"github.com/gertd/go-pluralize"
)

// pluralizer is built on first use: pluralize.NewClient compiles a few
// hundred regular expressions, which would otherwise slow down every kiln
// invocation, including kiln --version. The client is only read after
// construction, and its regexps are safe for concurrent use.
var pluralizer = sync.OnceValue(func() *pluralize.Client {
	c := pluralize.NewClient()
	// The library follows Latin or Greek for these; English speakers,
	// Rails and Laravel say viruses, schemas and lenses (the library also
	// singularises lens to len).
	c.AddIrregularRule("virus", "viruses")
	c.AddIrregularRule("schema", "schemas")
	c.AddIrregularRule("lens", "lenses")
	return c
})

// Plural returns the plural of a snake_case name, inflecting only its last
// word: blog_post → blog_posts, person → people, news → news.
func Plural(word string) string {
	return inflectLast(word, pluralizer().Plural)
}

// Singular is the inverse of [Plural]: blog_posts → blog_post,
// categories → category.
func Singular(word string) string {
	return inflectLast(word, pluralizer().Singular)
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
