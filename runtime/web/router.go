// Package web is the HTTP layer of a kiln app: a router on net/http's ServeMux patterns
// that remembers what it registered, so `app routes` can list it. Handlers are plain
// http.Handlers, so any net/http middleware works.
package web

import (
	"net/http"
	"reflect"
	"runtime"
	"sort"
	"strings"
)

// Route is one registered endpoint, as listed by `app routes` and `kiln routes`.
type Route struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	Handler string `json:"handler"`
}

// Router registers handlers on an http.ServeMux with method-qualified patterns
// ("GET /api/posts/{id}") and keeps the list of routes.
type Router struct {
	mux    *http.ServeMux
	prefix string
	routes *[]Route
}

// NewRouter returns an empty router.
func NewRouter() *Router {
	return &Router{mux: http.NewServeMux(), routes: new([]Route)}
}

// Handle registers h for method and path (relative to the router's group prefix).
// It panics on an invalid or duplicate pattern, like http.ServeMux: that is a
// programming error found at start-up, not at request time.
func (r *Router) Handle(method, path string, h http.Handler) {
	full := r.prefix + path
	r.mux.Handle(method+" "+full, h)
	*r.routes = append(*r.routes, Route{Method: method, Path: full, Handler: handlerName(h)})
}

// Get registers a GET handler (ServeMux also answers HEAD for it).
func (r *Router) Get(path string, h http.HandlerFunc) { r.Handle(http.MethodGet, path, h) }

// Post registers a POST handler.
func (r *Router) Post(path string, h http.HandlerFunc) { r.Handle(http.MethodPost, path, h) }

// Put registers a PUT handler.
func (r *Router) Put(path string, h http.HandlerFunc) { r.Handle(http.MethodPut, path, h) }

// Patch registers a PATCH handler.
func (r *Router) Patch(path string, h http.HandlerFunc) { r.Handle(http.MethodPatch, path, h) }

// Delete registers a DELETE handler.
func (r *Router) Delete(path string, h http.HandlerFunc) { r.Handle(http.MethodDelete, path, h) }

// Group registers routes under a common path prefix such as "/api".
func (r *Router) Group(prefix string, register func(*Router)) {
	register(&Router{mux: r.mux, prefix: r.prefix + strings.TrimSuffix(prefix, "/"), routes: r.routes})
}

// Routes returns the registered routes sorted by path, then method.
func (r *Router) Routes() []Route {
	out := append([]Route(nil), *r.routes...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// ServeHTTP dispatches to the registered handlers.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) { r.mux.ServeHTTP(w, req) }

// handlerName names a handler for route listings: the function name for funcs and
// methods ("controllers.(*PostController).Index"), the type name otherwise.
func handlerName(h http.Handler) string {
	if f, ok := h.(http.HandlerFunc); ok {
		if fn := runtime.FuncForPC(reflect.ValueOf(f).Pointer()); fn != nil {
			name := fn.Name()
			if i := strings.LastIndex(name, "/"); i >= 0 {
				name = name[i+1:]
			}
			return strings.TrimSuffix(name, "-fm")
		}
	}
	return reflect.TypeOf(h).String()
}
