package spec

import "fmt"

// autoColumnOrder lists autoColumns in a fixed order for deterministic
// messages.
var autoColumnOrder = []string{"id", "created_at", "updated_at", "deleted_at"}

// columnProblem checks a field's name, column and Go name against what
// the runtime adds itself, the generated model methods and the databases.
func (f *Field) columnProblem() string {
	col := f.Column()
	for _, c := range []string{f.Name, col} {
		if msg, ok := autoColumns[c]; ok {
			return fmt.Sprintf("%q %s", c, msg)
		}
	}
	if msg := goNameProblem(f.GoName()); msg != "" {
		return fmt.Sprintf("field %q %s", f.Name, msg)
	}
	if f.Relation != nil {
		if msg := goNameProblem(f.Relation.Name); msg != "" {
			return fmt.Sprintf("belongs_to %q %s", f.Name, msg)
		}
	}
	switch {
	case len(col) > maxIdentLen:
		return fmt.Sprintf("column %s is %d characters long; PostgreSQL allows %d, use a shorter name", col, len(col), maxIdentLen)
	case sQLReserved[col]:
		alt, ok := sqlRenames[col]
		if !ok {
			alt = col + "_value"
		}
		return fmt.Sprintf("%q is an SQL reserved word; pick another name, e.g. %s", col, alt)
	case systemColumns[col]:
		return fmt.Sprintf("%q is a hidden system column in PostgreSQL or SQLite; pick another name", col)
	}
	return ""
}

// goNameProblem rejects Go field names that clash with the fields and
// methods every generated model has. The message reads after the name.
func goNameProblem(goName string) string {
	for _, c := range autoColumnOrder {
		if goCamel(splitSnake(c)) == goName {
			return fmt.Sprintf("becomes the Go field %s, which %s", goName, autoColumns[c])
		}
	}
	for _, r := range reservedFieldNames {
		if g := goCamel(splitWords(r)); g == goName {
			return fmt.Sprintf("would clash with the generated %s method; pick another name", g)
		}
	}
	return ""
}

// fieldClash finds the first field that repeats an earlier field's column
// or Go name (including belongs_to relation names). It returns the indexes
// of the earlier and the later field and what they share ("column
// first_name", "Go name Author"), or -1, -1, "".
func fieldClash(fields []Field) (int, int, string) {
	cols := map[string]int{}    // column → field index
	goNames := map[string]int{} // Go name → field index
	for i, f := range fields {
		if j, dup := cols[f.Column()]; dup {
			return j, i, "column " + f.Column()
		}
		cols[f.Column()] = i
		names := []string{f.GoName()}
		if f.Relation != nil && f.Relation.Name != f.GoName() {
			names = append(names, f.Relation.Name)
		}
		for _, g := range names {
			if j, dup := goNames[g]; dup {
				return j, i, "Go name " + g
			}
			goNames[g] = i
		}
	}
	return -1, -1, ""
}
