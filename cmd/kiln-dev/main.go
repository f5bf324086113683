// Command kiln-dev is kiln with its front end: the wizards, the progress
// bars and the dev server (package frontend). The kiln binary leaves those
// out to start fast and hands the commands that need them over to kiln-dev,
// installed beside it; run directly, kiln-dev is all of kiln.
package main

import (
	"os"

	"github.com/kilnhq/kiln/frontend"
)

func main() {
	os.Exit(frontend.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
