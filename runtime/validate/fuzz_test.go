package validate_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/runtime/orm"
	"github.com/kilnhq/kiln/runtime/validate"
	"github.com/kilnhq/kiln/runtime/web"
)

// FuzzBind: whatever the body, Bind never panics and never answers 5xx (no
// database rules here, so nothing on the server can fail).
func FuzzBind(f *testing.F) {
	for _, s := range []string{
		`{"title":"Hi","views":1,"items":[{"qty":1}]}`, `{"items":[{"qty":"x","z":1},null,3]}`,
		`{"title":null,"views":1e400}`, `[]`, `null`, `"x"`, `{"Title":1,"title":2}`, `{"items":{"0":{}}}`,
		`{"price":"1e5","ref":"nope","on":"2024-02-30","meta":{"a":[1]},"address":{"city":""}}`, `{"tags":["a",1]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		if _, err := validate.Bind[fuzzRequest](r, nil); err != nil {
			web.WriteError(w, r, err)
		}
		if w.Code >= 500 {
			t.Fatalf("%q: %d %s", body, w.Code, w.Body)
		}
		if w.Code == http.StatusUnprocessableEntity && !strings.Contains(w.Body.String(), `"errors":{`) {
			t.Fatalf("%q: 422 without field errors: %s", body, w.Body)
		}
	})
}

// fuzzRequest has every kind of field Bind decodes, and no database rules.
type fuzzRequest struct {
	validate.Sent
	Title   string           `json:"title" validate:"required,max=20"`
	Views   *int             `json:"views" validate:"omitnil,between=0 10"`
	Price   *decimal.Decimal `json:"price" validate:"omitnil,min=0"`
	Ref     uuid.NullUUID    `json:"ref"`
	On      *string          `json:"on" validate:"omitnil,date,after=2000-01-01"`
	Meta    orm.JSON         `json:"meta"`
	Items   []storeItem      `json:"items" validate:"omitempty,max=3,dive"`
	Tags    []string         `json:"tags" validate:"dive,max=3"`
	Address *struct {
		City string `json:"city" validate:"required"`
	} `json:"address"`
}
