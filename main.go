// Command kiln scaffolds Go web apps: `kiln new`, `kiln make …`, `kiln db …`, `kiln serve`.
package main

import (
	"os"

	"github.com/kilnhq/kiln/commands"
	_ "github.com/kilnhq/kiln/internal/heapwarm" // faults the heap in early: see its doc
)

func main() {
	commands.Exit(os.Args[1:])
}
