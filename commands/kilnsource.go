package commands

import (
	"path/filepath"
	"runtime"
	"runtime/debug"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"

	"github.com/kilnhq/kiln/generators/newapp"
	"github.com/kilnhq/kiln/internal/plainfile"
)

// kilnSourceDir finds the kiln checkout this binary was built from, without any
// network: the compiler records this file's absolute path, and `go install .` or
// `go build` from a checkout leaves it pointing into that tree. With -trimpath, or
// once the tree is gone, it returns "".
func kilnSourceDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return ""
	}
	dir := filepath.Dir(filepath.Dir(file))
	if !isKilnTree(dir) {
		return ""
	}
	return dir
}

// isKilnTree reports whether dir is the root of a kiln module checkout.
func isKilnTree(dir string) bool {
	data, err := plainfile.ReadFile(filepath.Join(dir, "go.mod"))
	return err == nil && modfile.ModulePath(data) == newapp.KilnModule
}

// releasedVersion is this binary's kiln version when it was installed from a
// published release (`go install github.com/kilnhq/kiln@v1.2.3`), else "".
func releasedVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || !semver.IsValid(info.Main.Version) {
		return ""
	}
	return info.Main.Version
}
