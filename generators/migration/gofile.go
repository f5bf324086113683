package migration

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
)

// runtimeMigrate is the package Go migrations build schemas with.
const runtimeMigrate = "github.com/kilnhq/kiln/runtime/migrate"

// addGo renders a Go migration: an init registering it with the package's Set,
// and its up and down functions, named after the migration.
func addGo(p *plan.Plan, m migration) error {
	path := fmt.Sprintf("%s/%d_%s.go", Dir, m.version, m.name)
	up, down := "up"+camel(m.name), "down"+camel(m.name)
	f := jen.NewFile("migrations")
	f.Func().Id("init").Params().Block(
		jen.Id("Set").Dot("Add").Call(rawInt(m.version), jen.Lit(m.name), jen.Id(up), jen.Id(down)),
	)
	upDoc, downDoc := docs(m)
	for _, fn := range []struct {
		name, doc string
		body      jen.Code
	}{{up, upDoc, upBody(m)}, {down, downDoc, downBody(m)}} {
		f.Line()
		comment(f, fn.name+" "+fn.doc)
		f.Func().Id(fn.name).Params(
			jen.Id("ctx").Qual("context", "Context"),
			jen.Id("s").Op("*").Qual(runtimeMigrate, "Schema"),
		).Error().Block(fn.body)
	}
	src, err := gocode.Render(path, f, "", runtimeMigrate)
	if err != nil {
		return err
	}
	p.AddFormatted(path, src)
	return nil
}

// upBody is the up function's one statement.
func upBody(m migration) jen.Code {
	switch m.action {
	case create:
		return jen.Return(schemaCall("Create", m.table, m.body))
	case addCols:
		return jen.Return(schemaCall("Table", m.table, m.body))
	case removeCols:
		return jen.Return(schemaCall("Table", m.table, []chain{dropChain(m.body)}))
	case change:
		return jen.Return(schemaCall("Table", m.table, nil))
	case drop:
		return jen.Return(jen.Id("s").Dot("Drop").Call(jen.Lit(m.table)))
	}
	return jen.Return(jen.Nil())
}

// downBody undoes upBody.
func downBody(m migration) jen.Code {
	switch m.action {
	case create:
		return jen.Return(jen.Id("s").Dot("DropIfExists").Call(jen.Lit(m.table)))
	case addCols:
		return jen.Return(schemaCall("Table", m.table, []chain{dropChain(m.body)}))
	case removeCols:
		return jen.Return(schemaCall("Table", m.table, m.body))
	case change:
		return jen.Return(schemaCall("Table", m.table, nil))
	case drop:
		if len(m.body) > 0 {
			return jen.Return(schemaCall("Create", m.table, m.body))
		}
		msg := fmt.Sprintf("%s can't be rolled back: the columns of %s are unknown; recreate the table here with s.Create", m.name, m.table)
		return jen.Return(jen.Qual("errors", "New").Call(jen.Lit(msg)))
	}
	return jen.Return(jen.Nil())
}

// docs are the doc comments of the up and down functions, after their names.
func docs(m migration) (up, down string) {
	cols := columnList(m.body)
	switch m.action {
	case create:
		return "creates the " + m.table + " table.", "drops the " + m.table + " table."
	case addCols:
		return fmt.Sprintf("adds %s to %s.", cols, m.table), fmt.Sprintf("drops %s from %s again.", cols, m.table)
	case removeCols:
		return fmt.Sprintf("drops %s from %s.", cols, m.table), fmt.Sprintf("adds %s back to %s.", cols, m.table)
	case change:
		return "changes the " + m.table + " table: add, drop and rename its columns and indexes on t.",
			"reverts the changes of up" + camel(m.name) + "."
	case drop:
		if len(m.body) > 0 {
			return "drops the " + m.table + " table.", "recreates the " + m.table + " table with the columns it was generated with."
		}
		return "drops the " + m.table + " table.",
			"can't recreate the " + m.table + " table: its columns were not given when the migration was generated."
	}
	return "applies the migration: change tables with s.Create, s.Table and s.Drop, or run SQL with s.Exec.",
		"reverts what up" + camel(m.name) + " did."
}

// comment adds a doc comment wrapped at about 90 columns, as gofmt'd code reads.
func comment(f *jen.File, text string) {
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > 86 {
			f.Comment(line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	f.Comment(line)
}

// schemaCall renders s.<method>("table", func(t *migrate.Table) { … }).
func schemaCall(method, table string, chains []chain) jen.Code {
	stmts := make([]jen.Code, len(chains))
	for i, c := range chains {
		stmts[i] = chainCode(c)
	}
	fn := jen.Func().Params(jen.Id("t").Op("*").Qual(runtimeMigrate, "Table")).Block(stmts...)
	return jen.Id("s").Dot(method).Call(jen.Lit(table), fn)
}

// chainCode renders t.Builder(args).Modifier(args)….
func chainCode(c chain) jen.Code {
	code := jen.Id("t")
	for _, call := range c {
		args := make([]jen.Code, len(call.args))
		for i, a := range call.args {
			args[i] = literal(a)
		}
		code = code.Dot(call.method).Call(args...)
	}
	return code
}

// literal renders a Go constant; ints as bare digits, so they read as the numbers
// they are (jen would write int64(…) for an int64).
func literal(v any) jen.Code {
	if n, ok := v.(int); ok {
		return rawInt(int64(n))
	}
	return jen.Lit(v)
}

func rawInt(n int64) jen.Code { return jen.Op(strconv.FormatInt(n, 10)) }

// columnList names the columns of chains for a doc comment: "a, b and c".
func columnList(chains []chain) string {
	var cols []string
	for _, c := range chains {
		if len(c[0].args) > 0 {
			cols = append(cols, fmt.Sprint(c[0].args[0]))
		}
	}
	if len(cols) < 2 {
		return strings.Join(cols, "")
	}
	return strings.Join(cols[:len(cols)-1], ", ") + " and " + cols[len(cols)-1]
}

// camel turns a snake_case migration name into CamelCase for function names:
// create_posts_table → CreatePostsTable.
func camel(snake string) string {
	var b strings.Builder
	for _, w := range strings.Split(snake, "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}
