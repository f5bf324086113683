package plan

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
)

// contextLines matches git's default, so diffs read like `git diff`.
const contextLines = 3

// fileDiff renders one change in git's format (a/ b/ headers, /dev/null for
// new files) so users can read it like `git diff` and feed it to `git apply`.
func fileDiff(c change) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "diff --git a/%s b/%s\n", c.path, c.path)
	from := "a/" + c.path
	if !c.exists {
		fmt.Fprintf(&b, "new file mode %s\n", gitMode(c.newMode))
		from = "/dev/null"
	}
	if bytes.IndexByte(c.old, 0) >= 0 || bytes.IndexByte(c.content, 0) >= 0 {
		fmt.Fprintf(&b, "Binary files %s and b/%s differ\n", from, c.path)
		return b.String(), nil
	}
	old := string(c.old)
	hunks, err := udiff.ToUnified(from, "b/"+c.path, old, udiff.Lines(old, string(c.content)), contextLines)
	if err != nil {
		return "", fmt.Errorf("diff %s: %w", c.path, err)
	}
	b.WriteString(hunks)
	return b.String(), nil
}

// gitMode spells a file mode the way git headers do.
func gitMode(m fs.FileMode) string {
	if m&0o111 != 0 {
		return "100755"
	}
	return "100644"
}
