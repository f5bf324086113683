package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kilnhq/kiln/runtime/db"
)

// cmdSQLDump prints every row of the named tables of a SQLite database file,
// ordered by id, one line per row, so a script can compare two seeded
// databases byte for byte: sqldump storage/app.db users posts
func cmdSQLDump(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: sqldump DBFILE TABLE…")
	}
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: ts.MkAbs(args[0])})
	ts.Check(err)
	defer d.Close()
	for _, table := range args[1:] {
		ts.Check(dumpTable(ts, d, table))
	}
}

func dumpTable(ts *testscript.TestScript, d *db.DB, table string) error {
	rows, err := d.QueryContext(context.Background(), "SELECT * FROM "+d.Dialect().Quote(table)+" ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		parts := make([]string, len(cols))
		for i, v := range vals {
			parts[i] = cols[i] + "=" + fmt.Sprintf("%q", v.String)
			if !v.Valid {
				parts[i] = cols[i] + "=NULL"
			}
		}
		fmt.Fprintf(ts.Stdout(), "%s: %s\n", table, strings.Join(parts, " "))
		n++
	}
	fmt.Fprintf(ts.Stdout(), "%s: %d rows\n", table, n)
	return rows.Err()
}
