package controller

import (
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/spec"
)

func TestGoldenControllerTest(t *testing.T) {
	for name, c := range map[string]struct {
		model, fields string
	}{
		// A required parent is created first; nullable and optional fields are sent as made.
		"controller_test_belongs_to": {"Post", "title:string body:text:nullable price:decimal published_on:date:nullable status:enum=draft,live author:belongs_to=users editor:belongs_to=users:nullable"},
		// Nothing required: no 422 check, no parents, no context.
		"controller_test_optional": {"Note", "text:text:nullable pinned:bool:default=false"},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := spec.NewResource(c.model, strings.Fields(c.fields), spec.Options{})
			if err != nil {
				t.Fatal(err)
			}
			p, err := GenerateTest(res, "example.com/blog")
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, name, p)
		})
	}
}
