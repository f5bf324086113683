package devserver

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Config is what `kiln serve` was asked to do. Zero values mean the documented
// defaults, except Debounce: an explicit 0 is honoured, so callers set
// DefaultDebounce themselves (the command does, through its flag default).
type Config struct {
	Root     string        // the app's module root (holds go.mod)
	Host     string        // kiln's listen host; default 127.0.0.1 (loopback only)
	Port     int           // kiln's listen port; 0 picks a free one (tests)
	Watch    bool          // rebuild on changes; without it, build and run once
	Open     bool          // open a browser once the app is first ready
	Debounce time.Duration // quiet period after the last change before a build
	Include  []string      // globs of more files to watch (e.g. *.css, assets/**)
	Exclude  []string      // globs of files or directories not to watch
	Build    string        // the build command; default "go build ."
	Also     []Also        // more long-running commands (asset watchers, workers)
	AppArgs  []string      // the app's arguments; nil: "serve" for a kiln app, none otherwise
	Grace    time.Duration // how long an old child gets to finish requests; default 5s
	Hold     time.Duration // how long a request waits for a ready app; default 30s
	Color    bool          // ANSI colours in the terminal output
	JSON     bool          // one JSON object per output line instead of text (kiln serve --json)
	Out      io.Writer     // the terminal; default os.Stderr
}

// Also is one --also name=command: a process started with the app and stopped with kiln.
type Also struct {
	Name    string
	Command string
}

// Defaults for the zero values of Config.
//
// DefaultBuild leaves out what a dev build never uses, because the developer
// waits for every build: DWARF debug info (-w; a third to a half of a kiln
// app's rebuild is the linker writing it, and stack traces do not need it)
// and the VCS stamp (-buildvcs=false; it runs git on every build). Attach a
// debugger with --build 'go build .'.
const (
	DefaultHost     = "127.0.0.1"
	DefaultPort     = 8000
	DefaultDebounce = 50 * time.Millisecond
	DefaultBuild    = "go build -ldflags=-w -buildvcs=false ."
	DefaultGrace    = 5 * time.Second
	DefaultHold     = 30 * time.Second
)

// DevBuildFlags are the go build flags of DefaultBuild, for any build of the
// app kiln makes to run it (kiln db builds it too). -ldflags in GOFLAGS (say a
// -X version stamp) would be replaced by -ldflags=-w on the command line, so
// then only -buildvcs=false is added.
func DevBuildFlags() []string {
	if strings.Contains(os.Getenv("GOFLAGS"), "-ldflags") {
		return []string{"-buildvcs=false"}
	}
	return []string{"-ldflags=-w", "-buildvcs=false"}
}

// alsoName keeps --also names short and printable, since they prefix output
// lines. Compiled on first use: {1,20} makes it costly enough to show in the
// start-up time of every kiln command.
var alsoName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_.-]{1,20}$`) })

// ParseAlso reads one --also value, name=command.
func ParseAlso(s string) (Also, error) {
	name, command, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(command) == "" {
		return Also{}, fmt.Errorf("invalid --also %q: use name=command, e.g. css='npx tailwindcss -w'", s)
	}
	if !alsoName().MatchString(name) {
		return Also{}, fmt.Errorf("invalid --also name %q: use up to 20 letters, digits, _ . or -", name)
	}
	return Also{Name: name, Command: command}, nil
}

// withDefaults validates c and fills in defaults.
func (c Config) withDefaults() (Config, error) {
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
		c.Build = "go build " + strings.Join(DevBuildFlags(), " ") + " ."
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
func (c Config) listenAddr() string {
	return net.JoinHostPort(c.Host, fmt.Sprint(c.Port))
}

// serveDir is kiln's scratch directory inside the app: build outputs and the pid
// file. The app's .gitignore already excludes .kiln/.
func (c Config) serveDir() string { return filepath.Join(c.Root, ".kiln", "serve") }
