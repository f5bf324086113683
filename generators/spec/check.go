package spec

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Length limits. Names are capped so every derived spelling stays usable;
// identifiers are capped at PostgreSQL's 63 bytes, beyond which it
// silently truncates them.
const (
	maxNameLen  = 64
	maxIdentLen = 63
)

// nameSyntaxProblem checks the characters of a model name and returns a
// message for the first problem, or "". Checks run from the most to the
// least alarming, so `../x` is called a path rather than punctuation.
func nameSyntaxProblem(s string) string {
	switch {
	case s == "":
		return "name is empty; give a name such as BlogPost"
	case len(s) > maxNameLen:
		return fmt.Sprintf("is %d characters long; use at most %d", len(s), maxNameLen)
	}
	if msg := textProblem(s, "write the name as one word (e.g. BlogPost)"); msg != "" {
		return msg
	}
	if msg := pathProblem(s); msg != "" {
		return msg
	}
	if s[0] == '-' {
		return `starts with "-" like a command-line flag; give a name such as BlogPost`
	}
	if len(s) > 3 && strings.EqualFold(s[len(s)-3:], ".go") {
		return "looks like a file name; give the model name without .go (e.g. Post)"
	}
	return identProblem(s, "BlogPost")
}

// textProblem rejects text no identifier may contain: invalid UTF-8,
// control characters (which could rewrite a terminal), whitespace and
// invisible formatting characters such as bidi overrides. wsHint says
// what to do instead of using whitespace.
func textProblem(s, wsHint string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Sprintf("contains control character %q; remove it", string(r))
		}
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			return "contains whitespace; " + wsHint
		}
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return fmt.Sprintf("contains invisible character %q; remove it", string(r))
		}
	}
	return ""
}

// pathProblem rejects names that look like file-system paths, which could
// otherwise steer generated files outside the project.
func pathProblem(s string) string {
	switch {
	case s[0] == '/' || s[0] == '\\' ||
		len(s) >= 3 && isLetter(s[0]) && s[1] == ':' && (s[2] == '\\' || s[2] == '/'):
		return "looks like an absolute path; give a name, not a path (e.g. Post)"
	case strings.Contains(s, ".."):
		return `contains ".."; give a name, not a path (e.g. Post)`
	}
	if i := strings.IndexAny(s, `/\`); i >= 0 {
		return fmt.Sprintf("contains path separator %q; give a name, not a path (e.g. Post)", s[i:i+1])
	}
	return ""
}

// identProblem checks that s is letters, digits and single underscores,
// starting with a letter. ex is an example of a good name for messages.
func identProblem(s, ex string) string {
	for i, r := range s {
		if r >= utf8.RuneSelf {
			return fmt.Sprintf("contains %q; use ASCII letters only, digits and _ (e.g. %s)", string(r), ex)
		}
		if !isIdentChar(s[i]) {
			if r == '-' || r == '.' {
				ex = suggestIdent(s, ex)
			}
			return fmt.Sprintf("contains %q; use letters, digits and _ (e.g. %s)", string(r), ex)
		}
	}
	switch {
	case strings.Trim(s, "_") == "":
		return fmt.Sprintf("has no letters; use letters, digits and _ (e.g. %s)", ex)
	case isDigit(s[0]):
		return fmt.Sprintf("starts with a digit; start with a letter (e.g. %s2, not 2%s)", ex, ex)
	case s[0] == '_':
		return fmt.Sprintf(`starts with "_"; start with a letter (e.g. %s)`, strings.TrimLeft(s, "_"))
	case s[len(s)-1] == '_':
		return fmt.Sprintf(`ends with "_"; end with a letter or digit (e.g. %s)`, strings.TrimRight(s, "_"))
	case strings.Contains(s, "__"):
		return fmt.Sprintf(`contains "__"; separate words with a single _ (e.g. %s)`, collapseUnderscores(s))
	}
	return ""
}

// suggestIdent turns post-comment or post.comment into a usable name in
// the style of ex (PostComment, or post_comment for snake examples).
func suggestIdent(s, ex string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf || !isIdentChar(byte(r)) })
	if len(parts) == 0 || !isLetter(parts[0][0]) {
		return ex
	}
	if strings.ToLower(ex) == ex {
		return strings.ToLower(strings.Join(parts, "_"))
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

func collapseUnderscores(s string) string {
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	return s
}

// problem checks a syntactically valid model name against Go, kiln and
// the databases. s is the user's input, checked alongside the derived
// forms so `Func` and `String` are caught as well as `func` and `string`.
func (n Name) problem(s string) string {
	v, lower := n.Var(), strings.ToLower(s)
	for _, w := range []string{v, lower} {
		if token.IsKeyword(w) {
			return fmt.Sprintf("%q is a Go keyword; pick another name", w)
		}
	}
	for _, w := range []string{v, s, lower} {
		if predeclared[w] {
			return fmt.Sprintf("%q is a predeclared Go identifier; pick another name", w)
		}
	}
	if r := reservedName(reservedModelNames, n.Go()); r != "" {
		return fmt.Sprintf("%s is used by kiln's runtime or generated code; pick a more specific name", r)
	}
	for _, w := range []string{v, n.VarPlural()} {
		if reservedName(reservedPackageNames, w) != "" {
			return fmt.Sprintf("variable %s would shadow the %s package in generated code; pick another name", w, w)
		}
	}
	for _, w := range []string{v, n.VarPlural()} {
		if reservedName(reservedVarNames, w) != "" {
			return fmt.Sprintf("variable %s would clash with a local variable of generated handlers; pick another name", w)
		}
	}
	if msg := n.buildSuffixProblem(); msg != "" {
		return msg
	}
	if back := strings.Join(splitWords(n.Go()), "_"); back != n.snake {
		return fmt.Sprintf("is ambiguous: %s reads back as %s, not %s; write %s (or pick another name)",
			n.Go(), back, n.snake, back)
	}
	if msg := tableProblem(n.Table()); msg != "" {
		return fmt.Sprintf("its table name %q %s", n.Table(), msg)
	}
	return ""
}

// buildSuffixProblem rejects names whose file name the go command would
// read as a build constraint (post_test.go, post_linux.go).
func (n Name) buildSuffixProblem() string {
	w := n.words()
	if len(w) < 2 || !buildSuffixes[w[len(w)-1]] {
		return ""
	}
	last := w[len(w)-1]
	where := "on " + last
	if last == "test" {
		where = "in tests"
	}
	return fmt.Sprintf("file %s would only compile %s (Go build constraint); pick another name", n.File(), where)
}
