// Package orm is kiln's small, typed data layer: generic finders, a query
// builder, writes with timestamps, soft deletes and lifecycle hooks, and
// eager loading of relations — on SQLite and PostgreSQL alike.
//
// A model is a plain struct whose fields carry `db:"column"` tags (fields
// tagged "-" are not columns):
//
//	type Post struct {
//		ID        int64      `db:"id" json:"id"`
//		Title     string     `db:"title" json:"title"`
//		Status    string     `db:"status,default" json:"status"` // zero: the column default
//		AuthorID  int64      `db:"author_id" json:"author_id"`
//		CreatedAt time.Time  `db:"created_at" json:"created_at"`
//		UpdatedAt time.Time  `db:"updated_at" json:"updated_at"`
//		DeletedAt *time.Time `db:"deleted_at" json:"deleted_at"`
//
//		Author *User `db:"-" json:"author,omitempty"`
//	}
//
//	func (Post) Relations() []orm.Relation {
//		return []orm.Relation{orm.BelongsTo("Author", "author_id")}
//	}
//
// The ORM reads what it needs from the type once and caches it: the table
// (the snake-case plural of the type name, or a TableName method), the id
// column (an integer the database generates, or a uuid.UUID the ORM
// generates), created_at/updated_at (maintained when present), deleted_at
// (soft deletes when present) and the Relations.
//
//	post, err := orm.Find[Post](ctx, database, 7)
//	posts, err := orm.Query[Post](database).Where("status", "=", "published").
//		With("Author").OrderBy("created_at", "desc").Limit(20).Get(ctx)
//	page, err := orm.Query[Post](database).Paginate(ctx, 2, 15)
//	err = orm.Create(ctx, database, &Post{Title: "Hello", AuthorID: 1})
//
// Tag options follow the column name, in any order: `db:"status,default"`
// marks a column with a DEFAULT that Create leaves to the database while the
// field is zero; `db:"published_on,date"` marks a time field stored in a
// date column. Another option is an error.
//
// Queries mean the same on both databases where SQLite's storage would make
// them differ: decimal columns (TEXT on SQLite) compare and sort as numbers,
// time values are written and compared in UTC on SQLite so its DATETIME text
// orders by time, and date fields are written and compared as the calendar
// day. like is the database's own (case-insensitive for ASCII letters on
// SQLite, case-sensitive on PostgreSQL); ilike is case-insensitive on both.
//
// Every function takes a db.Querier, a *db.DB or a *db.Tx, so the same code
// runs inside and outside transactions. Column names that reach SQL are
// checked against the model, operators against a short list, and values
// are always bound parameters. Statements are prepared once and cached per
// *db.DB (the least recently used make room past a bound); closing the
// db.DB releases them.
//
// Errors: a missing row is a *NotFoundError (errors.Is ErrNotFound), an
// unknown column matches ErrUnknownColumn, and a unique, foreign-key, not-null
// or check violation is a *db.ConstraintError.
package orm
