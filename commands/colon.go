package commands

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// expandColonForm accepts Laravel's artisan spelling: `kiln make:model X` runs
// `kiln make model X`. Only the first positional argument is expanded, and only when
// it starts with a real command, so field specs like `db:string` are never touched.
func expandColonForm(root *cobra.Command, args []string) []string {
	i := firstPositional(root, args)
	if i < 0 || !strings.Contains(args[i], ":") {
		return args
	}
	parts := strings.Split(args[i], ":")
	if cmd, _, err := root.Find(parts); err != nil || cmd == root {
		return args
	}
	out := make([]string, 0, len(args)+len(parts)-1)
	out = append(out, args[:i]...)
	out = append(out, parts...)
	return append(out, args[i+1:]...)
}

// firstPositional finds the index of the first argument that is not a global flag or
// a global flag's value.
func firstPositional(root *cobra.Command, args []string) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return -1
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return i
		}
		if strings.Contains(a, "=") || isShorthandGroup(a) {
			continue // the value, if any, is inside this argument
		}
		if f := lookupFlag(root, a); f != nil && f.Value.Type() != "bool" {
			i++ // skip the flag's value
		}
	}
	return -1
}

// isShorthandGroup reports combined short flags such as -nf.
func isShorthandGroup(a string) bool { return !strings.HasPrefix(a, "--") && len(a) > 2 }

// lookupFlag finds a persistent root flag by its spelling on the command line.
func lookupFlag(root *cobra.Command, a string) *pflag.Flag {
	flags := root.PersistentFlags()
	if name, ok := strings.CutPrefix(a, "--"); ok {
		return flags.Lookup(name)
	}
	return flags.ShorthandLookup(strings.TrimPrefix(a, "-"))
}
