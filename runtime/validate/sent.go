package validate

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Sent records which top-level keys a request body had. Embed it in a
// request type and Bind fills it in, so a PATCH can tell a field sent as
// null (clear the column) from a field left out (keep it): both decode to
// a nil pointer.
//
//	type UpdatePostRequest struct {
//		validate.Sent
//		Body *string `json:"body"`
//	}
//	if req.Sent.Has("body") { post.Body = req.Body }
type Sent struct {
	keys []string
}

// Has reports whether the body had the key, matched as encoding/json
// matches keys to fields: exactly, else ignoring case.
func (s Sent) Has(key string) bool {
	for _, k := range s.keys {
		if k == key {
			return true
		}
	}
	for _, k := range s.keys {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// setSent is how Bind fills in an embedded Sent: an unexported method, so
// only this package can call it.
func (s *Sent) setSent(keys []string) { s.keys = keys }

type sentSetter interface{ setSent(keys []string) }

// member is one key of a JSON object and whether its value is null.
type member struct {
	key        string
	null       bool
	start, end int // the member's bytes in the body: "key": value
}

// topLevelKeys lists the keys of the JSON object raw, in order, unescaped.
// raw must be valid JSON (Bind has decoded it already); anything but an
// object gives nil.
func topLevelKeys(raw []byte) []string { return keysOf(topLevelMembers(raw)) }

// keysOf lists the members' keys; nil for nil (a body that is no object).
func keysOf(members []member) []string {
	if members == nil {
		return nil
	}
	keys := make([]string, len(members))
	for i, m := range members {
		keys[i] = m.key
	}
	return keys
}

// topLevelMembers lists the members of the JSON object raw, in order, keys
// unescaped; as topLevelKeys, raw must be valid JSON.
func topLevelMembers(raw []byte) []member {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil
	}
	var members []member
	i++
	for {
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] != '"' {
			return members // '}' of an empty object, or the end
		}
		end := skipString(raw, i)
		m := member{key: unquote(raw[i:end]), start: i}
		i = skipSpace(raw, skipSpace(raw, end)+1) // past ':'
		m.null = bytes.HasPrefix(raw[i:], []byte("null"))
		i = skipValue(raw, i)
		m.end = i
		members = append(members, m)
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] != ',' {
			return members
		}
		i++
	}
}

// unquote decodes a JSON string literal as encoding/json does; plain ones
// need no decoding (invalid UTF-8 does: it becomes U+FFFD).
func unquote(lit []byte) string {
	if !strings.ContainsRune(string(lit), '\\') && utf8.Valid(lit) {
		return string(lit[1 : len(lit)-1])
	}
	var s string
	_ = json.Unmarshal(lit, &s) // valid JSON: cannot fail
	return s
}

func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string literal starting at i.
func skipString(raw []byte, i int) int {
	for i++; i < len(raw); i++ {
		switch raw[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}

// skipValue returns the index after the JSON value starting at i.
func skipValue(raw []byte, i int) int {
	depth := 0
	for i < len(raw) {
		switch c := raw[i]; c {
		case '"':
			i = skipString(raw, i)
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
			if depth < 0 {
				return i // the end of the enclosing object
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}
