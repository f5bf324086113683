package apptest

import (
	"net/http"
	"testing"

	"github.com/kilnhq/kiln/runtime/app"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/web"
)

func TestServesRoutesWithTheDatabase(t *testing.T) {
	a := New(t, app.Config{Routes: func(r *web.Router, d *db.DB) {
		r.Post("/echo", func(w http.ResponseWriter, req *http.Request) {
			v, err := web.Decode[map[string]int](req)
			if err != nil {
				web.WriteError(w, req, err)
				return
			}
			if err := d.Ping(req.Context()); err != nil {
				web.WriteError(w, req, err)
				return
			}
			web.JSON(w, http.StatusCreated, v)
		})
	}})
	var got map[string]int
	a.Do(t, "POST", "/echo", map[string]int{"n": 3}).Expect(t, http.StatusCreated).Decode(t, &got)
	if got["n"] != 3 {
		t.Errorf("echo = %v", got)
	}
	a.Do(t, "POST", "/echo", nil).Expect(t, http.StatusUnsupportedMediaType)
	a.Do(t, "GET", "/health/live", nil).Expect(t, http.StatusOK)
	a.Do(t, "GET", "/nope", nil).Expect(t, http.StatusNotFound)
}
