// Package migrate runs a kiln app's migrations on SQLite and PostgreSQL: a schema
// builder whose DDL suits each database, and a runner built on goose (as a library).
//
// An app's database/migrations package holds one [Set]: plain SQL files in goose's
// "-- +goose Up / -- +goose Down" format, and Go migrations registered with
// [Set.Add]. Both kinds run in one history ordered by version, each migration in its
// own transaction, recorded in goose's goose_db_version table.
//
// A Go migration changes the schema through a [Schema]:
//
//	func upCreatePostsTable(ctx context.Context, s *migrate.Schema) error {
//		return s.Create("posts", func(t *migrate.Table) {
//			t.ID()
//			t.String("title", 255)
//			t.ForeignID("author_id").Constrained("users").CascadeOnDelete()
//			t.Timestamps()
//		})
//	}
//
// The same migration runs unchanged on both databases; see docs/data-layer.md for
// the column types. Where SQLite's ALTER TABLE can't make a change (a NOT NULL
// column without a default, a NOT NULL foreign key, a CURRENT_TIMESTAMP default), the
// table is rebuilt the way SQLite's documentation prescribes, inside the migration's
// transaction. For that, Go migrations on SQLite run with foreign key enforcement
// off (SQLite can't switch it inside a transaction); a migration that could have
// broken a reference must pass PRAGMA foreign_key_check before it commits.
package migrate

import "github.com/kilnhq/kiln/runtime/migrate/ddl"

// Table is the definition of a table being created or altered; see [ddl.Table] for
// its column builders (ID, String, ForeignID, Timestamps, …).
type Table = ddl.Table

// Column is a column being added; its modifiers (Nullable, Default, Unique, Index,
// Primary) chain.
type Column = ddl.Column

// ForeignKey is a foreign key column being added; Constrained, References, On and
// the OnDelete methods chain.
type ForeignKey = ddl.ForeignKey
