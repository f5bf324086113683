// Package gormbench runs the GORM side of the ORM benchmarks (package
// kilnbench has raw database/sql and kiln's runtime/orm) on the same schema,
// rows, pragmas and connection settings, through github.com/glebarez/sqlite:
// GORM's pure-Go SQLite driver, a fork of modernc.org/sqlite that links the
// same SQLite build as kiln's driver in this module. GORM runs at its best
// case: PrepareStmt and SkipDefaultTransaction on, logging off.
package gormbench
