package migration

import (
	"regexp"
	"sync"
)

// guessed is what a migration name says about its table.
type guessed struct {
	action action
	table  string
}

// namePatterns follow Laravel's TableGuesser, plus remove_…_from_X and drop_X: the
// first match wins, and "…_to_" matches its last occurrence, as table names rarely
// contain it. Compiled on first use, so commands that never infer a migration's
// table (and `kiln --version`) don't pay for it at start-up.
var namePatterns = sync.OnceValue(func() []inferPattern {
	return []inferPattern{
		{regexp.MustCompile(`^create_(\w+)_table$`), create},
		{regexp.MustCompile(`^create_(\w+)$`), create},
		{regexp.MustCompile(`^\w+_from_(\w+)_table$`), removeCols},
		{regexp.MustCompile(`^\w+_(?:to|in)_(\w+)_table$`), addCols},
		{regexp.MustCompile(`^drop_(\w+)_table$`), drop},
		{regexp.MustCompile(`^\w+_from_(\w+)$`), removeCols},
		{regexp.MustCompile(`^\w+_(?:to|in)_(\w+)$`), addCols},
		{regexp.MustCompile(`^drop_(\w+)$`), drop},
	}
})

type inferPattern struct {
	re     *regexp.Regexp
	action action
}

// guessFromName reads the action and table from a name such as create_posts_table
// or add_status_to_posts_table; a name that matches nothing is a blank migration.
func guessFromName(name string) guessed {
	for _, p := range namePatterns() {
		if m := p.re.FindStringSubmatch(name); m != nil {
			return guessed{action: p.action, table: m[1]}
		}
	}
	return guessed{action: blank}
}
