package templates

import (
	"strings"
	"testing"
)

func TestRenderFillsStub(t *testing.T) {
	out, err := Render("app/env.tmpl", map[string]any{"Name": "blog", "DBDriver": "sqlite", "DBDSN": "storage/app.db", "Example": false})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "APP_NAME=blog\n") || !strings.Contains(string(out), "DB_DSN=storage/app.db\n") {
		t.Errorf("rendered:\n%s", out)
	}
}

// A stub that refers to data the generator did not pass fails loudly instead of
// writing "<no value>" into a user's file.
func TestRenderMissingKeyIsAnError(t *testing.T) {
	_, err := Render("app/env.tmpl", map[string]any{"Name": "blog"})
	if err == nil || !strings.Contains(err.Error(), "render stub app/env.tmpl") {
		t.Errorf("err = %v", err)
	}
}

func TestRenderUnknownStub(t *testing.T) {
	if _, err := Render("app/nope.tmpl", nil); err == nil {
		t.Error("want an error for a missing stub")
	}
}
