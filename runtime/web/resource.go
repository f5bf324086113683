package web

import (
	"net/http"
	"reflect"
	"strings"
)

// ResourceController is a controller for a JSON API resource, as `kiln make
// controller --resource --api` generates it. Update serves both PUT (full
// replacement) and PATCH (partial update); r.Method tells which.
type ResourceController interface {
	Index(w http.ResponseWriter, r *http.Request)   // GET    path
	Store(w http.ResponseWriter, r *http.Request)   // POST   path
	Show(w http.ResponseWriter, r *http.Request)    // GET    path/{id}
	Update(w http.ResponseWriter, r *http.Request)  // PUT    path/{id}, PATCH path/{id}
	Destroy(w http.ResponseWriter, r *http.Request) // DELETE path/{id}
}

// Resource registers the JSON API routes of c under path ("/posts"): index and
// store on path, show, update and destroy on path/{id}. Routes list each under
// the controller method's name, such as controllers.(*PostController).Show.
func (r *Router) Resource(path string, c ResourceController) {
	path = strings.TrimSuffix(path, "/")
	item := path + "/{id}"
	r.handle(http.MethodGet, path, http.HandlerFunc(c.Index), methodName(c, "Index"))
	r.handle(http.MethodPost, path, http.HandlerFunc(c.Store), methodName(c, "Store"))
	r.handle(http.MethodGet, item, http.HandlerFunc(c.Show), methodName(c, "Show"))
	r.handle(http.MethodPut, item, http.HandlerFunc(c.Update), methodName(c, "Update"))
	r.handle(http.MethodPatch, item, http.HandlerFunc(c.Update), methodName(c, "Update"))
	r.handle(http.MethodDelete, item, http.HandlerFunc(c.Destroy), methodName(c, "Destroy"))
}

// methodName names a method of recv's dynamic type the way the runtime names
// functions: controllers.(*PostController).Show. Method values taken through an
// interface would all be named after the interface (web.ResourceController.Show),
// and looking the method up by reflection would make the linker keep every
// exported method in the app binary.
func methodName(recv any, method string) string {
	t := reflect.TypeOf(recv)
	if t.Kind() == reflect.Pointer && t.Name() == "" {
		e := t.Elem()
		return lastElem(e.PkgPath()) + ".(*" + e.Name() + ")." + method
	}
	return lastElem(t.PkgPath()) + "." + t.Name() + "." + method
}

// lastElem is the last element of an import path: controllers.
func lastElem(importPath string) string {
	return importPath[strings.LastIndexByte(importPath, '/')+1:]
}
