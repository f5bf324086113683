package commands

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/newapp"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/internal/form"
	"github.com/kilnhq/kiln/internal/plainfile"
)

type newOptions struct {
	module   string
	db       string
	kilnPath string
}

func newNewCmd(g *globals) *cobra.Command {
	var o newOptions
	cmd := &cobra.Command{
		Use:   "new <dir>",
		Short: "Create a new app in <dir>",
		Long: `Create a runnable kiln app in <dir>: go.mod, main.go, routes, .env, an empty
migrations directory, the root seeder and a README. The module path defaults to
the directory's name.

Until kiln is published, the app's go.mod points at the kiln checkout this
binary was built from (a replace directive), so the app builds offline.`,
		Example: `  kiln new blog
  kiln new blog --module github.com/you/blog --db postgres
  kiln new blog --dry-run`,
		Args: wizardArgs(g, exactArgs("directory")),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return runNew(cmd, g, o, args[0])
			}
			return askNew(cmd, g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.module, "module", "", "Go module path (default: the directory's name)")
	f.StringVar(&o.db, "db", "sqlite", "database: "+strings.Join(newapp.Drivers, " or "))
	f.StringVar(&o.kilnPath, "kiln-path", "", "kiln checkout to build the app against (default: the one kiln was built from)")
	cmd.RegisterFlagCompletionFunc("db", cobra.FixedCompletions(newapp.Drivers, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runNew(cmd *cobra.Command, g *globals, o newOptions, dir string) error {
	if dir == "" {
		return usagef("missing directory: %s", cmd.UseLine())
	}
	if cmd.Flags().Changed("db") && o.db == "" {
		return usagef("empty --db: use %s", strings.Join(newapp.Drivers, " or "))
	}
	target, err := newTarget(g, dir)
	if err != nil {
		return err
	}
	opts := newapp.Options{Name: filepath.Base(target), Module: o.module, DB: o.db}
	if err := resolveKiln(g, o.kilnPath, &opts); err != nil {
		return err
	}
	p, err := newapp.Generate(opts)
	if err != nil {
		return asUsage(err)
	}
	apply := writePlan
	if g.wizard != nil && !g.dryRun {
		apply = g.wizard.write // a spinner while writing
	}
	res, err := apply(cmd.Context(), target, p, plan.Options{Force: g.force, DryRun: g.dryRun})
	if reportErr := report(g, res, err); reportErr != nil {
		return reportErr
	}
	if !g.json && !g.dryRun {
		g.printf("\nCreated %s. Next:\n\n  cd %s\n  go run . serve\n", opts.Name, shellQuote(dir))
	}
	return nil
}

// newTarget is the absolute directory kiln new creates for dir (relative to
// --dir when given), refused when it is not empty (unless --force or
// --dry-run); the app's name, its base name, is not checked here.
func newTarget(g *globals, dir string) (string, error) {
	target := dir
	if !filepath.IsAbs(target) && g.dir != "" {
		target = filepath.Join(g.dir, target) // --dir is the directory to create the app in
	}
	target, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	return target, checkNewTarget(dir, target, g.force || g.dryRun)
}

// shellQuote quotes s for a POSIX shell when it needs quoting, so a printed
// command can be pasted as is.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/+=:@,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// checkNewTarget refuses a target that is a file, or a non-empty directory unless
// --force (or --dry-run, which only shows what would happen): kiln new never mixes an
// app into someone's existing files by accident. A fresh `git init` (only .git) counts
// as empty.
func checkNewTarget(dir, target string, allowNonEmpty bool) error {
	info, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return usagef("%s exists and is not a directory", dir)
	}
	entries, err := plainfile.ReadDir(target)
	if err != nil {
		return err
	}
	if len(entries) > 0 && !(len(entries) == 1 && entries[0].Name() == ".git") && !allowNonEmpty {
		return fmt.Errorf("directory %s is not empty: choose a new directory, or use --force to write into it (files that differ are overwritten)", dir)
	}
	return nil
}

// resolveKiln decides how the app requires kiln: against a local checkout (replace
// directive, builds offline) or a published release.
func resolveKiln(g *globals, flagPath string, opts *newapp.Options) error {
	if flagPath != "" {
		abs, err := filepath.Abs(flagPath)
		if err != nil {
			return err
		}
		if !isKilnTree(abs) {
			return usagef("invalid --kiln-path %q: no go.mod for %s there", flagPath, newapp.KilnModule)
		}
		opts.KilnPath = abs
		return nil
	}
	if v := releasedVersion(); v != "" {
		opts.KilnVersion = v
		return nil
	}
	if src := kilnSourceDir(); src != "" {
		opts.KilnPath = src
		return nil
	}
	fmt.Fprintln(g.stderr, "kiln: warning: this kiln was built without its source path (e.g. -trimpath) and is not a release; pass --kiln-path to point the app at a kiln checkout")
	return nil
}

// askNew is kiln new on a terminal without a directory: it asks for the
// directory (checked as it is typed: a valid name, not a non-empty
// directory), the module path (unless --module was given) and the database
// (unless --db was), creates the app and prints the command that does the
// same.
func askNew(cmd *cobra.Command, g *globals, o newOptions) error {
	w, err := newWizard(g)
	if err != nil {
		return err
	}
	var dir string
	// One question per screen, as the make wizards ask.
	groups := []form.Group{
		{&form.Input{Title: "Directory of the new app", Placeholder: "blog", Value: &dir,
			Validate: func(s string) error { return checkNewDir(g, s) }}},
	}
	flags := cmd.Flags()
	if !flags.Changed("module") {
		groups = append(groups, form.Group{&form.Input{Title: "Go module path (empty: the directory's name)",
			Placeholder: "github.com/you/blog", Value: &o.module,
			Validate: func(s string) error {
				if s == "" {
					return nil
				}
				return newapp.CheckModule(s)
			}}})
	}
	if !flags.Changed("db") {
		groups = append(groups, form.Group{&form.Select{Title: "Database",
			Options: []form.Option{{Label: "SQLite (embedded, no server)", Value: "sqlite"}, {Label: "PostgreSQL", Value: "postgres"}}, Value: &o.db}})
	}
	if err := w.ask(groups...); err != nil {
		return err
	}
	// The answers become flags, so the printed command carries them.
	if o.module != "" {
		flags.Set("module", o.module)
	}
	flags.Set("db", o.db)
	g.wizard = w
	if err := runNew(cmd, g, o, dir); err != nil {
		return err
	}
	w.printEquivalent(g.replayLine(equivalentCommand(cmd, []string{dir})), "")
	return nil
}

// checkNewDir is the wizard's live check of kiln new's directory.
func checkNewDir(g *globals, dir string) error {
	if strings.TrimSpace(dir) == "" {
		return errors.New("give a directory, such as blog")
	}
	target, err := newTarget(g, dir)
	if err != nil {
		return err
	}
	return newapp.CheckName(filepath.Base(target))
}
