package web

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// jsonType is the Content-Type of every JSON response. JSON is UTF-8 by
// definition (RFC 8259), so there is no charset parameter.
const jsonType = "application/json"

// internalBody is the 500 body JSON writes when v cannot be encoded.
const internalBody = `{"message":"internal server error"}` + "\n"

// encodeError is JSON's error when v cannot be encoded. JSON has already answered
// 500 by then, so WriteError only logs it, if JSON has not.
type encodeError struct {
	err    error
	logged bool // JSON logged it with its request
}

func (e *encodeError) Error() string { return "web: encode response: " + e.err.Error() }
func (e *encodeError) Unwrap() error { return e.err }

// JSON writes v as a JSON response with status. v is encoded before anything is
// written, so a value that cannot be encoded (a NaN, a channel) never leaves a
// half-written 200: JSON answers 500 itself, logs the error with the request
// when the Router serves it, and returns it — ignoring the result is safe, and
// passing it on to WriteError (or returning it from a Handler) logs it only if
// JSON could not. Errors writing to the client are not returned: the client is
// gone and there is nothing left to do.
func JSON(w http.ResponseWriter, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, []byte(internalBody))
		e := &encodeError{err: err}
		if rw := findWriter(w); rw != nil && rw.routed != nil {
			logFailure(rw.routed, http.StatusInternalServerError, e)
			e.logged = true
		}
		return e
	}
	writeJSON(w, status, append(body, '\n'))
	return nil
}

// Created answers 201 with v and, when location is not empty, a Location header
// naming the new resource (/api/posts/7).
func Created(w http.ResponseWriter, location string, v any) error {
	if location != "" {
		w.Header().Set("Location", location)
	}
	return JSON(w, http.StatusCreated, v)
}

// NoContent answers 204 with no body, as after a DELETE.
func NoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// writeJSON writes an encoded JSON body with its length, so clients and proxies
// need not read to the end of a chunked stream to know it is complete.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	if status == http.StatusNoContent || status == http.StatusNotModified {
		w.WriteHeader(status) // these statuses have no body, so no length either
		return
	}
	h := w.Header()
	h.Set("Content-Type", jsonType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
