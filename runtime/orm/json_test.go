package orm_test

import (
	"encoding/json"
	"testing"

	"github.com/kilnhq/kiln/runtime/orm"
)

func TestJSONMarshalsAsTheDocument(t *testing.T) {
	type doc struct {
		Meta orm.JSON `json:"meta"`
		None orm.JSON `json:"none"`
	}
	out, err := json.Marshal(doc{Meta: orm.JSON(`{"a":1}`)})
	must(t, err)
	if string(out) != `{"meta":{"a":1},"none":null}` {
		t.Errorf("marshal = %s", out)
	}
	var back doc
	must(t, json.Unmarshal([]byte(`{"meta":[1,"x"],"none":null}`), &back))
	if string(back.Meta) != `[1,"x"]` || back.None != nil {
		t.Errorf("unmarshal = %q, %v", back.Meta, back.None)
	}
	var j orm.JSON
	buf := []byte(`{"b":2}`)
	must(t, j.Scan(buf))
	buf[2] = 'X'
	if string(j) != `{"b":2}` {
		t.Errorf("Scan kept the driver's buffer: %s", j)
	}
	if v, _ := orm.JSON(nil).Value(); v != nil {
		t.Errorf("nil JSON Value = %v, want NULL", v)
	}
	if err := j.Scan(42); err == nil {
		t.Error("scanning a number into JSON succeeded")
	}
}
