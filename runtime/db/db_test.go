package db

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestOpenSQLiteCreatesDirectoryAndAppliesPragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "app.db")
	d, err := Open(Config{Driver: SQLite, DSN: path})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	if err := d.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := d.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var fk int
	if err := d.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
}

func TestSQLiteTimesRoundTripAcrossZones(t *testing.T) {
	d, err := Open(Config{Driver: SQLite, DSN: filepath.Join(t.TempDir(), "t.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	if _, err := d.ExecContext(ctx, "CREATE TABLE t (at DATETIME)"); err != nil {
		t.Fatal(err)
	}
	zone := time.FixedZone("X", 5*3600+1800)
	want := time.Date(2026, 11, 23, 12, 30, 0, 0, zone)
	if _, err := d.ExecContext(ctx, "INSERT INTO t VALUES (?)", want); err != nil {
		t.Fatal(err)
	}
	var got time.Time
	if err := d.QueryRowContext(ctx, "SELECT at FROM t").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	var day string
	if err := d.QueryRowContext(ctx, "SELECT date(at) FROM t").Scan(&day); err != nil {
		t.Fatal(err)
	}
	if day != "2026-11-23" {
		t.Errorf("SQLite date() read %q: stored format is not SQLite's", day)
	}
}

func TestOpenRejectsUnknownDriver(t *testing.T) {
	if _, err := Open(Config{Driver: "mysql", DSN: "x"}); err == nil {
		t.Fatal("want error for unknown driver")
	}
}

func TestConfigFromEnvDefaultsToSQLite(t *testing.T) {
	t.Setenv("DB_DRIVER", "")
	t.Setenv("DB_DSN", "")
	cfg := ConfigFromEnv()
	if cfg.Driver != SQLite || cfg.DSN != "storage/app.db" {
		t.Errorf("got %+v", cfg)
	}
}

func TestRedactedHidesPasswords(t *testing.T) {
	cases := map[Config]string{
		{Driver: Postgres, DSN: "postgres://u:secret@h:5432/db?sslmode=disable"}: "postgres://u:xxxxx@h:5432/db?sslmode=disable",
		{Driver: Postgres, DSN: "host=h user=u password=secret"}:                 "(DSN with password hidden)",
		{Driver: Postgres, DSN: "postgres://u@h/db"}:                             "postgres://u@h/db",
	}
	for cfg, want := range cases {
		if got := cfg.Redacted(); got != want {
			t.Errorf("Redacted(%q) = %q, want %q", cfg.DSN, got, want)
		}
	}
	if got := (Config{Driver: SQLite, DSN: "storage/app.db"}).Redacted(); !filepath.IsAbs(got) {
		t.Errorf("SQLite path %q is not absolute", got)
	}
}
