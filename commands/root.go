package commands

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// globals are the flags every command shares, plus the process's streams.
type globals struct {
	noInteraction bool
	dryRun        bool
	force         bool
	skipExisting  bool
	// wizard and askedArgs are set when a wizard asked for a command's
	// arguments: the plan is then settled with the user and the command
	// line that does the same is printed.
	wizard    *wizard
	askedArgs []string
	json      bool
	noColor   bool
	dir       string

	stdin          io.Reader
	stdout, stderr io.Writer
	// fe draws and serves; nil in the kiln binary (see frontEnd).
	fe FrontEnd
	// args is the command line as given, for handing it over to kiln-dev.
	args  []string
	isTTY func(any) bool // terminal detection; tests replace it
}

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "kiln",
		Short: "Scaffold Go web apps: models, migrations, controllers, factories and more",
		Long: `kiln scaffolds Go web apps the way artisan does for Laravel: it creates an app,
generates code you own (models, migrations, controllers, requests, resources,
factories, seeders), runs migrations and seeders, and serves the app while
rebuilding it on every change.

Laravel's colon forms work too: kiln make:model Post ≡ kiln make model Post.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("kiln {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	f := root.PersistentFlags()
	f.BoolVarP(&g.noInteraction, "no-interaction", "n", false, "never prompt (automatic when stdin is not a terminal or CI is set)")
	f.BoolVar(&g.dryRun, "dry-run", false, "show what would change as a diff; write nothing")
	f.BoolVar(&g.force, "force", false, "overwrite files that differ from what kiln would write")
	f.BoolVar(&g.skipExisting, "skip-existing", false, "keep files that differ from what kiln would write, and write the rest")
	f.BoolVar(&g.json, "json", false, "print machine-readable JSON")
	f.BoolVar(&g.noColor, "no-color", false, "no colors (also when NO_COLOR is set)")
	f.StringVar(&g.dir, "dir", "", "project root (default: nearest directory upward with a go.mod)")
	root.AddCommand(newNewCmd(g), newMakeCmd(g), newDBCmd(g), newRoutesCmd(g), newServeCmd(g))
	// cobra adds these lazily in Execute; adding them now lets colon forms such as
	// help:new and completion:bash find them.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	return root
}

// interactive reports whether kiln may prompt: never with -n, in CI, or when stdin is
// not a terminal, so a script can never hang on a question. The questions are drawn
// on stderr, which must be a terminal too: with stdout redirected (> file, | less,
// --json > out.json) kiln still asks, and stdout gets only the result.
//
// KILN_ACCESSIBLE=1 also allows line-based questions on a stdin that is not a
// terminal (a screen reader's pipe); -n and CI still win, and a closed stdin
// ends the questions with an error rather than a hang.
func (g *globals) interactive() bool {
	if g.noInteraction || inCI() {
		return false
	}
	return g.terminal(g.stdin) && g.terminal(g.stderr) || os.Getenv("KILN_ACCESSIBLE") == "1"
}

// inCI reports a CI environment: CI set to anything but "false" or "0" (some
// runners set CI=false to mean "not CI").
func inCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// color reports whether to draw ANSI colors on stdout: only on a terminal, and
// never with --no-color, NO_COLOR (https://no-color.org), --json or TERM=dumb.
func (g *globals) color() bool { return g.colorOn(g.stdout) }

// colorOn is color for any of kiln's streams (the wizard draws on stderr).
func (g *globals) colorOn(w io.Writer) bool {
	if g.noColor || os.Getenv("NO_COLOR") != "" || g.json || os.Getenv("TERM") == "dumb" {
		return false
	}
	return g.terminal(w)
}

func (g *globals) terminal(v any) bool {
	if g.isTTY != nil {
		return g.isTTY(v)
	}
	return isTerminal(v)
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// projectRoot is --dir, or the nearest directory upward from the working directory
// that holds a go.mod.
func (g *globals) projectRoot() (string, error) {
	if g.dir != "" {
		return filepath.Abs(g.dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", usagef("no go.mod found in %s or any parent: run kiln inside an app (see kiln new) or pass --dir", wd)
		}
	}
}

// printf writes to standard output; kiln's output errors are not actionable.
func (g *globals) printf(format string, args ...any) { fmt.Fprintf(g.stdout, format, args...) }
