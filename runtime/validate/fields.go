package validate

import (
	"reflect"
	"strings"
	"sync"
)

// fieldCache maps a struct type to its JSON keys and field indexes; built
// once per type, as validator caches tags.
var fieldCache sync.Map // reflect.Type → *structFields

// structFields are a struct type's fields by JSON name.
type structFields struct {
	all    map[string][]int // every field encoding/json decodes into, with its index path
	direct map[string]int   // the fields declared on the type itself
}

func fieldsFor(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f := &structFields{all: map[string][]int{}, direct: map[string]int{}}
	collectFields(t, nil, f.all)
	for name, path := range f.all {
		if len(path) == 1 {
			f.direct[name] = path[0]
		}
	}
	fieldCache.Store(t, f)
	return f
}

// jsonFields returns the fields encoding/json decodes into for a struct
// type, keyed by JSON name, with their index paths. Embedded structs
// without a JSON name are flattened into their parent, as encoding/json
// does; unexported fields and json:"-" fields are left out.
func jsonFields(t reflect.Type) map[string][]int { return fieldsFor(t).all }

func collectFields(t reflect.Type, index []int, out map[string][]int) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		path := append(append([]int{}, index...), i)
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				collectFields(ft, path, out)
				continue
			}
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := out[name]; !dup || len(path) < len(out[name]) {
			out[name] = path // the shallower field wins, as in encoding/json
		}
	}
}

// fieldsOf returns the direct fields of a struct type by JSON name: the
// siblings rules such as after=starts_on refer to.
func fieldsOf(t reflect.Type) map[string]int { return fieldsFor(t).direct }

// lookupField finds the JSON key in fields the way encoding/json does: an
// exact match, else a case-insensitive one.
func lookupField(fields map[string][]int, key string) (string, bool) {
	if _, ok := fields[key]; ok {
		return key, true
	}
	for name := range fields {
		if strings.EqualFold(name, key) {
			return name, true
		}
	}
	return "", false
}
