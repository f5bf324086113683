// Package db opens the app's database from configuration: SQLite through a pure-Go
// driver by default, PostgreSQL through pgx when an app outgrows one machine.
package db

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	// Drivers register themselves with database/sql; a kiln app supports both out of the box.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// Driver names accepted in DB_DRIVER.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Config says which database to open. Apps fill it from DB_DRIVER and DB_DSN.
type Config struct {
	Driver string // "sqlite" (default) or "postgres"
	DSN    string // a file path for SQLite, a URL or key=value string for PostgreSQL
}

// ConfigFromEnv reads DB_DRIVER and DB_DSN, defaulting to the embedded SQLite file the
// app skeleton uses, so a fresh app runs with no configuration at all.
func ConfigFromEnv() Config {
	cfg := Config{Driver: os.Getenv("DB_DRIVER"), DSN: os.Getenv("DB_DSN")}
	if cfg.Driver == "" {
		cfg.Driver = SQLite
	}
	if cfg.DSN == "" && cfg.Driver == SQLite {
		cfg.DSN = "storage/app.db"
	}
	return cfg
}

// DB is a *sql.DB that knows which SQL dialect it speaks.
type DB struct {
	*sql.DB
	Driver string
}

// Open opens (but does not yet connect to) the configured database. For SQLite it
// creates the file's directory, so `storage/` may be missing on a fresh checkout.
func Open(cfg Config) (*DB, error) {
	switch cfg.Driver {
	case SQLite:
		dsn, err := sqliteDSN(cfg.DSN)
		if err != nil {
			return nil, err
		}
		sqlDB, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("open sqlite %q: %w", cfg.DSN, err)
		}
		return &DB{DB: sqlDB, Driver: SQLite}, nil
	case Postgres, "pgx", "postgresql":
		if cfg.DSN == "" {
			return nil, fmt.Errorf("DB_DSN is empty: set it to a PostgreSQL URL such as postgres://user:pass@127.0.0.1:5432/app")
		}
		sqlDB, err := sql.Open("pgx", cfg.DSN)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		return &DB{DB: sqlDB, Driver: Postgres}, nil
	default:
		return nil, fmt.Errorf("unknown DB_DRIVER %q: use sqlite or postgres", cfg.Driver)
	}
}

// Ping checks the database answers, bounded by ctx.
func (d *DB) Ping(ctx context.Context) error { return d.DB.PingContext(ctx) }

// sqliteDSN turns a file path into a modernc.org/sqlite DSN with the settings every kiln
// app wants: WAL so readers never block the writer, a busy timeout instead of instant
// SQLITE_BUSY errors, foreign keys enforced, immediate write transactions (no upgrade
// deadlocks), and _time_format=sqlite so times are stored in a format SQLite's date
// functions read and scan back in any time zone.
func sqliteDSN(dsn string) (string, error) {
	if dsn == "" {
		return "", fmt.Errorf("DB_DSN is empty: set it to a file path such as storage/app.db")
	}
	path, query, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if path != ":memory:" && !strings.HasPrefix(path, "file::memory:") {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return "", fmt.Errorf("create database directory: %w", err)
			}
		}
	}
	params := []string{
		"_pragma=journal_mode(WAL)",
		"_pragma=busy_timeout(5000)",
		"_pragma=foreign_keys(1)",
		"_pragma=synchronous(NORMAL)",
		"_time_format=sqlite",
		"_txlock=immediate",
	}
	if query != "" {
		params = append([]string{query}, params...)
	}
	return "file:" + path + "?" + strings.Join(params, "&"), nil
}
