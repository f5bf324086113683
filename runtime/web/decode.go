package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
)

// Decode reads the request's JSON body into a new T; see DecodeInto.
func Decode[T any](r *http.Request) (T, error) {
	var v T
	if err := DecodeInto(r, &v); err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// DecodeInto reads the request's JSON body into v, strictly, so that a client's
// mistake is reported instead of silently ignored:
//
//   - Content-Type must be application/json (or a +json type), else 415;
//   - the body must fit the limit (BodyLimit's, default 1 MiB), else 413;
//   - an empty or malformed body, a field v does not have, a value of the wrong
//     type, or data after the JSON value is a 400 naming the field or the line
//     and column.
//
// Its errors are *Error, ready for WriteError.
func DecodeInto(r *http.Request, v any) error {
	_, err := DecodeBody(r, v)
	return err
}

// DecodeBody is DecodeInto that also returns the body it read (nil when the
// request was refused before reading), for callers that look at the raw JSON
// too, such as validate.Bind naming the fields of a type error.
func DecodeBody(r *http.Request, v any) ([]byte, error) {
	if err := checkContentType(r.Header.Get("Content-Type")); err != nil {
		return nil, err
	}
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	return body, decodeJSON(body, v)
}

// checkContentType accepts application/json and structured +json types such as
// application/merge-patch+json, in UTF-8.
func checkContentType(ct string) error {
	if ct == "application/json" || strings.EqualFold(ct, "application/json; charset=utf-8") {
		return nil // the common cases, without ParseMediaType's allocations
	}
	if ct == "" {
		return UnsupportedMediaType("missing Content-Type: send application/json")
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return UnsupportedMediaType(fmt.Sprintf("unsupported Content-Type %q: send application/json", ct))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return UnsupportedMediaType(fmt.Sprintf("unsupported charset %q: send UTF-8", cs))
	}
	return nil
}

// readBody reads the whole body, up to the limit. Holding it (at most the limit)
// lets errors point at a line and column.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	limit := bodyLimit(r)
	src := io.Reader(r.Body)
	size := 0 // the buffer's first size
	if limit > 0 {
		if r.ContentLength > limit {
			return nil, TooLarge(limit)
		}
		src = http.MaxBytesReader(nil, r.Body, limit)
		// The declared length, up to firstRead: a client that declares more
		// than it sends costs no more than that.
		size = int(min(max(r.ContentLength, 0), firstRead))
	}
	body, err := readAll(src, size+1) // +1: room to see the end without growing
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, TooLarge(tooLarge.Limit)
		}
		e := BadRequest("cannot read the request body")
		e.Err = err
		return nil, e
	}
	return body, nil
}

// firstRead bounds the buffer a declared Content-Length reserves before any
// of the body has arrived; a longer body grows it as it comes.
const firstRead = 64 << 10

// readAll is io.ReadAll starting from a buffer of size bytes, so a body
// whose length the request declared (up to firstRead) is read into one
// allocation of that length (io.ReadAll starts at 512 bytes and grows).
func readAll(src io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, size)
	for {
		n, err := src.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // let append choose the next capacity
		}
	}
}

// jsonSpace is the whitespace JSON allows between values.
const jsonSpace = " \t\r\n"

// decodeJSON decodes exactly one JSON value from body into v.
func decodeJSON(body []byte, v any) error {
	if len(bytes.TrimLeft(body, jsonSpace)) == 0 {
		return BadRequest("request body is empty: send a JSON value")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(body, err)
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(body[end:], jsonSpace); len(rest) > 0 {
		at := len(body) - len(rest)
		return BadRequest("unexpected data after the JSON value at " + position(body, at))
	}
	return nil
}

// decodeError explains a json.Decoder error in the client's terms.
func decodeError(body []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var invalid *json.InvalidUnmarshalError
	var e *Error
	switch {
	case errors.As(err, &invalid):
		return fmt.Errorf("web: decode: %w", err) // a programming error: 500
	case errors.As(err, &syntax):
		e = BadRequest("malformed JSON at " + position(body, int(syntax.Offset)-1) + ": " + syntax.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		e = BadRequest("malformed JSON: unexpected end of input")
	case errors.As(err, &typ):
		e = BadRequest(typeMessage(typ))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		e = BadRequest(strings.TrimPrefix(err.Error(), "json: "))
	default: // an UnmarshalJSON method's error: a bad time, decimal or UUID
		e = BadRequest("invalid JSON value: " + err.Error())
	}
	e.Err = err
	return e
}

// position is the 1-based line and column of body[at].
func position(body []byte, at int) string {
	at = min(max(at, 0), len(body))
	line := 1 + bytes.Count(body[:at], []byte{'\n'})
	col := at - bytes.LastIndexByte(body[:at], '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}

// typeMessage says what a field should have been and what it was:
// `field "views" must be an integer, not a string`.
func typeMessage(e *json.UnmarshalTypeError) string {
	got := valueKind(e.Value)
	want := jsonKind(e.Type)
	if e.Field == "" {
		return "request body must be " + want + ", not " + got
	}
	return fmt.Sprintf("field %q must be %s, not %s", e.Field, want, got)
}

// jsonKind names what JSON value a Go type decodes from.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a " + t.String()
}

// valueKind names the JSON value the decoder found: a string, an array, or a
// number's literal ("1.5"), which says more than "a number" when an integer was wanted.
func valueKind(v string) string {
	if literal, ok := strings.CutPrefix(v, "number "); ok {
		return literal
	}
	switch v {
	case "bool":
		return "a boolean"
	case "array", "object":
		return "an " + v
	}
	return "a " + v
}
