package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Result says what Apply did (or, in a dry run, would do) to every planned
// path. The manifest is bookkeeping, not a user file, and is never listed.
type Result struct {
	// Sorted, slash-separated paths, relative to the root.
	Created, Updated, Identical, Conflicts, Skipped []string
	// Diff is a git-style unified diff of every change in a dry run, and of
	// the conflicts when an apply is refused; "" when nothing changes.
	Diff   string
	DryRun bool
}

// jsonResult fixes the key order and turns nil lists into [], so scripts
// and CI can rely on the shape.
type jsonResult struct {
	Created   []string `json:"created"`
	Updated   []string `json:"updated"`
	Identical []string `json:"identical"`
	Conflicts []string `json:"conflicts"`
	Skipped   []string `json:"skipped"`
	DryRun    bool     `json:"dry_run"`
}

// JSON encodes the result for --json:
// {"created":[…],"updated":[…],"identical":[…],"conflicts":[…],"skipped":[…],"dry_run":false}.
func (r Result) JSON() ([]byte, error) {
	nonNil := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // paths are printed, not embedded in HTML
	err := enc.Encode(jsonResult{
		Created:   nonNil(r.Created),
		Updated:   nonNil(r.Updated),
		Identical: nonNil(r.Identical),
		Conflicts: nonNil(r.Conflicts),
		Skipped:   nonNil(r.Skipped),
		DryRun:    r.DryRun,
	})
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// verb returns the report's word for a status, as Rails and Laravel users
// know it, with its ANSI color. A switch, not a map, so there is no
// package-level state.
func verb(s Status) (word, color string) {
	switch s {
	case StatusCreated:
		return "create", "\x1b[32m" // green
	case StatusUpdated:
		return "update", "\x1b[33m" // yellow
	case StatusIdentical:
		return "identical", "\x1b[34m" // blue
	case StatusSkipped:
		return "skip", "\x1b[33m" // yellow
	default:
		return "conflict", "\x1b[31m" // red
	}
}

const (
	verbWidth  = len("identical")
	colorReset = "\x1b[0m"
)

// WriteText writes one line per path, sorted by path, verbs right-aligned
// like Rails ("     create  app/models/post.go"). Color is the caller's
// decision (a TTY, NO_COLOR), so tests and pipes get plain text. The diff is
// not included; print Result.Diff separately when wanted. The report goes
// out in one write: a reader of a pipe gets it whole, and kiln makes one
// system call rather than one per file (each costs 10–20 µs on the VMs kiln
// is measured on).
func (r Result) WriteText(w io.Writer, color bool) {
	var b bytes.Buffer
	defer func() { w.Write(b.Bytes()) }()
	type line struct {
		path   string
		status Status
	}
	var lines []line
	for _, g := range []struct {
		paths  []string
		status Status
	}{
		{r.Created, StatusCreated},
		{r.Updated, StatusUpdated},
		{r.Identical, StatusIdentical},
		{r.Conflicts, StatusConflict},
		{r.Skipped, StatusSkipped},
	} {
		for _, p := range g.paths {
			lines = append(lines, line{p, g.status})
		}
	}
	slices.SortStableFunc(lines, func(a, b line) int { return strings.Compare(a.path, b.path) })
	for _, l := range lines {
		v, c := verb(l.status)
		word := fmt.Sprintf("%*s", verbWidth, v)
		if color {
			word = c + word + colorReset
		}
		fmt.Fprintf(&b, "  %s  %s\n", word, l.path)
	}
	if r.DryRun {
		b.WriteString("dry run: nothing was written\n")
	}
}

// ConflictError refuses an apply that would overwrite files whose content
// differs from the plan: they may hold the user's work.
type ConflictError struct {
	Paths []string
}

func (e *ConflictError) Error() string {
	what := "file exists"
	if len(e.Paths) != 1 {
		what = "files exist"
	}
	return fmt.Sprintf("%s with different content: %s; use --force to overwrite, --skip-existing to keep them and write the rest (or --dry-run to see the diff)",
		what, strings.Join(e.Paths, ", "))
}
