package resource

import (
	"strings"

	"github.com/dave/jennifer/jen"
)

// wrapWidth is where doc comments wrap, as in gofmt'd hand-written code.
const wrapWidth = 80

// comment adds text to f as a doc comment wrapped at wrapWidth.
func comment(f *jen.File, text string) {
	for _, line := range wrap(text) {
		f.Comment(line)
	}
}

// wrap breaks text into comment lines of at most wrapWidth columns.
func wrap(text string) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > wrapWidth-3 {
			lines = append(lines, line)
			line = ""
		}
		line = strings.TrimPrefix(line+" "+w, " ")
	}
	return append(lines, line)
}
