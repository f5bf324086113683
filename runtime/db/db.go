// Package db opens the app's database from configuration: SQLite through a pure-Go
// driver by default, PostgreSQL through pgx when an app outgrows one machine.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

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

// Redacted is the DSN with any password replaced, safe to log. For SQLite it is the
// absolute file path, so a log shows which file a process really opened.
func (c Config) Redacted() string {
	if c.Driver == SQLite {
		if abs, err := filepath.Abs(c.DSN); err == nil && !isMemory(c.DSN) {
			return abs
		}
		return c.DSN
	}
	if u, err := url.Parse(c.DSN); err == nil && u.User != nil {
		if _, hasPassword := u.User.Password(); hasPassword {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		return u.String()
	}
	if strings.Contains(c.DSN, "password=") {
		return "(DSN with password hidden)"
	}
	return c.DSN
}

// DB is the app's database: a *sql.DB for reads that knows its SQL dialect, plus a
// writer pool. On SQLite the writer is a single connection, so writes queue in Go
// instead of contending for SQLite's one write lock (and failing with SQLITE_BUSY);
// reads use their own pool and, with WAL, never wait for writers. On PostgreSQL both
// are the same pool.
type DB struct {
	*sql.DB
	writer  *sql.DB
	dialect Dialect
	Driver  string

	closeMu sync.Mutex
	closed  bool
	onClose []func()
}

// Dialect returns the database's SQL dialect.
func (d *DB) Dialect() Dialect { return d.dialect }

// Writer is the pool writes go through (the single writer connection on SQLite).
func (d *DB) Writer() *sql.DB { return d.writer }

// ExecContext runs a statement on the writer pool.
func (d *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return d.writer.ExecContext(ctx, query, args...)
}

// OnClose registers fn to run when d is closed, before its pools close, or
// at once if d is already closed. runtime/orm releases the statements it
// prepared on d this way.
func (d *DB) OnClose(fn func()) {
	d.closeMu.Lock()
	if !d.closed {
		d.onClose = append(d.onClose, fn)
		d.closeMu.Unlock()
		return
	}
	d.closeMu.Unlock()
	fn()
}

// Close runs the OnClose functions, then closes both pools.
func (d *DB) Close() error {
	d.closeMu.Lock()
	hooks := d.onClose
	d.closed, d.onClose = true, nil
	d.closeMu.Unlock()
	for _, fn := range hooks {
		fn()
	}
	err := d.DB.Close()
	if d.writer != d.DB {
		err = errors.Join(err, d.writer.Close())
	}
	return err
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
		return openSQLite(dsn, isMemory(cfg.DSN))
	case Postgres, "pgx", "postgresql":
		if cfg.DSN == "" {
			return nil, fmt.Errorf("DB_DSN is empty: set it to a PostgreSQL URL such as postgres://user:pass@127.0.0.1:5432/app")
		}
		sqlDB, err := sql.Open("pgx", cfg.DSN)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		// Keep idle connections, so prepared statements stay prepared.
		sqlDB.SetMaxIdleConns(10)
		return &DB{DB: sqlDB, writer: sqlDB, dialect: postgresDialect{}, Driver: Postgres}, nil
	default:
		return nil, fmt.Errorf("unknown DB_DRIVER %q: use sqlite or postgres", cfg.Driver)
	}
}

// openSQLite opens the reader pool and the single-connection writer pool. An
// in-memory database exists per connection, so it gets one connection for both.
func openSQLite(dsn string, memory bool) (*DB, error) {
	writer, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxIdleTime(0)
	if memory {
		return &DB{DB: writer, writer: writer, dialect: sqliteDialect{}, Driver: SQLite}, nil
	}
	readers, err := sql.Open("sqlite", dsn)
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	n := max(4, runtime.NumCPU())
	readers.SetMaxOpenConns(n)
	readers.SetMaxIdleConns(n)
	return &DB{DB: readers, writer: writer, dialect: sqliteDialect{}, Driver: SQLite}, nil
}

func isMemory(dsn string) bool {
	return strings.Contains(dsn, ":memory:") || strings.Contains(dsn, "mode=memory")
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
	if !isMemory(dsn) {
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
		// A multi-row INSERT into a table with a unique index keeps a
		// statement journal (so a failing row undoes its statement alone);
		// in a temp file that was 72% of a 100,000-row seed's write calls.
		"_pragma=temp_store(MEMORY)",
		"_time_format=sqlite",
		"_txlock=immediate",
	}
	if query != "" {
		params = append([]string{query}, params...)
	}
	return "file:" + path + "?" + strings.Join(params, "&"), nil
}
