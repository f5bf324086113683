package migrate

import (
	"fmt"

	"github.com/kilnhq/kiln/runtime/migrate/ddl"
)

// alter runs an AlterTable's changes in order. On SQLite, columns its ALTER TABLE
// can't add are added by rebuilding the table, once for each run of such columns.
func (s *Schema) alter(table string, ops []ddl.Op) error {
	for i := 0; i < len(ops); i++ {
		if !s.needsRebuild(ops[i]) {
			if err := s.alterOne(table, ops[i]); err != nil {
				return err
			}
			continue
		}
		cols := []*ddl.Column{ops[i].Column}
		for i+1 < len(ops) && s.needsRebuild(ops[i+1]) {
			i++
			cols = append(cols, ops[i].Column)
		}
		if err := s.rebuildAdding(table, cols); err != nil {
			return err
		}
	}
	return nil
}

func (s *Schema) needsRebuild(op ddl.Op) bool {
	return s.sqlite() && op.Kind == ddl.OpAddColumn && !op.Column.SQLiteCanAdd()
}

func (s *Schema) alterOne(table string, op ddl.Op) error {
	switch op.Kind {
	case ddl.OpAddColumn:
		if err := s.checkFillable(table, op.Column); err != nil {
			return err
		}
		return s.execAll(ddl.AddColumnStatements(s.ddl, table, op.Column))
	case ddl.OpDropColumn:
		return s.dropColumn(table, op.Name)
	case ddl.OpRenameColumn:
		return s.exec(ddl.RenameColumnStatement(s.ddl, table, op.Name, op.To))
	case ddl.OpAddIndex:
		return s.exec(ddl.CreateIndexStatement(s.ddl, op.Index))
	case ddl.OpDropIndex:
		return s.exec(ddl.DropIndexStatement(s.ddl, op.Name, false))
	}
	return fmt.Errorf("unknown change %d", op.Kind)
}

// checkFillable refuses a NOT NULL column without a default on a table with rows,
// with the same message on both databases (which would fail differently).
func (s *Schema) checkFillable(table string, c *ddl.Column) error {
	if !c.NotNullWithoutDefault() {
		return nil
	}
	rows, err := s.hasRows(table)
	if err != nil {
		return err
	}
	if rows {
		return fmt.Errorf("column %q is NOT NULL without a default, but %q has rows that would get no value: make it Nullable() or give it a Default", c.Name(), table)
	}
	return nil
}

// dropColumn drops a column. SQLite refuses to drop an indexed column, so its
// indexes go first, as PostgreSQL does by itself.
func (s *Schema) dropColumn(table, column string) error {
	if s.sqlite() {
		s.fkCheck = true
		indexes, err := s.sqliteColumnIndexes(table, column)
		if err != nil {
			return err
		}
		for _, idx := range indexes {
			if err := s.exec(ddl.DropIndexStatement(s.ddl, idx, false)); err != nil {
				return err
			}
		}
	}
	return s.exec(ddl.DropColumnStatement(s.ddl, table, column))
}
