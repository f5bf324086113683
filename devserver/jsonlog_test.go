package devserver

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestJSONConsole checks that with --json every line is one JSON object:
// kiln's messages with their level, multi-line output one object per line,
// and requests (served over loopback) with their status, size and timing.
func TestJSONConsole(t *testing.T) {
	var out strings.Builder
	c := &console{w: &out, json: true}
	c.warn("port %d is taken", 8000)
	c.line("build", ansiRed, c.highlight("# app\n./main.go:3:2: undefined: x\n"))
	srv := httptest.NewServer(requestLog(c, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id":1}`))
	})))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/api/posts?x=1", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 4 || strings.Contains(out.String(), "\x1b[") {
		t.Fatalf("want 4 plain lines, got:\n%s", out.String())
	}
	var msgs []logLine
	for _, l := range lines[:3] {
		var m logLine
		if err := json.Unmarshal([]byte(l), &m); err != nil || m.Time == "" {
			t.Fatalf("%q: %v", l, err)
		}
		msgs = append(msgs, m)
	}
	if m := msgs[0]; m.Source != "kiln" || m.Level != "warn" || m.Message != "port 8000 is taken" {
		t.Errorf("kiln message: %+v", m)
	}
	if msgs[1].Source != "build" || msgs[1].Message != "# app" || msgs[2].Message != "./main.go:3:2: undefined: x" {
		t.Errorf("build output: %+v", msgs[1:])
	}
	var req requestLogLine
	if err := json.Unmarshal([]byte(lines[3]), &req); err != nil {
		t.Fatal(err)
	}
	if req.Source != "http" || req.Method != "POST" || req.Path != "/api/posts?x=1" || req.Status != 201 ||
		req.Bytes != 8 || req.DurationNS <= 0 || req.HeldNS != 0 {
		t.Errorf("request line: %s", lines[3])
	}
}
