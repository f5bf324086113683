package devserver

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"sync"
)

// failure is why the newest code is not running: a failed build, or a process that
// exited before it was ready. Browsers get it as an overlay page, JSON clients as
// {"message": …}, until the next good build.
type failure struct {
	Title  string // "Build failed", …
	Output string // compiler or app output
	Gen    int    // changes whenever the failure does; the overlay page polls it
}

// message is the one-line summary for JSON clients and the terminal.
func (f *failure) message() string {
	if first := firstMessage(f.Output); first != "" {
		return strings.ToLower(f.Title[:1]) + f.Title[1:] + ": " + first
	}
	return strings.ToLower(f.Title[:1]) + f.Title[1:]
}

// wantsHTML is a browser loading a page.
func wantsHTML(r *http.Request) bool {
	return (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}

// wantsJSON is an API client that asked for JSON.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "json")
}

// writeFailure answers with the failure in the form the client asked for.
// serving says whether an older version still answers other requests.
func writeFailure(w http.ResponseWriter, r *http.Request, f *failure, serving bool, status int) {
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case wantsHTML(r):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		overlayPage().Execute(w, overlayData{failure: f, Serving: serving, Lines: splitMessages(f.Output)})
	case wantsJSON(r):
		writeJSON(w, status, map[string]string{"message": f.message(), "output": f.Output})
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "kiln: %s\n\n%s\n", f.Title, f.Output)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

type overlayData struct {
	*failure
	Serving bool
	Lines   []msgLine
}

// overlayPage shows the failure and reloads itself once the failure changes (the
// next build succeeded, or failed differently): the developer keeps the browser
// open and just saves.
var overlayPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("overlay").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kiln: {{.Title}}</title>
<style>
body{margin:0;background:#1e1e1e;color:#ddd;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
main{max-width:960px;margin:40px auto;padding:0 24px}
h1{color:#ff6b6b;font-size:20px;margin:0 0 4px}
p{color:#999;margin:0 0 24px}
pre{background:#111;border-left:4px solid #ff6b6b;padding:16px;overflow:auto;white-space:pre-wrap}
.pos{color:#ff6b6b;font-weight:bold}
</style></head>
<body><main>
<h1>{{.Title}}</h1>
<p>{{if .Serving}}The previous version keeps running for other clients. {{end}}This page reloads when you save a fix.</p>
<pre>{{range .Lines}}{{.Indent}}{{if .Pos}}<span class="pos">{{.Pos}}</span>:{{end}}{{.Text}}
{{end}}</pre>
</main>
<script>
(function poll(){
  fetch("/__kiln/status",{cache:"no-store"}).then(function(r){return r.json()}).then(function(s){
    if(s.gen!=={{.Gen}}){location.reload();return}
    setTimeout(poll,400)
  }).catch(function(){setTimeout(poll,1000)})
})()
</script>
</body></html>
`))
})
