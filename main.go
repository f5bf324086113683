// Command kiln scaffolds Go web apps: `kiln new`, `kiln make …`, `kiln db …`, `kiln serve`.
package main

import (
	"os"

	"github.com/kilnhq/kiln/commands"
	_ "github.com/kilnhq/kiln/internal/coldstart" // a fresh process's first milliseconds: see its doc
)

func main() {
	commands.Exit(os.Args[1:])
}
