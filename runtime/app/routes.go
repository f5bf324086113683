package app

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
)

// runRoutes prints the app's routes: method, path and handler.
func runRoutes(cfg Config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("routes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	// Route listing needs no database connection: sql.Open is lazy.
	routes := NewHandler(cfg, nil, nil).Routes()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(routes); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "METHOD\tPATH\tHANDLER")
	for _, r := range routes {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Method, r.Path, r.Handler)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
