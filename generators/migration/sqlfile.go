package migration

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/runtime/migrate/ddl"
)

// addSQL renders a plain SQL migration in goose's format for one database. The DDL
// comes from runtime/migrate/ddl, the renderer Go migrations use at run time.
func addSQL(p *plan.Plan, m migration, dialect string) error {
	d, err := ddl.ParseDialect(dialect)
	if err != nil {
		return err
	}
	up, down, err := sqlSections(m, d)
	if err != nil {
		return specError("migration name", m.name, err.Error())
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- %s: plain SQL for %s, run exactly as written (a Go migration would suit both databases).\n\n", m.name, dialectName[d])
	b.WriteString("-- +goose Up\n" + section(up, "write the statements that apply the migration here, each ending with ;"))
	b.WriteString("\n-- +goose Down\n" + section(down, "write the statements that revert it here"))
	p.Add(fmt.Sprintf("%s/%d_%s.sql", Dir, m.version, m.name), []byte(b.String()))
	return nil
}

var dialectName = map[ddl.Dialect]string{ddl.SQLite: "SQLite", ddl.Postgres: "PostgreSQL"}

// section renders statements one after another, or a comment when there are none.
func section(stmts []string, empty string) string {
	if len(stmts) == 0 {
		return "-- " + empty + "\n"
	}
	return strings.Join(stmts, ";\n") + ";\n"
}

// sqlSections renders the up and down statements of m.
func sqlSections(m migration, d ddl.Dialect) (up, down []string, err error) {
	switch m.action {
	case create:
		up, err = createSQL(d, m.table, m.body)
		return up, []string{ddl.DropTableStatement(d, m.table, true)}, err
	case drop:
		if len(m.body) > 0 {
			down, err = createSQL(d, m.table, m.body)
		}
		return []string{ddl.DropTableStatement(d, m.table, false)}, down, err
	case addCols:
		return alterSQL(d, m.table, m.body)
	case removeCols:
		add, drop, err := alterSQL(d, m.table, m.body)
		return drop, add, err
	}
	return nil, nil, nil
}

func createSQL(d ddl.Dialect, table string, body []chain) ([]string, error) {
	t := ddl.NewTable(table)
	if err := replay(t, body); err != nil {
		return nil, err
	}
	return t.CreateStatements(d)
}

// alterSQL adds the columns of body (add) and drops them (drop). SQLite's ALTER
// TABLE can't add every column, and a plain SQL file can't rebuild a table whose
// definition it doesn't know, so those are refused; Go migrations handle them.
func alterSQL(d ddl.Dialect, table string, body []chain) (add, drop []string, err error) {
	t := ddl.AlterTable(table)
	if err := replay(t, body); err != nil {
		return nil, nil, err
	}
	ops, err := t.Ops()
	if err != nil {
		return nil, nil, err
	}
	for _, op := range ops {
		c := op.Column
		if d == ddl.SQLite && !c.SQLiteCanAdd() {
			return nil, nil, fmt.Errorf("SQLite's ALTER TABLE can't add column %s (NOT NULL without a default, a NOT NULL foreign key, or a CURRENT_TIMESTAMP default); drop --sql — a Go migration rebuilds the table — or make the column nullable or give it a default", c.Name())
		}
		add = append(add, ddl.AddColumnStatements(d, table, c)...)
		if d == ddl.SQLite { // SQLite refuses to drop an indexed column
			for _, idx := range c.Indexes(table) {
				drop = append(drop, ddl.DropIndexStatement(d, idx.Name, true))
			}
		}
		drop = append(drop, ddl.DropColumnStatement(d, table, c.Name()))
	}
	return add, drop, nil
}

// replay calls each chain's methods on t, exactly as the Go migration would.
func replay(t *ddl.Table, chains []chain) error {
	for _, c := range chains {
		recv := reflect.ValueOf(t)
		for _, call := range c {
			m := recv.MethodByName(call.method)
			if !m.IsValid() {
				return fmt.Errorf("internal error: the schema builder has no method %s", call.method)
			}
			args := make([]reflect.Value, len(call.args))
			for i, a := range call.args {
				args[i] = reflect.ValueOf(a)
			}
			if out := m.Call(args); len(out) == 1 {
				recv = out[0]
			}
		}
	}
	return t.Err()
}
