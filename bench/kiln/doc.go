// Package kilnbench benchmarks kiln's runtime/orm against hand-written
// database/sql on SQLite (modernc.org/sqlite, the driver kiln apps use). The
// GORM side of the comparison is package gormbench: its driver registers the
// same database/sql name, so it needs a test binary of its own. See
// docs/benchmarks.md for the command and the figures.
package kilnbench
