package web

import "net/http"

// Handler is a handler that returns its error instead of writing it, so handler
// code reads `if err != nil { return err }`; ServeHTTP answers a non-nil error with
// WriteError. Being a func type, web.Handler(c.Show) is a conversion, and route
// listings show the function's name, not the adapter's.
type Handler func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP calls h and answers its error, if any, with WriteError.
func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := h(w, r); err != nil {
		WriteError(w, r, err)
	}
}
