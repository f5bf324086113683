package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/web"
)

// echoID answers the request id the handler sees in its context.
func echoID(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, web.RequestIDFrom(r.Context()))
}

func TestRequestID(t *testing.T) {
	url, logs := newApp(t, web.Options{}, func(r *web.Router) { r.Get("/id", echoID) })
	long := strings.Repeat("r", 128)
	cases := []struct {
		name, incoming string
		kept           bool
	}{
		{"none", "", false},
		{"sane", "req-42_abc.DEF:9", true},
		{"128 characters", long, true},
		{"129 characters", long + "r", false},
		{"space", "a b", false},
		{"tab", "a\tb", false},
		{"non-ASCII", "réq", false},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var header []string
			if tc.incoming != "" {
				header = []string{"X-Request-ID", tc.incoming}
			}
			resp := send(t, "GET", url+"/id", nil, header...)
			id := resp.header.Get("X-Request-ID")
			switch {
			case tc.kept && id != tc.incoming:
				t.Errorf("id %q, want the incoming %q", id, tc.incoming)
			case !tc.kept && (len(id) != 26 || id == tc.incoming || seen[id]):
				t.Errorf("id %q, want a new random one", id)
			case resp.body != id:
				t.Errorf("handler saw %q, response header says %q", resp.body, id)
			}
			seen[id] = true
		})
	}
	for _, rec := range logs.lines(t, "request") {
		if !seen[rec["request_id"].(string)] {
			t.Errorf("access log has id %v that no response had", rec["request_id"])
		}
	}
	if got := len(logs.lines(t, "request")); got != len(cases) {
		t.Errorf("%d access log lines, want %d", got, len(cases))
	}
}

func TestRequestIDOutsideTheStackIsEmpty(t *testing.T) {
	r := web.NewRouter()
	r.Get("/id", echoID)
	if resp := send(t, "GET", serve(t, r)+"/id", nil); resp.body != "" || resp.header.Get("X-Request-ID") != "" {
		t.Errorf("got %q, header %v", resp.body, resp.header)
	}
}
