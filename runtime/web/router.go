package web

import (
	"net/http"
	"path"
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

// Middleware is plain net/http middleware. It is an alias, not a new type, so any
// func(http.Handler) http.Handler from any library can be passed to Use as it is.
type Middleware = func(http.Handler) http.Handler

// Router registers handlers on an http.ServeMux with method-qualified patterns
// ("GET /api/posts/{id}") and keeps the list of routes.
//
// Register routes and middleware at start-up, before serving: like http.ServeMux,
// a Router is safe for concurrent requests, not for registration during them.
type Router struct {
	core   *core
	prefix string
	root   bool         // made by NewRouter, not Group: Use wraps the whole mux
	mw     []Middleware // a group's middleware, wrapped around its routes as they register
	sealed bool         // the group has routes already, so a later Use would miss them
}

// core is what a router shares with its groups.
type core struct {
	mux     *http.ServeMux
	routes  []Route
	stack   []Middleware // the root router's middleware, outermost first
	handler http.Handler // stack wrapped around the mux; rebuilt by Use
}

// NewRouter returns an empty router. Unknown paths answer a JSON 404 and known
// paths with the wrong method a JSON 405 with an Allow header.
func NewRouter() *Router {
	c := &core{mux: http.NewServeMux()}
	c.handler = http.HandlerFunc(c.serveMux)
	return &Router{core: c, root: true}
}

// Use adds middleware; the first one given runs first (outermost).
//
// On the router from NewRouter, middleware wraps the whole mux, so it also runs for
// requests no route matches (404, 405) — request ids and access logs need that — but
// it runs before routing, so r.PathValue is not set yet. In a Group, middleware wraps
// only that group's routes and runs after routing; it must be added before the
// group's routes, and Use panics otherwise rather than silently skip the routes
// already registered (an auth middleware added too late would be a security hole).
func (r *Router) Use(mw ...Middleware) {
	for _, m := range mw {
		if m == nil {
			panic("web: Use: nil middleware")
		}
	}
	if r.root {
		r.core.stack = append(r.core.stack, mw...)
		r.core.handler = chain(r.core.stack, http.HandlerFunc(r.core.serveMux))
		return
	}
	if r.sealed {
		panic("web: Use in group " + r.prefix + " after its routes: call Use before registering routes")
	}
	r.mw = append(r.mw[:len(r.mw):len(r.mw)], mw...)
}

// Handle registers h for method and path (relative to the router's group prefix).
// It panics on an invalid or duplicate pattern, like http.ServeMux: that is a
// programming error found at start-up, not at request time.
func (r *Router) Handle(method, path string, h http.Handler) {
	r.handle(method, path, h, handlerName(h))
}

// handle registers h and lists it under name.
func (r *Router) handle(method, path string, h http.Handler, name string) {
	full := r.prefix + path
	r.core.mux.Handle(method+" "+full, chain(r.mw, h))
	r.core.routes = append(r.core.routes, Route{Method: method, Path: full, Handler: name})
	r.sealed = true
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

// Group registers routes under a common path prefix such as "/api". The group
// inherits the middleware its parent group had added so far.
func (r *Router) Group(prefix string, register func(*Router)) {
	r.sealed = true
	register(&Router{
		core:   r.core,
		prefix: r.prefix + strings.TrimSuffix(prefix, "/"),
		mw:     r.mw[:len(r.mw):len(r.mw)],
	})
}

// Routes returns the registered routes sorted by path, then method.
func (r *Router) Routes() []Route {
	out := append([]Route(nil), r.core.routes...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// ServeHTTP runs the middleware and dispatches to the registered handlers.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.core.handler.ServeHTTP(w, req)
}

// serveMux dispatches through a writer that knows which request the mux routed,
// so it can tell the mux's own 404/405 (no route matched) from a handler's.
func (c *core) serveMux(w http.ResponseWriter, req *http.Request) {
	rw := wrap(w)
	rw.routed = req
	rw.unclean = req.Method != http.MethodConnect && !isClean(req.URL.EscapedPath())
	c.mux.ServeHTTP(rw, req)
}

// isClean reports whether the mux would serve p as it is rather than
// redirect to its cleaned form: ServeMux's cleanPath, which is path.Clean
// that keeps a trailing slash.
func isClean(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c == p
}

// chain wraps h in mw, the first middleware outermost.
func chain(mw []Middleware, h http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// handlerName names a handler for route listings: the function name for funcs and
// methods ("controllers.(*PostController).Index"), the type name otherwise.
func handlerName(h http.Handler) string {
	switch f := h.(type) {
	case http.HandlerFunc:
		return funcName(f)
	case Handler:
		return funcName(f)
	}
	return reflect.TypeOf(h).String()
}

// funcName is the package-qualified name of a func value, without the import
// path and without the "-fm" suffix the compiler gives method values.
func funcName(f any) string {
	fn := runtime.FuncForPC(reflect.ValueOf(f).Pointer())
	if fn == nil {
		return reflect.TypeOf(f).String()
	}
	name := fn.Name()
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSuffix(name, "-fm")
}
