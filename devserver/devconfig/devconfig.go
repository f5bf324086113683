// Package devconfig is what `kiln serve` was asked to do: the dev server's
// Config, its defaults and the parsing of --also. It is apart from package
// devserver so that the kiln binary, which only checks serve's flags and
// hands the run to kiln-dev, does not link the server (net/http, TLS,
// html/template, fsnotify) and pay their package initialisers on every
// command.
package devconfig

import (
	"fmt"
	"io"
	"os"
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
