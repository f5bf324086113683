// Command kiln scaffolds Go web apps: `kiln new`, `kiln make …`, `kiln db …`, `kiln serve`.
package main

import (
	"os"

	"github.com/kilnhq/kiln/commands"
)

func main() {
	os.Exit(commands.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
