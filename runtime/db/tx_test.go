package db_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/internal/pgtest"
	"github.com/kilnhq/kiln/runtime/db"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func count(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), "SELECT count(*) FROM t").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTxCommitsRollsBackAndSurvivesPanics(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.ExecContext(ctx, "CREATE TABLE t (id integer PRIMARY KEY, email text UNIQUE)"); err != nil {
			t.Fatal(err)
		}
		insert := "INSERT INTO t (id, email) VALUES (" + d.Dialect().Placeholder(1) + ", " + d.Dialect().Placeholder(2) + ")"
		if err := d.Tx(ctx, func(tx *db.Tx) error {
			_, err := tx.ExecContext(ctx, insert, 1, "a@x")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err := d.Tx(ctx, func(tx *db.Tx) error {
			if _, err := tx.ExecContext(ctx, insert, 2, "b@x"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Error("panic was swallowed")
				}
			}()
			d.Tx(ctx, func(tx *db.Tx) error {
				tx.ExecContext(ctx, insert, 3, "c@x")
				panic("inside tx")
			})
		}()
		if n := count(t, d); n != 1 {
			t.Errorf("rows = %d, want 1 (only the committed one)", n)
		}
	})
}

func TestConstraintErrorsAreTypedOnBothDrivers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, stmt := range []string{
			"CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, age integer CHECK (age >= 0))",
			"CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id))",
			"INSERT INTO users (id, email, age) VALUES (1, 'a@x', 1)",
		} {
			if _, err := d.ExecContext(ctx, stmt); err != nil {
				t.Fatal(err)
			}
		}
		cases := []struct {
			stmt   string
			kind   db.ConstraintKind
			column string
		}{
			{"INSERT INTO users (id, email, age) VALUES (2, 'a@x', 1)", db.Unique, "email"},
			{"INSERT INTO posts (id, user_id) VALUES (1, 99)", db.ForeignKey, ""},
			{"INSERT INTO users (id, email, age) VALUES (3, NULL, 1)", db.NotNull, "email"},
			{"INSERT INTO users (id, email, age) VALUES (4, 'd@x', -1)", db.Check, ""},
		}
		for _, c := range cases {
			_, err := d.ExecContext(ctx, c.stmt)
			err = db.ClassifyError(err)
			var ce *db.ConstraintError
			if !errors.As(err, &ce) || ce.Kind != c.kind {
				t.Errorf("%s: err = %v, want a %v violation", c.stmt, err, c.kind)
				continue
			}
			if c.column != "" && ce.Column != c.column {
				t.Errorf("%s: column = %q, want %q", c.stmt, ce.Column, c.column)
			}
			if !db.IsConstraint(err, c.kind) {
				t.Errorf("IsConstraint(%v) = false", c.kind)
			}
		}
		if err := db.ClassifyError(errors.New("other")); db.IsConstraint(err, db.Unique) {
			t.Error("a plain error classified as a constraint")
		}
		if d.Driver != db.Postgres {
			return // SQLite stores what it is given
		}
		// Values the column cannot hold: a numeric beyond its precision, a NUL in text.
		if _, err := d.ExecContext(ctx, "CREATE TABLE prices (p numeric(5,2), t text)"); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]any{{"123456.78", "x"}, {"1.00", "a\x00b"}} {
			_, err := d.ExecContext(ctx, "INSERT INTO prices (p, t) VALUES ($1, $2)", args...)
			if err = db.ClassifyError(err); !db.IsConstraint(err, db.InvalidValue) {
				t.Errorf("insert %q: err = %v, want an invalid value", args, err)
			}
		}
	})
}

func TestDialects(t *testing.T) {
	lite, pg := db.DialectFor(db.SQLite), db.DialectFor(db.Postgres)
	if lite.Placeholder(3) != "?" || pg.Placeholder(3) != "$3" {
		t.Errorf("placeholders: %q %q", lite.Placeholder(3), pg.Placeholder(3))
	}
	if got := pg.Quote(`we"ird`); got != `"we""ird"` {
		t.Errorf("quote = %s", got)
	}
	if got := lite.Quote("public.users"); got != `"public"."users"` {
		t.Errorf("quote dotted = %s", got)
	}
}

// SQLite writes go through one connection, so concurrent writers queue instead of
// failing with "database is locked".
func TestSQLiteConcurrentWritersDoNotFail(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	ctx := context.Background()
	if _, err := d.ExecContext(ctx, "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, v integer)"); err != nil {
		t.Fatal(err)
	}
	const writers, each = 8, 25
	errc := make(chan error, writers)
	for w := 0; w < writers; w++ {
		go func() {
			for i := 0; i < each; i++ {
				if err := d.Tx(ctx, func(tx *db.Tx) error {
					_, err := tx.ExecContext(ctx, "INSERT INTO t (v) VALUES (?)", i)
					return err
				}); err != nil {
					errc <- err
					return
				}
			}
			errc <- nil
		}()
	}
	for w := 0; w < writers; w++ {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, d); n != writers*each {
		t.Errorf("rows = %d, want %d", n, writers*each)
	}
}

// ON DELETE RESTRICT is reported by SQLite with its trigger code; it is still a
// foreign-key violation.
func TestRestrictIsAForeignKeyViolation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, stmt := range []string{
			"CREATE TABLE users (id integer PRIMARY KEY)",
			"CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id) ON DELETE RESTRICT)",
			"INSERT INTO users (id) VALUES (1)",
			"INSERT INTO posts (id, user_id) VALUES (1, 1)",
		} {
			if _, err := d.ExecContext(ctx, stmt); err != nil {
				t.Fatal(err)
			}
		}
		_, err := d.ExecContext(ctx, "DELETE FROM users WHERE id = 1")
		if err := db.ClassifyError(err); !db.IsConstraint(err, db.ForeignKey) {
			t.Errorf("err = %v, want a foreign-key violation", err)
		}
	})
}
