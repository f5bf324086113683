package plan

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
)

// fileDiff renders one change in git's format (a/ b/ headers, /dev/null for
// new files) so users can read it like `git diff` and feed it to `git apply`.
//
// The hunks come from go-internal's copy of the Go toolchain's anchored diff
// (the one `gofmt -d` prints), which, unlike the diff library kiln used
// before, compiles no regular expression when the package initialises: every
// kiln command paid for that, and only --dry-run used it.
func fileDiff(c change) string {
	var b strings.Builder
	fmt.Fprintf(&b, "diff --git a/%s b/%s\n", c.path, c.path)
	from := "a/" + c.path
	if !c.exists {
		fmt.Fprintf(&b, "new file mode %s\n", gitMode(c.newMode))
		from = "/dev/null"
	}
	if bytes.IndexByte(c.old, 0) >= 0 || bytes.IndexByte(c.content, 0) >= 0 {
		fmt.Fprintf(&b, "Binary files %s and b/%s differ\n", from, c.path)
		return b.String()
	}
	writeGitHunks(&b, diff.Diff(from, c.old, "b/"+c.path, c.content))
	return b.String()
}

// writeGitHunks copies a unified diff from diff.Diff without its first line
// ("diff old new", which fileDiff replaces with git's), writing hunk ranges
// the way git does: a range of one line is "N", not "N,1".
func writeGitHunks(b *strings.Builder, unified []byte) {
	_, rest, _ := bytes.Cut(unified, []byte("\n"))
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		rest = after
		if bytes.HasPrefix(line, []byte("@@ ")) {
			line = gitHunkHeader(line)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
}

// gitHunkHeader rewrites "@@ -a,b +c,d @@" with git's short ranges.
func gitHunkHeader(h []byte) []byte {
	var fromLine, fromCount, toLine, toCount int
	if _, err := fmt.Sscanf(string(h), "@@ -%d,%d +%d,%d @@", &fromLine, &fromCount, &toLine, &toCount); err != nil {
		return h
	}
	return fmt.Appendf(nil, "@@ -%s +%s @@", gitRange(fromLine, fromCount), gitRange(toLine, toCount))
}

// gitRange spells a hunk range as git does.
func gitRange(line, count int) string {
	if count == 1 {
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, count)
}

// gitMode spells a file mode the way git headers do.
func gitMode(m fs.FileMode) string {
	if m&0o111 != 0 {
		return "100755"
	}
	return "100644"
}
