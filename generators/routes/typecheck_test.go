package routes

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// stubs are just enough of the packages a routes file imports to type-check
// it without building anything: the edit's result must compile, not only
// parse (an import shadowed by a variable parses fine).
var stubs = map[string]string{
	"net/http": `package http
type ResponseWriter interface{ Write([]byte) (int, error) }
type Request struct{}
type Handler interface{ ServeHTTP(ResponseWriter, *Request) }
type HandlerFunc func(ResponseWriter, *Request)
func (f HandlerFunc) ServeHTTP(w ResponseWriter, r *Request) { f(w, r) }
const StatusOK = 200`,
	"github.com/kilnhq/kiln/runtime/db": `package db
type DB struct{}`,
	"github.com/kilnhq/kiln/runtime/web": `package web
import "net/http"
type ResourceController interface{ Index(http.ResponseWriter, *http.Request) }
type Router struct{}
type Middleware func(http.Handler) http.Handler
func JSON(w http.ResponseWriter, status int, v any) error { return nil }
func (r *Router) Use(mw ...Middleware)                               {}
func (r *Router) Resource(path string, c ResourceController)         {}
func (r *Router) Get(path string, h http.HandlerFunc)                {}
func (r *Router) Post(path string, h http.HandlerFunc)               {}
func (r *Router) Handle(method, path string, h http.Handler)         {}
func (r *Router) Group(prefix string, register func(*Router))        {}`,
	module + "/app/http/controllers": `package controllers
import (
	"net/http"
	"github.com/kilnhq/kiln/runtime/db"
)
type PostController struct{ DB *db.DB }
func (*PostController) Index(http.ResponseWriter, *http.Request) {}
type TagController struct{ DB *db.DB }
func (*TagController) Index(http.ResponseWriter, *http.Request) {}
type BlogPostController struct{ DB *db.DB }
func (*BlogPostController) Index(http.ResponseWriter, *http.Request) {}
type CommentController struct{ DB *db.DB }
func (*CommentController) Index(http.ResponseWriter, *http.Request) {}
func NewPostController(d *db.DB) *PostController { return &PostController{DB: d} }`,
	module + "/app/http/middleware": `package middleware
import "net/http"
func CORS(h http.Handler) http.Handler { return h }`,
	module + "/internal/controllers": `package controllers
import "net/http"
func Hello(http.ResponseWriter, *http.Request) {}`,
}

// stubImporter type-checks the stubs on demand.
type stubImporter struct {
	fset *token.FileSet
	pkgs map[string]*types.Package
}

func (im *stubImporter) Import(path string) (*types.Package, error) {
	if p, ok := im.pkgs[path]; ok {
		return p, nil
	}
	src, ok := stubs[path]
	if !ok {
		return nil, fmt.Errorf("no stub for %s", path)
	}
	p, err := check(im, path, src)
	if err != nil {
		return nil, fmt.Errorf("stub %s: %w", path, err)
	}
	im.pkgs[path] = p
	return p, nil
}

func check(im *stubImporter, path, src string) (*types.Package, error) {
	f, err := parser.ParseFile(im.fset, path+".go", src, 0)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: im}
	return conf.Check(path, im.fset, []*ast.File{f}, nil)
}

// typeCheck fails the test when src, an edited routes/api.go, does not
// compile against the stubs.
func typeCheck(t *testing.T, src []byte) {
	t.Helper()
	im := &stubImporter{fset: token.NewFileSet(), pkgs: map[string]*types.Package{}}
	if _, err := check(im, module+"/routes", string(src)); err != nil {
		t.Errorf("the edited file does not compile: %v\n%s", err, src)
	}
}
