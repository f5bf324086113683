package commands

import "runtime/debug"

// version is kiln's module version from the build info: a tag for `go install
// …@vX`, "(devel)" for a build from a checkout, plus the VCS revision when recorded.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}
