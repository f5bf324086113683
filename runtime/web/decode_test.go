package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/web"
)

type author struct {
	Name string `json:"name"`
}

type storePost struct {
	Title  string `json:"title"`
	Views  int    `json:"views"`
	Author author `json:"author"`
}

// decodeApp echoes a decoded storePost at /posts.
func decodeApp(t *testing.T, o web.Options) string {
	url, _ := newApp(t, o, func(r *web.Router) {
		r.Handle("POST", "/posts", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
			p, err := web.Decode[storePost](r)
			if err != nil {
				return err
			}
			return web.JSON(w, http.StatusOK, p)
		}))
	})
	return url
}

func TestDecodeAcceptsJSON(t *testing.T) {
	url := decodeApp(t, web.Options{})
	for _, ct := range []string{"application/json", "application/json; charset=UTF-8", "application/merge-patch+json"} {
		resp := send(t, "POST", url+"/posts", strings.NewReader(` {"title":"Hi","views":3,"author":{"name":"Ada"}}`+"\n"), "Content-Type", ct)
		if resp.status != 200 || resp.body != `{"title":"Hi","views":3,"author":{"name":"Ada"}}`+"\n" {
			t.Errorf("%s: got %d %s", ct, resp.status, resp.body)
		}
	}
}

func TestDecodeRefusesWhatIsNotStrictJSON(t *testing.T) {
	url := decodeApp(t, web.Options{})
	cases := []struct {
		name, contentType, body string
		status                  int
		message                 string
	}{
		{"text/plain", "text/plain", `{}`, 415, `unsupported Content-Type "text/plain": send application/json`},
		{"form", "application/x-www-form-urlencoded", `title=x`, 415, `unsupported Content-Type "application/x-www-form-urlencoded": send application/json`},
		{"no Content-Type", "", `{}`, 415, `missing Content-Type: send application/json`},
		{"latin-1", "application/json; charset=latin1", `{}`, 415, `unsupported charset "latin1": send UTF-8`},
		{"empty", "application/json", "", 400, "request body is empty: send a JSON value"},
		{"blank", "application/json", " \n\t", 400, "request body is empty: send a JSON value"},
		{"malformed", "application/json", `{"title": }`, 400,
			"malformed JSON at line 1, column 11: invalid character '}' looking for beginning of value"},
		{"malformed, line 2", "application/json", "{\n  \"title\": \"a\",,\n}", 400,
			"malformed JSON at line 2, column 16: invalid character ',' looking for beginning of object key string"},
		{"truncated", "application/json", `{"title": "a"`, 400, "malformed JSON: unexpected end of input"},
		{"unknown field", "application/json", `{"title":"a","admin":true}`, 400, `unknown field "admin"`},
		{"trailing data", "application/json", `{"title":"a"} {"title":"b"}`, 400, "unexpected data after the JSON value at line 1, column 15"},
		{"trailing garbage", "application/json", "{}\n]", 400, "unexpected data after the JSON value at line 2, column 1"},
		{"wrong type", "application/json", `{"views":"many"}`, 400, `field "views" must be an integer, not a string`},
		{"fraction for an int", "application/json", `{"views":1.5}`, 400, `field "views" must be an integer, not 1.5`},
		{"nested wrong type", "application/json", `{"author":{"name":5}}`, 400, `field "author.name" must be a string, not a number`},
		{"array for object", "application/json", `[1]`, 400, `request body must be an object, not an array`},
		{"bool for object", "application/json", `true`, 400, `request body must be an object, not a boolean`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var header []string
			if tc.contentType != "" {
				header = []string{"Content-Type", tc.contentType}
			}
			resp := send(t, "POST", url+"/posts", strings.NewReader(tc.body), header...)
			if got := message(t, resp); resp.status != tc.status || got != tc.message {
				t.Errorf("got %d %q\nwant %d %q", resp.status, got, tc.status, tc.message)
			}
		})
	}
}

// unsized hides a body's length, so the client sends it chunked and only reading
// it can find it too large.
type unsized struct{ io.Reader }

func TestBodyLimit(t *testing.T) {
	big := strings.Repeat("x", 2<<20)
	tooBig := func(t *testing.T, url string, body io.Reader, want string) {
		t.Helper()
		resp := send(t, "POST", url+"/posts", body, "Content-Type", "application/json")
		if got := message(t, resp); resp.status != 413 || got != want {
			t.Errorf("got %d %q, want 413 %q", resp.status, got, want)
		}
	}
	url := decodeApp(t, web.Options{})
	t.Run("declared length", func(t *testing.T) {
		tooBig(t, url, strings.NewReader(`{"title":"`+big+`"}`), "request body too large: the limit is 1 MiB")
	})
	t.Run("chunked", func(t *testing.T) {
		tooBig(t, url, unsized{strings.NewReader(`{"title":"` + big + `"}`)}, "request body too large: the limit is 1 MiB")
	})
	t.Run("configured", func(t *testing.T) {
		small := decodeApp(t, web.Options{MaxBody: 100})
		tooBig(t, small, unsized{strings.NewReader(`{"title":"` + strings.Repeat("x", 100) + `"}`)}, "request body too large: the limit is 100 bytes")
		if resp := postJSON(t, small+"/posts", `{"title":"short"}`); resp.status != 200 {
			t.Errorf("a body under the limit: %d %s", resp.status, resp.body)
		}
	})
	t.Run("from APP_MAX_BODY", func(t *testing.T) {
		t.Setenv("APP_MAX_BODY", "1KiB")
		o, err := web.OptionsFromEnv()
		if err != nil || o.MaxBody != 1024 {
			t.Fatalf("OptionsFromEnv = %+v, %v", o, err)
		}
		tooBig(t, decodeApp(t, o), strings.NewReader(big), "request body too large: the limit is 1 KiB")
	})
	t.Run("no middleware", func(t *testing.T) {
		r := web.NewRouter() // Decode enforces the default limit on its own
		r.Handle("POST", "/posts", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
			_, err := web.Decode[storePost](r)
			return err
		}))
		tooBig(t, serve(t, r), unsized{strings.NewReader(big)}, "request body too large: the limit is 1 MiB")
	})
	t.Run("under the limit, longer than the first read", func(t *testing.T) {
		title := strings.Repeat("y", 900<<10)
		want := `{"title":"` + title + `","views":0,"author":{"name":""}}` + "\n"
		for _, body := range []io.Reader{strings.NewReader(`{"title":"` + title + `"}`), unsized{strings.NewReader(`{"title":"` + title + `"}`)}} {
			resp := send(t, "POST", url+"/posts", body, "Content-Type", "application/json")
			if resp.status != 200 || resp.body != want {
				t.Errorf("got %d and %d bytes, want 200 and the %d-byte title back", resp.status, len(resp.body), len(title))
			}
		}
	})
	t.Run("unlimited", func(t *testing.T) {
		resp := postJSON(t, decodeApp(t, web.Options{MaxBody: -1})+"/posts", `{"title":"`+big+`"}`)
		if resp.status != 200 {
			t.Errorf("got %d", resp.status)
		}
	})
}

func TestOptionsFromEnvRefusesBadValues(t *testing.T) {
	t.Setenv("APP_DEBUG", "yes please")
	t.Setenv("APP_MAX_BODY", "lots")
	_, err := web.OptionsFromEnv()
	want := `invalid APP_DEBUG "yes please": use true or false; invalid APP_MAX_BODY "lots": use bytes or a size such as 512KiB or 2MiB`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	for in, want := range map[string]int64{"2048": 2048, "512K": 512 << 10, "2 MiB": 2 << 20, "1mb": 1 << 20, "1G": 1 << 30} {
		t.Setenv("APP_MAX_BODY", in)
		t.Setenv("APP_DEBUG", "")
		if o, err := web.OptionsFromEnv(); err != nil || o.MaxBody != want {
			t.Errorf("APP_MAX_BODY=%s: %d, %v; want %d", in, o.MaxBody, err, want)
		}
	}
	for _, in := range []string{"0", "-1", "1.5M", "1T", "M", "99999999999G"} {
		t.Setenv("APP_MAX_BODY", in)
		if _, err := web.OptionsFromEnv(); err == nil {
			t.Errorf("APP_MAX_BODY=%s accepted", in)
		}
	}
}
