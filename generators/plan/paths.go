package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// refuse builds the one error shape for paths Apply will not touch, so every
// refusal names the path and the reason the same way.
func refuse(verb, p, reason string) error {
	return fmt.Errorf("refusing to %s %q: %s", verb, p, reason)
}

// checkPath rejects, by looking at the string alone, every path that could
// write outside the project root or into places kiln must never touch. It
// returns the reason, or "" when the path is acceptable.
func checkPath(p string) string {
	switch {
	case p == "":
		return "empty path"
	case strings.IndexByte(p, 0) >= 0:
		return "path contains a NUL byte"
	case strings.Contains(p, `\`):
		return "path contains a backslash; use forward slashes"
	case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
		return "path is absolute; plan paths are relative to the project root"
	}
	clean := path.Clean(p)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "path leaves the project root"
	}
	elems := strings.Split(p, "/")
	for _, e := range elems {
		if e == ".." {
			return `path contains ".."`
		}
	}
	if clean == "." {
		return "path names the project root, not a file"
	}
	if clean != p {
		return fmt.Sprintf("path is not clean (want %q)", clean)
	}
	if reservedDir(p) {
		return "path is inside .git or .kiln, which only git and kiln itself write"
	}
	return ""
}

// reservedDir reports whether a slash path has a .git or .kiln element, compared
// case-insensitively because on case-insensitive filesystems .GIT is .git.
func reservedDir(p string) bool {
	for _, e := range strings.Split(p, "/") {
		if strings.EqualFold(e, ".git") || strings.EqualFold(e, ".kiln") {
			return true
		}
	}
	return false
}

// checkPlanPaths validates every path of the plan lexically and against the
// others: a path may appear once, and no planned path may be a directory of
// another (that plan could never be written).
func checkPlanPaths(p Plan) error {
	verbs := make(map[string]string, len(p.Files)+len(p.Edits))
	var order []string
	add := func(verb, name string) error {
		if reason := checkPath(name); reason != "" {
			return refuse(verb, name, reason)
		}
		if _, dup := verbs[name]; dup {
			return refuse(verb, name, "path appears more than once in the plan")
		}
		verbs[name] = verb
		order = append(order, name)
		return nil
	}
	for _, f := range p.Files {
		if err := add("write", f.Path); err != nil {
			return err
		}
	}
	for _, e := range p.Edits {
		if err := add("edit", e.Path); err != nil {
			return err
		}
	}
	for _, name := range order {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if verb, ok := verbs[d]; ok {
				return refuse(verb, d, fmt.Sprintf("the plan also writes %q, which needs it to be a directory", name))
			}
		}
	}
	return nil
}

// projectRoot is the root directory as Apply sees it.
type projectRoot struct {
	abs  string // absolute, as given (writes go through this path)
	real string // symlinks resolved, for containment checks
	// exists is false when Apply will create the root itself (kiln new);
	// then nothing under it exists and there is nothing to inspect.
	exists bool
}

func openRoot(dir string) (projectRoot, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return projectRoot{}, fmt.Errorf("project root %q: %w", dir, err)
	}
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return projectRoot{abs: abs}, nil
	}
	if err != nil {
		return projectRoot{}, fmt.Errorf("project root %q: %w", dir, err)
	}
	if !fi.IsDir() {
		return projectRoot{}, fmt.Errorf("project root %q is not a directory", dir)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return projectRoot{}, fmt.Errorf("project root %q: %w", dir, err)
	}
	return projectRoot{abs: abs, real: real, exists: true}, nil
}

// join turns a checked slash path into an OS path under the root.
func (r projectRoot) join(p string) string {
	return filepath.Join(r.abs, filepath.FromSlash(p))
}

// target is the current state of one planned path on disk.
type target struct {
	path   string // slash-separated, relative to the root
	abs    string
	exists bool
	old    []byte      // current content when exists
	mode   fs.FileMode // current mode bits when exists
}

// preservedBits are the mode bits an update keeps from the existing file.
const preservedBits = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky

// inspect checks that p can be written without leaving the root and reads
// what is there now. It refuses symlinks and directories at the target:
// replacing a symlink would silently cut the user's link, and writing
// through it could land anywhere.
func (r projectRoot) inspect(verb, p string) (target, error) {
	t := target{path: p, abs: r.join(p)}
	if !r.exists {
		return t, nil
	}
	if err := r.checkParents(verb, p); err != nil {
		return t, err
	}
	fi, err := os.Lstat(t.abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return t, nil
	case err != nil:
		return t, refuse(verb, p, err.Error())
	case fi.Mode()&fs.ModeSymlink != 0:
		return t, refuse(verb, p, "it is a symlink")
	case fi.IsDir():
		return t, refuse(verb, p, "it is a directory")
	case !fi.Mode().IsRegular():
		return t, refuse(verb, p, "it is not a regular file")
	}
	t.old, err = os.ReadFile(t.abs)
	if err != nil {
		return t, refuse(verb, p, err.Error())
	}
	t.exists, t.mode = true, fi.Mode()&preservedBits
	return t, nil
}

// checkParents resolves the deepest existing ancestor of p and makes sure
// it is a directory inside the real root. Resolving that one ancestor is
// enough: the OS follows every symlink above it, and everything below it will
// be created by Apply as plain directories.
func (r projectRoot) checkParents(verb, p string) error {
	dir := path.Dir(p)
	for ; dir != "."; dir = path.Dir(dir) {
		_, err := os.Lstat(r.join(dir))
		if err == nil {
			break
		}
		// ENOTDIR means a file sits higher up; keep climbing to name it.
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return refuse(verb, p, err.Error())
		}
	}
	if dir == "." {
		return nil
	}
	resolved, err := filepath.EvalSymlinks(r.join(dir))
	if err != nil {
		return refuse(verb, p, fmt.Sprintf("%q is a broken symlink", dir))
	}
	if !within(r.real, resolved) {
		return refuse(verb, p, fmt.Sprintf("%q is a symlink that leads outside the project root", dir))
	}
	if rel, _ := filepath.Rel(r.real, resolved); p != ManifestPath && reservedDir(filepath.ToSlash(rel)) {
		return refuse(verb, p, fmt.Sprintf("%q leads into .git or .kiln", dir))
	}
	fi, err := os.Stat(resolved)
	if err != nil {
		return refuse(verb, p, err.Error())
	}
	if !fi.IsDir() {
		return refuse(verb, p, fmt.Sprintf("%q is not a directory", dir))
	}
	return nil
}

// within reports whether the resolved path p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	if err != nil || filepath.IsAbs(rel) {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
