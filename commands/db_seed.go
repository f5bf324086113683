package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/spf13/cobra"
)

// seedOptions are the flags of db seed, and of db fresh --seed.
type seedOptions struct {
	class         string
	fakerSeed     string
	noTransaction bool
}

// args are the app's `seed` arguments for these options.
func (o seedOptions) args(g *globals) ([]string, error) {
	args := []string{"seed"}
	if o.class != "" {
		args = append(args, "--class", o.class)
	}
	if o.fakerSeed != "" {
		if _, err := strconv.ParseInt(o.fakerSeed, 10, 64); err != nil {
			return nil, usagef("invalid --faker-seed %q: give an integer", o.fakerSeed)
		}
		args = append(args, "--faker-seed", o.fakerSeed)
	}
	if o.noTransaction {
		args = append(args, "--no-transaction")
	}
	if g.force {
		args = append(args, "--force")
	}
	if g.json {
		args = append(args, "--json")
	}
	return args, nil
}

func addSeedFlags(cmd *cobra.Command, o *seedOptions) {
	f := cmd.Flags()
	f.StringVar(&o.fakerSeed, "faker-seed", "", "seed the fake data: the same `N` gives identical rows (default $KILN_FAKER_SEED, else random; the summary prints it)")
	f.BoolVar(&o.noTransaction, "no-transaction", false, "commit each batch as it goes instead of one transaction (huge seeds)")
}

func newDBSeedCmd(g *globals) *cobra.Command {
	var o seedOptions
	cmd := &cobra.Command{
		Use:   "seed",
		Short: "Seed the database: run DatabaseSeeder, or --class Name",
		Long: `Run the app's DatabaseSeeder (database/seeders), which runs the seeders it calls,
each at most once, or only the seeder --class names. kiln builds the app and runs its
own seed subcommand, so your factories and seeders run as they are.

The whole run is one transaction: if a seeder fails, the database is as it was.
--no-transaction commits batch by batch instead (for huge seeds), and the summary says
how far it got. With APP_ENV=production kiln asks on a terminal (default no) and
refuses without one, unless --force.`,
		Example: `  kiln db seed
  kiln db seed --class PostSeeder --faker-seed 42`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			args, err := o.args(g)
			if err != nil {
				return err
			}
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			if err := guardProductionSeed(g, proj); err != nil {
				return err
			}
			return runSeed(cmd, g, proj, args)
		},
	}
	cmd.Flags().StringVar(&o.class, "class", "", "run only the seeder named `Name` (PostSeeder, or post)")
	addSeedFlags(cmd, &o)
	return cmd
}

// guardProductionSeed refuses to seed production without --force when kiln
// may not ask (-n, CI, no terminal); on a terminal the app asks itself.
func guardProductionSeed(g *globals, proj project) error {
	if g.force || proj.env("APP_ENV") != "production" || g.interactive() {
		return nil
	}
	return usagef("refusing to seed: APP_ENV is production (pass --force if you really mean it)")
}

// freshAndSeedJSON is db fresh --seed --json: the two runs' JSON as one
// document, {"migrations":[…],"seed":{…}}, so a script parses one value. A
// run that printed no JSON (it failed first, or never ran) is null.
func freshAndSeedJSON(ctx context.Context, g *globals, proj project, freshArgs, seedArgs []string) error {
	var out struct {
		Migrations json.RawMessage `json:"migrations"`
		Seed       json.RawMessage `json:"seed"`
	}
	migrations, err := captureApp(ctx, g, proj, freshArgs...)
	out.Migrations, out.Seed = jsonOrNull(migrations), jsonOrNull(nil)
	if err == nil {
		var summary []byte
		summary, err = captureApp(ctx, g, proj, seedArgs...)
		out.Seed = jsonOrNull(summary)
	}
	doc, jerr := json.Marshal(out)
	if jerr != nil {
		return errors.Join(err, jerr)
	}
	g.stdout.Write(append(doc, '\n'))
	return err
}

// captureApp runs the app like runApp, but returns what it printed on stdout.
func captureApp(ctx context.Context, g *globals, proj project, args ...string) ([]byte, error) {
	cmd, err := appCommand(ctx, g, proj, args...)
	if err != nil {
		return nil, err
	}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	err = appExit(cmd.Run())
	return stdout.Bytes(), err
}

func jsonOrNull(b []byte) json.RawMessage {
	if b = bytes.TrimSpace(b); len(b) == 0 || !json.Valid(b) {
		return json.RawMessage("null")
	}
	return b
}

// runSeed runs the app's seed subcommand: with progress bars when kiln
// draws on a terminal, else with the app's plain log lines. When the app
// will ask whether to seed production, it gets the terminal to itself: the
// bars' redraws would wipe its question.
func runSeed(cmd *cobra.Command, g *globals, proj project, args []string) error {
	fe, err := g.seedProgressFrontEnd(proj)
	if err != nil {
		return err
	}
	if fe != nil {
		return runSeedWithProgress(cmd.Context(), g, fe, proj, args)
	}
	return runApp(cmd.Context(), g, proj, args...)
}

// seedProgressFrontEnd is the front end that draws the seed's progress
// bars, or nil for the app's plain log lines: when kiln does not draw on a
// terminal, when the app will ask about production itself, or when there
// is no usable kiln-dev (the bars are a nicety; the seed runs without
// them). In the kiln binary it hands the command over to kiln-dev instead;
// an error is then kiln-dev's exit code (which only non-Unix systems see
// returned), and the command must end with it.
func (g *globals) seedProgressFrontEnd(proj project) (FrontEnd, error) {
	if !g.seedShowsProgress(proj) {
		return nil, nil
	}
	fe, err := g.frontEnd("the progress bars", "")
	var missing *errNoFrontEnd
	if errors.As(err, &missing) {
		return nil, nil
	}
	return fe, err
}

// seedShowsProgress reports whether runSeed draws progress bars: when kiln
// draws on a terminal and the app will not ask about production itself.
func (g *globals) seedShowsProgress(proj project) bool {
	asks := proj.env("APP_ENV") == "production" && !g.force
	return g.color() && g.terminal(g.stderr) && g.interactive() && !asks
}
