package validate

import (
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Replacer is implemented by an update request whose record has fields it
// cannot be without (NOT NULL columns with no default). Required names them
// by JSON key. Bind then holds a PUT, which replaces the record, to sending
// every one of them, as a store request must; and it refuses any of them
// sent as null, by PUT or PATCH, which could otherwise not clear the column
// and would be ignored. Each miss is Laravel's "The title field is
// required.", reported together with the other failed rules.
//
// Generated update requests implement it; a PATCH may still leave any field
// out.
type Replacer interface {
	Required() []string
}

// NullRefuser is implemented by a request with fields that may be left out
// but cannot be null: NOT NULL columns with a default. NotNull names them by
// JSON key, and Bind refuses any of them sent as null with Laravel's "The
// qty field must have a value.": decoded, a null is a nil pointer, the same
// as a field left out, so it would otherwise be ignored (or the default
// used) where the client asked to clear the column.
//
// Generated store and update requests implement it.
type NullRefuser interface {
	NotNull() []string
}

// checksMembers reports whether Bind must scan v's body for its top-level
// members: for Sent, Replacer or NullRefuser.
func checksMembers(v any) bool {
	_, sent := v.(sentSetter)
	_, rep := v.(Replacer)
	_, nr := v.(NullRefuser)
	return sent || rep || nr
}

// missingRequired returns a required failure for each of v's Required keys
// that the body, whose top-level members are members, leaves out on a PUT or
// sends as null, and a filled failure for each NotNull key sent as null.
func missingRequired(method string, members []member, v any) []failure {
	var fails []failure
	if rep, ok := v.(Replacer); ok {
		for _, key := range rep.Required() {
			i := findMember(members, key)
			if i < 0 && method == http.MethodPut || i >= 0 && members[i].null {
				fails = append(fails, failure{path: key, rule: "required"})
			}
		}
	}
	if nr, ok := v.(NullRefuser); ok {
		for _, key := range nr.NotNull() {
			if i := findMember(members, key); i >= 0 && members[i].null {
				fails = append(fails, failure{path: key, rule: "filled"})
			}
		}
	}
	return fails
}

// findMember returns the index of the member whose value encoding/json
// decodes into key's field, or -1: it matches keys to fields ignoring case,
// and of several matching members the last one wins.
func findMember(members []member, key string) int {
	for i := len(members) - 1; i >= 0; i-- {
		if strings.EqualFold(members[i].key, key) {
			return i
		}
	}
	return -1
}

// inFieldOrder sorts failures by the struct field their top-level key names
// in t, keeping the order within a field, so the summary message names the
// first field a reader of the request type meets.
func inFieldOrder(t reflect.Type, fails []failure) []failure {
	fields := fieldsOf(deref(t))
	position := func(f failure) int {
		key := f.path
		for i, c := range key {
			if c == '.' {
				key = key[:i]
				break
			}
		}
		if i, ok := fields[key]; ok {
			return i
		}
		return len(fields)
	}
	slices.SortStableFunc(fails, func(a, b failure) int {
		if d := position(a) - position(b); d != 0 {
			return d
		}
		return compareIndexes(a.path, b.path)
	})
	return fails
}

// compareIndexes orders two paths in one field by their first differing
// array index (items.0.qty before items.1.qty); paths that differ otherwise
// keep their order.
func compareIndexes(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := range min(len(as), len(bs)) {
		if as[i] == bs[i] {
			continue
		}
		x, errA := strconv.Atoi(as[i])
		y, errB := strconv.Atoi(bs[i])
		if errA != nil || errB != nil {
			return 0
		}
		return x - y
	}
	return 0
}
