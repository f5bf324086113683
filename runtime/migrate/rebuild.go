package migrate

import (
	"fmt"
	"strings"

	"github.com/kilnhq/kiln/runtime/migrate/ddl"
)

// rebuildAdding adds columns SQLite's ALTER TABLE refuses by rebuilding the table,
// following https://sqlite.org/lang_altertable.html#otheralter: create the new
// table, copy the rows, drop the old table, rename the new one, then recreate the
// old table's indexes and triggers. It runs inside the migration's transaction, so
// a failure leaves the table untouched. Foreign key enforcement must be off (the
// Runner sees to it), or dropping the old table would cascade to its children.
func (s *Schema) rebuildAdding(table string, cols []*ddl.Column) error {
	stored, err := s.strings("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table)
	if err != nil {
		return err
	}
	if len(stored) == 0 {
		return fmt.Errorf("no such table %q", table)
	}
	def, err := ddl.ParseSQLiteTable(stored[0])
	if err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	for _, c := range cols {
		if err := s.checkFillable(table, c); err != nil {
			return err
		}
		def.Columns = append(def.Columns, c.Definition(ddl.SQLite))
	}
	if err := s.checkRebuildSafe(table); err != nil {
		return err
	}
	stmts, err := s.rebuildStatements(table, def, stored[0])
	if err != nil {
		return err
	}
	for _, c := range cols {
		for _, idx := range c.Indexes(table) {
			stmts = append(stmts, ddl.CreateIndexStatement(ddl.SQLite, idx))
		}
	}
	s.fkCheck = true
	return s.execAll(stmts)
}

// rebuildStatements are the statements that replace table with def, keeping its
// rows, its AUTOINCREMENT counter, its indexes and its triggers. The rename runs with
// legacy_alter_table on, so views that mention the table aren't re-checked while it
// is briefly missing.
func (s *Schema) rebuildStatements(table string, def *ddl.SQLiteTable, original string) ([]string, error) {
	tmp := "_kiln_rebuild_" + table
	cols, err := s.strings("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0", table)
	if err != nil {
		return nil, err
	}
	extras, err := s.strings("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name", table)
	if err != nil {
		return nil, err
	}
	q, list := ddl.SQLite.Quote, quoteAll(cols)
	stmts := []string{
		def.Statement(tmp),
		fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s", q(tmp), list, list, q(table)),
	}
	if strings.Contains(strings.ToUpper(original), "AUTOINCREMENT") {
		stmts = append(stmts,
			fmt.Sprintf("DELETE FROM sqlite_sequence WHERE name = %s", sqlString(tmp)),
			fmt.Sprintf("INSERT INTO sqlite_sequence (name, seq) SELECT %s, seq FROM sqlite_sequence WHERE name = %s", sqlString(tmp), sqlString(table)))
	}
	stmts = append(stmts,
		"DROP TABLE "+q(table),
		"PRAGMA legacy_alter_table = ON",
		ddl.RenameTableStatement(ddl.SQLite, tmp, table),
		"PRAGMA legacy_alter_table = OFF")
	return append(stmts, extras...), nil
}

// checkRebuildSafe refuses to rebuild a table other tables reference while foreign
// keys are enforced: dropping the old table would delete or orphan their rows.
func (s *Schema) checkRebuildSafe(table string) error {
	var on int
	if err := s.conn.QueryRowContext(s.ctx, "PRAGMA foreign_keys").Scan(&on); err != nil {
		return fmt.Errorf("read PRAGMA foreign_keys: %w", err)
	}
	if on == 0 {
		return nil
	}
	children, err := s.strings(`SELECT DISTINCT m.name FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
WHERE m.type = 'table' AND lower(f."table") = lower(?)`, table)
	if err != nil || len(children) == 0 {
		return err
	}
	return fmt.Errorf("can't rebuild %q while foreign keys are enforced: %s reference it (run migrations with migrate.Runner, which turns enforcement off for Go migrations)", table, strings.Join(children, ", "))
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = ddl.SQLite.Quote(n)
	}
	return strings.Join(q, ", ")
}

// foreignKeyCheck fails when any row references a missing parent, so a migration
// that ran with enforcement off can never commit a broken reference.
func (s *Schema) foreignKeyCheck() error {
	rows, err := s.conn.QueryContext(s.ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return fmt.Errorf("foreign key check: %w", err)
		}
		problems = append(problems, fmt.Sprintf("%s row %v references a missing %s row", table, rowid, parent))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	if len(problems) == 0 {
		return nil
	}
	more := ""
	if len(problems) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(problems)-1)
	}
	return fmt.Errorf("foreign key check failed: %s%s", problems[0], more)
}
