package devserver

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/kilnhq/kiln/devserver/devconfig"
)

// Config is what `kiln serve` was asked to do (see devconfig.Config; the
// type lives there so the kiln binary can build one without linking the
// server).
type Config = devconfig.Config

// Also is one --also name=command.
type Also = devconfig.Also

// The defaults for the zero values of Config.
const (
	DefaultHost     = devconfig.DefaultHost
	DefaultPort     = devconfig.DefaultPort
	DefaultDebounce = devconfig.DefaultDebounce
	DefaultBuild    = devconfig.DefaultBuild
	DefaultGrace    = devconfig.DefaultGrace
	DefaultHold     = devconfig.DefaultHold
)

// withDefaults validates c and fills in defaults.
func withDefaults(c Config) (Config, error) {
	if c.Root == "" {
		return c, fmt.Errorf("no project root")
	}
	root, err := filepath.Abs(c.Root)
	if err != nil {
		return c, err
	}
	c.Root = root
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return c, fmt.Errorf("%s has no go.mod: kiln serve runs a Go module's main package", root)
	}
	if c.Host == "" {
		c.Host = DefaultHost
	}
	if c.Port < 0 || c.Port > 65535 {
		return c, fmt.Errorf("invalid port %d: use 1-65535", c.Port)
	}
	if c.Debounce < 0 {
		return c, fmt.Errorf("invalid debounce %s: use 0 or more", c.Debounce)
	}
	if strings.TrimSpace(c.Build) == "" {
		c.Build = DefaultBuild
	}
	if c.Build == DefaultBuild {
		c.Build = "go build " + strings.Join(devconfig.DevBuildFlags(), " ") + " ."
	}
	words, err := splitCommand(c.Build)
	if err != nil {
		return c, fmt.Errorf("invalid --build %q: %w", c.Build, err)
	}
	if setsOutput(words) {
		return c, fmt.Errorf("invalid --build %q: leave out -o; kiln builds each version into its own file under .kiln/serve", c.Build)
	}
	for _, g := range append(append([]string{}, c.Include...), c.Exclude...) {
		if err := checkGlob(g); err != nil {
			return c, err
		}
	}
	if c.Grace <= 0 {
		c.Grace = DefaultGrace
	}
	if c.Hold <= 0 {
		c.Hold = DefaultHold
	}
	if c.Out == nil {
		c.Out = os.Stderr
	}
	return c, nil
}

// listenAddr is where kiln itself listens.
func listenAddr(c Config) string {
	return net.JoinHostPort(c.Host, fmt.Sprint(c.Port))
}

// serveDir is kiln's scratch directory inside the app: build outputs and the pid
// file. The app's .gitignore already excludes .kiln/.
func serveDir(c Config) string { return filepath.Join(c.Root, ".kiln", "serve") }
