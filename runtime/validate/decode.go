package validate

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/kilnhq/kiln/runtime/web"
)

// decodeBody decodes the request's JSON body into v with web.DecodeBody, so
// Content-Type (415), the size limit (413) and an empty, malformed or
// trailing-data body (400) are answered exactly as web.Decode answers them.
// It also returns the body, for Sent and for naming the fields of a decode
// error.
//
// Unlike web.Decode, a value of the wrong type or an unknown key is the
// client's data being wrong, not the request being malformed: it is returned
// as a failure naming the field by its full path (items.1.qty), as Laravel
// names it, for Bind to report with the rules the other fields fail, and
// covered lists the paths whose rules would only repeat it. A body that is
// not an object is still a 400.
func decodeBody(r *http.Request, v any) (raw []byte, typeFails []failure, covered []string, err error) {
	body, err := web.DecodeBody(r, v)
	if err != nil && !dataError(err) {
		return body, nil, nil, err
	}
	if t := reflect.TypeOf(v).Elem(); t.Kind() == reflect.Struct && firstByte(body) != '{' {
		// Also a null body, which decodes into a struct without error.
		return nil, nil, nil, web.BadRequest("request body must be a JSON object")
	}
	if err == nil {
		return body, nil, nil, nil
	}
	locate(body, reflect.TypeOf(v).Elem(), "", &typeFails)
	if len(typeFails) == 0 { // not expected: the decoder and locate disagree
		return nil, nil, nil, err
	}
	if decodedTheRest(err) {
		for _, f := range typeFails {
			covered = append(covered, f.path)
		}
		return body, typeFails, covered, nil
	}
	// A value's own UnmarshalJSON failed, which stops encoding/json where it
	// is: decode again without the members that hold a bad value, so the
	// other fields' rules can still run.
	covered = topLevelKeysOf(typeFails)
	reflect.ValueOf(v).Elem().SetZero()
	dec := json.NewDecoder(bytes.NewReader(withoutMembers(body, covered)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !decodedTheRest(err) {
		return nil, nil, nil, unprocessable(typeFails, customMessages(v)) // v is half-decoded
	}
	return body, typeFails, covered, nil
}

// topLevelKeysOf lists the top-level keys of the failures' paths, once each.
func topLevelKeysOf(fails []failure) []string {
	var keys []string
	for _, f := range fails {
		key, _, _ := strings.Cut(f.path, ".")
		if !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
	}
	return keys
}

// withoutMembers returns the JSON object raw without its members named by
// keys (raw is valid JSON: it decoded up to a value's own error).
func withoutMembers(raw []byte, keys []string) []byte {
	out := []byte{'{'}
	for _, m := range topLevelMembers(raw) {
		if slices.ContainsFunc(keys, func(k string) bool { return strings.EqualFold(k, m.key) }) {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, raw[m.start:m.end]...)
	}
	return append(out, '}')
}

// withoutCovered drops the rule failures on a covered path or inside one: a
// value of the wrong type is left at its zero value (or, when its member was
// left out to decode the rest, missing), and failing required too would say
// the same thing twice.
func withoutCovered(ruleFails []failure, covered []string) []failure {
	isCovered := func(p string) bool {
		for _, c := range covered {
			if p == c || strings.HasPrefix(p, c+".") {
				return true
			}
		}
		return false
	}
	return slices.DeleteFunc(ruleFails, func(f failure) bool { return isCovered(f.path) })
}

// decodedTheRest reports whether encoding/json went on decoding the other
// fields after the data error err, as it does after a value of the wrong
// type or an unknown key, but not after a value's own UnmarshalJSON failed
// (a bad time, decimal or UUID): that stops it where it is.
func decodedTheRest(err error) bool {
	var typ *json.UnmarshalTypeError
	return errors.As(err, &typ) || strings.Contains(err.Error(), "json: unknown field ")
}

// dataError reports whether a web.DecodeInto error is about the values in a
// well-formed body (a 400 whose cause is a type mismatch, an unknown key or
// a value's own UnmarshalJSON), not about the request itself.
func dataError(err error) bool {
	var e *web.Error
	if !errors.As(err, &e) || e.Status != http.StatusBadRequest || e.Err == nil {
		return false
	}
	var syntax *json.SyntaxError
	return !errors.As(e.Err, &syntax) && !errors.Is(e.Err, io.ErrUnexpectedEOF)
}

// firstByte is the first non-space byte of raw.
func firstByte(raw []byte) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// locate walks raw along t and records every value t cannot hold. It runs
// only after a failed decode, so it may be slow: each value is decoded on
// its own to see whether it fits.
func locate(raw []byte, t reflect.Type, path string, fails *[]failure) {
	if string(bytes.TrimSpace(raw)) == "null" {
		return // null decodes into anything, leaving it unset
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(jsonUnmarshaler) || pt.Implements(textUnmarshaler) {
		locateValue(raw, t, path, fails)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		locateObject(raw, t, path, fails)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && firstByte(raw) == '"' {
			locateValue(raw, t, path, fails) // []byte is base64 text
			return
		}
		locateArray(raw, t, path, fails)
	default:
		locateValue(raw, t, path, fails)
	}
}

// locateValue decodes a value on its own and names its type on failure.
func locateValue(raw []byte, t reflect.Type, path string, fails *[]failure) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if dec.Decode(reflect.New(t).Interface()) != nil {
		*fails = append(*fails, failure{path: path, rule: typeRule(t)})
	}
}

// locateObject checks each key of a JSON object against the struct's fields.
func locateObject(raw []byte, t reflect.Type, path string, fails *[]failure) {
	if firstByte(raw) != '{' {
		*fails = append(*fails, failure{path: path, rule: "object"})
		return
	}
	var obj map[string]json.RawMessage
	keys := topLevelKeys(raw)
	if json.Unmarshal(raw, &obj) != nil {
		return
	}
	fields := jsonFields(t)
	for _, key := range keys {
		name, ok := lookupField(fields, key)
		if !ok {
			*fails = append(*fails, failure{path: join(path, key), rule: "prohibited"})
			continue
		}
		locate(obj[key], t.FieldByIndex(fields[name]).Type, join(path, name), fails)
	}
}

// locateArray checks each element of a JSON array.
func locateArray(raw []byte, t reflect.Type, path string, fails *[]failure) {
	var elems []json.RawMessage
	if firstByte(raw) != '[' || json.Unmarshal(raw, &elems) != nil {
		*fails = append(*fails, failure{path: path, rule: "array"})
		return
	}
	if t.Kind() == reflect.Array && len(elems) > t.Len() {
		*fails = append(*fails, failure{path: path, rule: "max", form: "array", params: map[string]string{"max": strconv.Itoa(t.Len())}})
	}
	for i, e := range elems {
		locate(e, t.Elem(), join(path, strconv.Itoa(i)), fails)
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// typeRule names the message for a value that does not fit t.
func typeRule(t reflect.Type) string {
	switch t.PkgPath() + "." + t.Name() {
	case "time.Time":
		return "date"
	case "github.com/google/uuid.UUID", "github.com/google/uuid.NullUUID":
		return "uuid"
	case "github.com/shopspring/decimal.Decimal", "github.com/shopspring/decimal.NullDecimal":
		return "numeric"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "numeric"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return "invalid"
}
