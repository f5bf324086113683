package commands

import (
	"fmt"
	"net"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/devserver/devconfig"
)

type serveOptions struct {
	watch    bool
	host     string
	port     int
	open     bool
	debounce time.Duration
	include  []string
	exclude  []string
	build    string
	also     []string
	grace    time.Duration
}

func newServeCmd(g *globals) *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:     "serve [flags] [-- app args…]",
		Aliases: []string{"dev"}, // `kiln dev serve`, see serveArgs
		Short:   "Build and run the app; with --watch, rebuild on every change",
		Long: `Build the app and serve it on --host:--port through kiln's proxy. With --watch,
every saved change rebuilds it and the new version replaces the old one only once it
is ready, so no request is ever refused or reset: requests in flight finish on the
old version, requests that arrive while no version is ready wait for one.

A kiln app runs as "<binary> serve" and is ready when GET /health/live answers 200.
Any other Go main package works too: it must listen on the port in $PORT (on
127.0.0.1) and is ready once it accepts connections. Arguments after -- replace the
app's arguments. A kiln app also gets ADDR=127.0.0.1:$PORT.

Watched by default: *.go (not *_test.go), go.mod, go.sum, go.work, .env, templates
(*.tmpl, *.gotmpl, *.gohtml, *.html) and *.sql, outside .git, hidden directories,
node_modules, vendor, storage, .kiln, testdata and what .gitignore ignores. A change
to .env restarts the app without building. If the build fails, the old version
keeps serving; browsers get an error page and JSON clients {"message": …} until
the next good build.

With --json, every output line is one JSON object: {"time","source","level",
"message"} for kiln's messages, the compiler's and the app's output, and
{"time","source":"http","method","path","status","duration_ns","bytes","held_ns"}
for each request.

"kiln dev serve" is the same command.`,
		Example: `  kiln serve --watch
  kiln serve --watch --port 3000 --open
  kiln serve --watch --include '*.css' --exclude 'docs/**' --also css='npx tailwindcss -i in.css -o public/app.css --watch'
  kiln serve --watch --build 'go build -tags dev ./cmd/web' -- --verbose`,
		Args: serveArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd, g, o, appArgsOf(cmd, args))
		},
	}
	f := cmd.Flags()
	f.BoolVarP(&o.watch, "watch", "w", false, "rebuild and restart on every change")
	f.StringVar(&o.host, "host", devconfig.DefaultHost, "host to listen on (loopback unless you say otherwise)")
	f.IntVarP(&o.port, "port", "p", devconfig.DefaultPort, "port to listen on")
	f.BoolVar(&o.open, "open", false, "open the browser once the app is first ready")
	f.DurationVar(&o.debounce, "debounce", devconfig.DefaultDebounce, "quiet time after the last change before building (0: at once)")
	f.StringArrayVar(&o.include, "include", nil, "also watch files matching `GLOB` (repeatable; e.g. '*.css', 'assets/**')")
	f.StringArrayVar(&o.exclude, "exclude", nil, "do not watch files or directories matching `GLOB` (repeatable)")
	f.StringVar(&o.build, "build", devconfig.DefaultBuild, "build command; kiln adds -o to go build, other commands write to $KILN_OUT")
	f.StringArrayVar(&o.also, "also", nil, "also run `name=command` (repeatable; e.g. css='npm run watch')")
	f.DurationVar(&o.grace, "grace", devconfig.DefaultGrace, "how long an old version gets to finish requests before SIGKILL")
	return cmd
}

// serveArgs allows only app arguments after --, plus the "serve" of `kiln dev serve`.
// (kiln has no other dev commands, so dev is an alias that expects serve after it.)
func serveArgs(cmd *cobra.Command, args []string) error {
	before := args
	if n := cmd.ArgsLenAtDash(); n >= 0 {
		before = args[:n]
	}
	if cmd.CalledAs() == "dev" {
		if len(before) == 0 || before[0] != "serve" {
			return usagef("kiln dev has one command: kiln dev serve [flags]")
		}
		before = before[1:]
	}
	if len(before) > 0 {
		return usagef("unexpected argument %q: put the app's arguments after --, e.g. kiln serve --watch -- %s", before[0], before[0])
	}
	return nil
}

// appArgsOf returns the arguments after --; nil when there was no --, so the app
// gets its default arguments.
func appArgsOf(cmd *cobra.Command, args []string) []string {
	n := cmd.ArgsLenAtDash()
	if n < 0 {
		return nil
	}
	return append([]string{}, args[n:]...)
}

// runServe checks the options, then serves through the front end: in the
// kiln binary that hands the command over to kiln-dev, which checks them
// again and serves.
func runServe(cmd *cobra.Command, g *globals, o serveOptions, appArgs []string) error {
	cfg, err := serveConfig(g, o, appArgs)
	if err != nil {
		return err
	}
	fe, err := g.frontEnd("kiln serve", "")
	if err != nil {
		return err
	}
	if ip := net.ParseIP(o.host); o.host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(g.stderr, "kiln: serving on %s: reachable from other machines, not only this one\n", o.host)
	}
	// SIGINT and SIGTERM already cancel the command's context (see Main); a closed
	// terminal (SIGHUP) shuts down just as gracefully.
	ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGHUP)
	defer stop()
	return fe.Serve(ctx, cfg)
}

// serveConfig checks the options and turns them into the dev server's Config.
func serveConfig(g *globals, o serveOptions, appArgs []string) (devconfig.Config, error) {
	if g.dryRun {
		return devconfig.Config{}, usagef("kiln serve has no --dry-run")
	}
	if o.port < 1 || o.port > 65535 {
		return devconfig.Config{}, usagef("invalid --port %d: use 1-65535", o.port)
	}
	if o.debounce < 0 {
		return devconfig.Config{}, usagef("invalid --debounce %s: use 0 or more (e.g. 50ms)", o.debounce)
	}
	if o.grace <= 0 {
		return devconfig.Config{}, usagef("invalid --grace %s: use more than 0 (e.g. 5s)", o.grace)
	}
	also, err := parseAlso(o.also)
	if err != nil {
		return devconfig.Config{}, err
	}
	root, err := g.projectRoot()
	if err != nil {
		return devconfig.Config{}, err
	}
	return devconfig.Config{
		Root: root, Host: o.host, Port: o.port, Watch: o.watch, Open: o.open,
		Debounce: o.debounce, Include: o.include, Exclude: o.exclude, Build: strings.TrimSpace(o.build),
		Also: also, AppArgs: appArgs, Grace: o.grace, Color: g.color(), JSON: g.json, Out: g.stdout,
	}, nil
}

func parseAlso(values []string) ([]devconfig.Also, error) {
	var out []devconfig.Also
	seen := map[string]bool{}
	for _, v := range values {
		a, err := devconfig.ParseAlso(v)
		if err != nil {
			return nil, usagef("%v", err)
		}
		if seen[a.Name] || a.Name == "app" || a.Name == "kiln" || a.Name == "http" || a.Name == "build" {
			return nil, usagef("invalid --also name %q: already used", a.Name)
		}
		seen[a.Name] = true
		out = append(out, a)
	}
	return out, nil
}
