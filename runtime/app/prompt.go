package app

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// isTerminal reports whether r is a terminal, where the app may ask.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// confirm asks a yes/no question whose default is no, and reports whether
// the answer was y or yes. The question goes to stderr, like every prompt:
// stdout may be JSON (--json) or kiln's event stream (--events), which a
// question would corrupt and where nobody would see it.
func confirm(stdin io.Reader, stderr io.Writer, question string) bool {
	fmt.Fprint(stderr, question+" [y/N] ")
	answer, _ := bufio.NewReader(stdin).ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes"
}

// parseFlags parses a subcommand's flags, which take no positional
// arguments; false means a usage error was printed (exit 2).
func parseFlags(fs *flag.FlagSet, args []string, usage string, stderr io.Writer) bool {
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected argument %q: usage: %s\n", fs.Arg(0), usage)
		return false
	}
	return true
}
