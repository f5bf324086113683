package orm

import "github.com/kilnhq/kiln/runtime/db"

// CachedQueries lists the SQL of the statements cached for d.
func CachedQueries(d *db.DB) []string {
	var out []string
	if c, ok := caches.Load(d.Writer()); ok {
		c.(*stmtCache).stmts.Range(func(k, _ any) bool {
			out = append(out, k.(stmtKey).query)
			return true
		})
	}
	return out
}

// SetMaxStatements changes the cache's capacity until restore is called.
func SetMaxStatements(n int) (restore func()) {
	old := maxStmts
	maxStmts = n
	return func() { maxStmts = old }
}
