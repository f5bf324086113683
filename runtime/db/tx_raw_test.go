package db_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
)

// On PostgreSQL, Raw reaches pgx's connection, and a COPY made through it
// is part of the transaction: rolled back with it, committed with it.
func TestTxRawJoinsTheTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.ExecContext(ctx, "CREATE TABLE t (id integer PRIMARY KEY, email text UNIQUE)"); err != nil {
			t.Fatal(err)
		}
		write := func(tx *db.Tx, id int) error {
			if d.Dialect().Name() == db.SQLite {
				_, err := tx.ExecContext(ctx, "INSERT INTO t (id) VALUES (?)", id)
				return err
			}
			return tx.Raw(func(dc any) error {
				c, ok := dc.(interface{ Conn() *pgx.Conn })
				if !ok {
					t.Fatalf("driver connection %T has no pgx connection", dc)
				}
				_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{"t"}, []string{"id"}, pgx.CopyFromRows([][]any{{id}}))
				return err
			})
		}
		boom := errors.New("boom")
		err := d.Tx(ctx, func(tx *db.Tx) error {
			if err := write(tx, 1); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if n := count(t, d); n != 0 {
			t.Errorf("after rollback: %d rows", n)
		}
		if err := d.Tx(ctx, func(tx *db.Tx) error { return write(tx, 2) }); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d); n != 1 {
			t.Errorf("after commit: %d rows", n)
		}
	})
}

// A panic or a driver.ErrBadConn inside Raw must neither deadlock (the
// transaction still holds the connection) nor leak it: the next transaction
// gets a connection, which on SQLite is the same single writer.
func TestTxRawFailuresReleaseTheConnection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := d.ExecContext(ctx, "CREATE TABLE t (id integer PRIMARY KEY, email text)"); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if p := recover(); p != "in raw" {
					t.Errorf("recovered %v, want the panic from Raw", p)
				}
			}()
			d.Tx(ctx, func(tx *db.Tx) error {
				return tx.Raw(func(any) error { panic("in raw") })
			})
		}()
		err := d.Tx(ctx, func(tx *db.Tx) error {
			return tx.Raw(func(any) error { return driver.ErrBadConn })
		})
		if err == nil || errors.Is(err, driver.ErrBadConn) {
			t.Errorf("err = %v, want an error that is not driver.ErrBadConn", err)
		}
		err = d.Tx(ctx, func(tx *db.Tx) error {
			_, err := tx.ExecContext(ctx, "INSERT INTO t (id) VALUES (1)")
			return err
		})
		if err != nil || count(t, d) != 1 {
			t.Fatalf("a transaction after the failures: %v", err)
		}
	})
}
