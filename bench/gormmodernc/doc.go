// Package gormmodernc runs GORM on kiln's own driver and connections: the
// official GORM SQLite dialector (gorm.io/driver/sqlite, which glebarez/sqlite
// forks) handed the reader and writer pools kiln's runtime/db opens on
// modernc.org/sqlite. Reported as gorm-modernc, it is the driver-equal
// control for package gormbench's gorm: glebarez's driver re-prepares every
// statement on each execution (its driver.Stmt keeps only the SQL text), so
// part of gorm's cost there is the driver's, not the ORM's.
//
// The dialector imports github.com/mattn/go-sqlite3, which registers the
// name "sqlite3" (no clash with modernc's "sqlite") and is never used here;
// with cgo on, the first build compiles its C, later builds are cached.
package gormmodernc
