package devserver

import (
	"errors"
	"slices"
	"strings"
)

// splitCommand splits a command line into words the way a shell would for simple
// commands: blanks separate, single and double quotes group, a backslash escapes
// the next character. There is no expansion; a command needing a shell says so
// (sh -c '…').
func splitCommand(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, quote := false, rune(0)
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 || escaped {
		return nil, errors.New("unterminated quote or escape")
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) == 0 {
		return nil, errors.New("empty command")
	}
	return words, nil
}

// buildArgv is the build command for one output file. A `go build` gets -o out
// after "build" (unless it names its own -o, which validate refuses); any other
// command finds the path in $KILN_OUT, literally in its arguments or in its
// environment.
func buildArgv(words []string, out string) []string {
	if isGoBuild(words) {
		return slices.Concat(words[:2], []string{"-o", out}, words[2:])
	}
	argv := slices.Clone(words)
	for i, w := range argv {
		argv[i] = strings.NewReplacer("${KILN_OUT}", out, "$KILN_OUT", out).Replace(w)
	}
	return argv
}

func isGoBuild(words []string) bool {
	return len(words) >= 2 && words[0] == "go" && words[1] == "build"
}

// setsOutput reports a go build that chooses its own -o: kiln needs each build in
// its own file, so it refuses that.
func setsOutput(words []string) bool {
	if !isGoBuild(words) {
		return false
	}
	for _, w := range words[2:] {
		if w == "-o" || strings.HasPrefix(w, "-o=") || w == "--o" || strings.HasPrefix(w, "--o=") {
			return true
		}
	}
	return false
}
