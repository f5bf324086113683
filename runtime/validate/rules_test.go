package validate

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/runtime/web"
)

// ruleCase validates one struct; want is "" when it passes, else the one
// field's key and message as "key: message".
type ruleCase struct {
	name string
	v    any
	want string
}

func ptr[T any](v T) *T { return &v }

// Single-field request shapes, one per rule, so each case reads as a value.
type (
	reqString struct {
		Title string `json:"title" validate:"required"`
	}
	reqInt struct {
		Views *int `json:"views" validate:"required"`
	}
	reqPatchString struct {
		Title *string `json:"title" validate:"omitnil,notblank"`
	}
	reqList struct {
		Tags []string `json:"tags" validate:"notblank"`
	}
	reqEmail struct {
		Email string `json:"email" validate:"omitempty,email"`
	}
	reqURL struct {
		Site string `json:"site" validate:"url"`
	}
	reqUUID struct {
		Ref string `json:"ref" validate:"uuid"`
	}
	reqMinString struct {
		Name string `json:"name" validate:"min=3"`
	}
	reqMinInt struct {
		Qty int `json:"qty" validate:"min=1"`
	}
	reqMinFloat struct {
		Ratio float64 `json:"ratio" validate:"min=0.5"`
	}
	reqMinList struct {
		Tags []string `json:"tags" validate:"min=1"`
	}
	reqMaxString struct {
		Name string `json:"name" validate:"max=3"`
	}
	reqMaxInt struct {
		Qty *int64 `json:"qty" validate:"omitnil,max=10"`
	}
	reqMaxList struct {
		Tags []string `json:"tags" validate:"max=2"`
	}
	reqDecimal struct {
		Price *decimal.Decimal `json:"price" validate:"required,min=0,max=100.5"`
	}
	reqNullDecimal struct {
		Price decimal.NullDecimal `json:"price" validate:"min=1"`
	}
	reqPlaces struct {
		Price *decimal.Decimal    `json:"price" validate:"omitnil,decimal=0 2"`
		Rate  float64             `json:"rate" validate:"decimal=2"`
		Tax   decimal.NullDecimal `json:"tax" validate:"decimal=0 1"`
	}
	reqBetweenString struct {
		Code string `json:"code" validate:"between=2 4"`
	}
	reqBetweenInt struct {
		Age uint8 `json:"age" validate:"between=18 99"`
	}
	reqBetweenList struct {
		IDs []int `json:"ids" validate:"between=1 2"`
	}
	reqIn struct {
		Role string `json:"role" validate:"oneof=admin user"`
	}
	reqRegex struct {
		Slug string `json:"slug" validate:"regex=slug"`
	}
	reqCustomRegex struct {
		Code string `json:"code" validate:"regex=test_upper"`
	}
	reqConfirmed struct {
		Password             string `json:"password" validate:"required,confirmed"`
		PasswordConfirmation string `json:"password_confirmation"`
	}
	reqDate struct {
		StartsOn string `json:"starts_on" validate:"date"`
	}
	reqTimeDate struct {
		At *time.Time `json:"at" validate:"required,date,after=2000-01-01"`
	}
	reqBefore struct {
		StartsOn string `json:"starts_on" validate:"date,before=2024-01-01"`
	}
	reqAfterField struct {
		StartsOn string  `json:"starts_on" validate:"date"`
		EndsOn   *string `json:"ends_on" validate:"omitnil,date,after=starts_on"`
	}
	reqOrEqual struct {
		From string `json:"from" validate:"after_or_equal=2024-01-01"`
		To   string `json:"to" validate:"before_or_equal=2024-12-31"`
	}
	reqToday struct {
		Due string `json:"due" validate:"after=today"`
	}
	reqNested struct {
		Items []reqItem `json:"items" validate:"omitempty,min=1,dive"`
	}
	reqItem struct {
		Qty  *int   `json:"qty" validate:"required,min=1"`
		Note string `json:"note" validate:"omitempty,max=5"`
	}
	reqScalarDive struct {
		Tags []string `json:"tags" validate:"max=3,dive,max=3"`
	}
	reqObject struct {
		Address *reqAddress `json:"address" validate:"required"`
	}
	reqAddress struct {
		City string `json:"city" validate:"required"`
	}
	reqUUIDType struct {
		Ref *uuid.UUID `json:"ref" validate:"required"`
	}
)

func TestRulePassAndFail(t *testing.T) {
	RegisterPattern("test_upper", `^[A-Z]+$`)
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	nextWeek := time.Now().UTC().AddDate(0, 0, 7).Format(time.DateOnly)
	cases := []ruleCase{
		{"required string", &reqString{}, "title: The title field is required."},
		{"required string ok", &reqString{Title: "x"}, ""},
		{"required pointer", &reqInt{}, "views: The views field is required."},
		{"required pointer to zero", &reqInt{Views: ptr(0)}, ""},
		{"notblank absent", &reqPatchString{}, ""},
		{"notblank blank", &reqPatchString{Title: ptr("  ")}, "title: The title field is required."},
		{"notblank ok", &reqPatchString{Title: ptr("a")}, ""},
		{"required array empty", &reqList{Tags: []string{}}, "tags: The tags field is required."},
		{"required array ok", &reqList{Tags: []string{"go"}}, ""},
		{"email", &reqEmail{Email: "ada@"}, "email: The email field must be a valid email address."},
		{"email ok", &reqEmail{Email: "ada@example.com"}, ""},
		{"email omitted", &reqEmail{}, ""},
		{"url", &reqURL{Site: "example.com"}, "site: The site field must be a valid URL."},
		{"url ok", &reqURL{Site: "https://example.com/a"}, ""},
		{"uuid", &reqUUID{Ref: "123"}, "ref: The ref field must be a valid UUID."},
		{"uuid ok", &reqUUID{Ref: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"}, ""},
		{"min string", &reqMinString{Name: "ab"}, "name: The name field must be at least 3 characters."},
		{"min string counts characters", &reqMinString{Name: "héé"}, ""},
		{"min int", &reqMinInt{Qty: 0}, "qty: The qty field must be at least 1."},
		{"min int ok", &reqMinInt{Qty: 1}, ""},
		{"min float", &reqMinFloat{Ratio: 0.25}, "ratio: The ratio field must be at least 0.5."},
		{"min float ok", &reqMinFloat{Ratio: 0.5}, ""},
		{"min array", &reqMinList{Tags: []string{}}, "tags: The tags field must have at least 1 items."},
		{"max string", &reqMaxString{Name: "abcd"}, "name: The name field must not be greater than 3 characters."},
		{"max string ok", &reqMaxString{Name: "äöü"}, ""},
		{"max int", &reqMaxInt{Qty: ptr(int64(11))}, "qty: The qty field must not be greater than 10."},
		{"max int ok", &reqMaxInt{Qty: ptr(int64(10))}, ""},
		{"max array", &reqMaxList{Tags: []string{"a", "b", "c"}}, "tags: The tags field must not have more than 2 items."},
		{"decimal below", &reqDecimal{Price: ptr(decimal.RequireFromString("-0.01"))}, "price: The price field must be at least 0."},
		{"decimal above", &reqDecimal{Price: ptr(decimal.RequireFromString("100.51"))}, "price: The price field must not be greater than 100.5."},
		{"decimal ok", &reqDecimal{Price: ptr(decimal.RequireFromString("100.50"))}, ""},
		{"decimal required", &reqDecimal{}, "price: The price field is required."},
		{"null decimal", &reqNullDecimal{}, ""},
		{"decimal places ok", &reqPlaces{Price: ptr(decimal.RequireFromString("12.30")), Rate: 1.25}, ""},
		{"decimal places whole", &reqPlaces{Price: ptr(decimal.RequireFromString("12")), Rate: 0.5}, "rate: The rate field must have 2 decimal places."},
		{"decimal places over", &reqPlaces{Price: ptr(decimal.RequireFromString("12.345")), Rate: 1.25}, "price: The price field must have 0-2 decimal places."},
		{"decimal places null", &reqPlaces{Rate: 1.25, Tax: decimal.NewNullDecimal(decimal.RequireFromString("0.25"))}, "tax: The tax field must have 0-1 decimal places."},
		{"null decimal below", &reqNullDecimal{Price: decimal.NewNullDecimal(decimal.Zero)}, "price: The price field must be at least 1."},
		{"between string", &reqBetweenString{Code: "a"}, "code: The code field must be between 2 and 4 characters."},
		{"between string ok", &reqBetweenString{Code: "abcd"}, ""},
		{"between int", &reqBetweenInt{Age: 17}, "age: The age field must be between 18 and 99."},
		{"between int ok", &reqBetweenInt{Age: 18}, ""},
		{"between array", &reqBetweenList{IDs: []int{1, 2, 3}}, "ids: The ids field must have between 1 and 2 items."},
		{"in", &reqIn{Role: "root"}, "role: The selected role is invalid."},
		{"in ok", &reqIn{Role: "user"}, ""},
		{"regex", &reqRegex{Slug: "Hello World"}, "slug: The slug field format is invalid."},
		{"regex ok", &reqRegex{Slug: "hello-world"}, ""},
		{"registered regex", &reqCustomRegex{Code: "abc"}, "code: The code field format is invalid."},
		{"registered regex ok", &reqCustomRegex{Code: "ABC"}, ""},
		{"confirmed", &reqConfirmed{Password: "secret", PasswordConfirmation: "secrte"}, "password: The password field confirmation does not match."},
		{"confirmed ok", &reqConfirmed{Password: "secret", PasswordConfirmation: "secret"}, ""},
		{"date", &reqDate{StartsOn: "2024-13-01"}, "starts_on: The starts on field must be a valid date."},
		{"date ok", &reqDate{StartsOn: "2024-01-15"}, ""},
		{"date-time ok", &reqDate{StartsOn: "2024-01-15T10:30:00+02:00"}, ""},
		{"date-time with space ok", &reqDate{StartsOn: "2024-01-15 10:30:00"}, ""},
		{"date year 0 in UTC", &reqDate{StartsOn: "0001-01-01T00:00:00+14:00"}, "starts_on: The starts on field must be a valid date."},
		{"date year 10000 in UTC", &reqDate{StartsOn: "9999-12-31T23:00:00-05:00"}, "starts_on: The starts on field must be a valid date."},
		{"date first storable", &reqDate{StartsOn: "0001-01-01"}, ""},
		{"date last storable", &reqDate{StartsOn: "9999-12-31T23:59:59Z"}, ""},
		{"time.Time ok", &reqTimeDate{At: ptr(time.Now())}, ""},
		{"time.Time after", &reqTimeDate{At: ptr(time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC))}, "at: The at field must be a date after 2000-01-01."},
		{"before", &reqBefore{StartsOn: "2024-01-01"}, "starts_on: The starts on field must be a date before 2024-01-01."},
		{"before ok", &reqBefore{StartsOn: "2023-12-31"}, ""},
		{"after field", &reqAfterField{StartsOn: "2024-02-01", EndsOn: ptr("2024-01-31")}, "ends_on: The ends on field must be a date after starts on."},
		{"after field ok", &reqAfterField{StartsOn: "2024-02-01", EndsOn: ptr("2024-02-02")}, ""},
		{"after empty field", &reqAfterField{EndsOn: ptr("2024-02-02")}, "starts_on: The starts on field must be a valid date."},
		{"or equal ok", &reqOrEqual{From: "2024-01-01", To: "2024-12-31"}, ""},
		{"after or equal", &reqOrEqual{From: "2023-12-31", To: "2024-01-01"}, "from: The from field must be a date after or equal to 2024-01-01."},
		{"before or equal", &reqOrEqual{From: "2024-01-01", To: "2025-01-01"}, "to: The to field must be a date before or equal to 2024-12-31."},
		{"after today", &reqToday{Due: yesterday}, "due: The due field must be a date after today."},
		{"after today ok", &reqToday{Due: nextWeek}, ""},
		{"nested", &reqNested{Items: []reqItem{{Qty: ptr(1)}, {}}}, "items.1.qty: The items.1.qty field is required."},
		{"nested min", &reqNested{Items: []reqItem{{Qty: ptr(0)}}}, "items.0.qty: The items.0.qty field must be at least 1."},
		{"nested string", &reqNested{Items: []reqItem{{Qty: ptr(1), Note: "toolong"}}}, "items.0.note: The items.0.note field must not be greater than 5 characters."},
		{"nested empty list", &reqNested{Items: []reqItem{}}, "items: The items field must have at least 1 items."},
		{"nested absent list", &reqNested{}, ""},
		{"nested ok", &reqNested{Items: []reqItem{{Qty: ptr(2)}}}, ""},
		{"scalar dive", &reqScalarDive{Tags: []string{"go", "rust"}}, "tags.1: The tags.1 field must not be greater than 3 characters."},
		{"object missing", &reqObject{}, "address: The address field is required."},
		{"object field", &reqObject{Address: &reqAddress{}}, "address.city: The address.city field is required."},
		{"uuid type required", &reqUUIDType{}, "ref: The ref field is required."},
		{"uuid type ok", &reqUUIDType{Ref: ptr(uuid.New())}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := oneError(t, Struct(context.Background(), nil, c.v)); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// oneError renders a 422 with one field and one message as "key: message",
// checking the summary message agrees.
func oneError(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *web.Error
	if !errors.As(err, &e) || e.Status != http.StatusUnprocessableEntity {
		t.Fatalf("got %v, want a 422", err)
	}
	var out []string
	for k, msgs := range e.Errors {
		for _, m := range msgs {
			out = append(out, k+": "+m)
			if m != e.Message {
				t.Errorf("summary %q, want %q", e.Message, m)
			}
		}
	}
	return strings.Join(out, "; ")
}

type reqSeveral struct {
	Title string `json:"title" validate:"required"`
	Email string `json:"email" validate:"required,email"`
	Age   *int   `json:"age" validate:"required,min=18"`
}

// TestSummary: Laravel's message names the first failure in field order and
// counts the others.
func TestSummary(t *testing.T) {
	for _, c := range []struct {
		v    reqSeveral
		want string
	}{
		{reqSeveral{Email: "x", Age: ptr(1)}, "The title field is required. (and 2 more errors)"},
		{reqSeveral{Title: "t", Email: "x"}, "The email field must be a valid email address. (and 1 more error)"},
	} {
		var e *web.Error
		if err := Struct(context.Background(), nil, &c.v); !errors.As(err, &e) || e.Message != c.want {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

type reqCustom struct {
	Title string    `json:"title" validate:"required"`
	Items []reqItem `validate:"dive"`
}

func (reqCustom) Messages() map[string]string {
	return map[string]string{
		"title.required":  "Every post needs a :attribute.",
		"Items.*.qty.min": ":Attribute must be :min or more.",
		"required":        "Fill in :attribute.",
	}
}

// TestMessagesOverride: a request's Messages win over Laravel's, by field,
// by wildcard path and by rule.
func TestMessagesOverride(t *testing.T) {
	v := reqCustom{Items: []reqItem{{Qty: ptr(0)}, {}}}
	v.Items = append(v.Items, reqItem{Qty: ptr(3)})
	err := Struct(context.Background(), nil, &v)
	var e *web.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	want := map[string]string{
		"title":       "Every post needs a title.",
		"Items.0.qty": "Items.0.qty must be 1 or more.",
		"Items.1.qty": "Fill in Items.1.qty.",
	}
	for k, m := range want {
		if got := e.Errors[k]; len(got) != 1 || got[0] != m {
			t.Errorf("%s: got %q, want %q", k, got, m)
		}
	}
}

// TestConfigurationErrors: a rule that cannot run is the app's bug, returned
// as a plain error (500), not blamed on the client.
func TestConfigurationErrors(t *testing.T) {
	for name, v := range map[string]any{
		"unknown pattern": &struct {
			A string `json:"a" validate:"regex=nope"`
		}{A: "x"},
		"no confirmation field": &struct {
			A string `json:"a" validate:"confirmed"`
		}{A: "x"},
		"bad before": &struct {
			A string `json:"a" validate:"before=2024-99-99"`
		}{A: "2024-01-01"},
		"no database": &struct {
			A string `json:"a" validate:"unique=users.email"`
		}{A: "x"},
		"bad target": &struct {
			A string `json:"a" validate:"exists=users"`
		}{A: "x"},
		"min on bool": &struct {
			A bool `json:"a" validate:"min=1"`
		}{A: true},
		"not a struct": ptr(3),
	} {
		err := Struct(context.Background(), nil, v)
		var e *web.Error
		if err == nil || errors.As(err, &e) {
			t.Errorf("%s: got %v, want a plain error", name, err)
		}
	}
}

type reqTypes struct {
	Name    string          `json:"name"`
	Count   int             `json:"count"`
	Ratio   float64         `json:"ratio"`
	OK      *bool           `json:"ok"`
	Price   decimal.Decimal `json:"price"`
	Ref     uuid.UUID       `json:"ref"`
	At      time.Time       `json:"at"`
	Address reqAddress      `json:"address"`
	List    []int           `json:"list"`
}

// TestDecodeErrors: a value of the wrong type is named with Laravel's
// message for the type it should have been, by its full path. (Each body
// gives the address its required city, so the type error is the only one.)
func TestDecodeErrors(t *testing.T) {
	const city = `"address":{"city":"c"}`
	for body, want := range map[string]string{
		`{"name":1,` + city + `}`:                  "name: The name field must be a string.",
		`{"count":"3",` + city + `}`:               "count: The count field must be an integer.",
		`{"count":1.5,` + city + `}`:               "count: The count field must be an integer.",
		`{"ratio":true,` + city + `}`:              "ratio: The ratio field must be a number.",
		`{"ok":"yes",` + city + `}`:                "ok: The ok field must be true or false.",
		`{"price":"cheap",` + city + `}`:           "price: The price field must be a number.",
		`{"ref":"nope",` + city + `}`:              "ref: The ref field must be a valid UUID.",
		`{"at":"2024-01-01",` + city + `}`:         "at: The at field must be a valid date.",
		`{"address":[]}`:                           "address: The address field must be an object.",
		`{"address":{"city":[1]}}`:                 "address.city: The address.city field must be a string.",
		`{"address":{"city":"c","town":"x"}}`:      "address.town: The address.town field is prohibited.",
		`{"list":"1,2",` + city + `}`:              "list: The list field must be an array.",
		`{"list":[1,"2",3],` + city + `}`:          "list.1: The list.1 field must be an integer.",
		`{"name":"x","list":[1,2.5],` + city + `}`: "list.1: The list.1 field must be an integer.",
	} {
		r, _ := http.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		_, err := Bind[reqTypes](r, nil)
		if got := oneError(t, err); got != want {
			t.Errorf("%s: got %q, want %q", body, got, want)
		}
	}
}

// reqMixed has a required field and typed ones, for type and rule failures
// in one body.
type reqMixed struct {
	Title string   `json:"title" validate:"required,min=3"`
	Views *int     `json:"views" validate:"required"`
	Tags  []string `json:"tags" validate:"omitempty,min=2"`
	Items []struct {
		Qty *int `json:"qty" validate:"required,min=1"`
	} `json:"items" validate:"omitempty,dive"`
}

// TestTypeAndRuleErrorsTogether: a body with values of the wrong type and
// values that fail rules gets every failure in one 422, in field order, as
// Laravel reports them; a field of the wrong type is not also "required".
func TestTypeAndRuleErrorsTogether(t *testing.T) {
	r, _ := http.NewRequest("POST", "/", strings.NewReader(`{"title":"ab","views":"many","tags":["x"],"items":[{"qty":0},{"qty":"x"}]}`))
	r.Header.Set("Content-Type", "application/json")
	_, err := Bind[reqMixed](r, nil)
	var e *web.Error
	if !errors.As(err, &e) || e.Status != 422 {
		t.Fatalf("err = %v, want a 422", err)
	}
	want := []string{"title", "views", "tags", "items.0.qty", "items.1.qty"}
	if !slices.Equal(e.Order, want) {
		t.Errorf("fields %v, want %v (errors %v)", e.Order, want, e.Errors)
	}
	if got := e.Errors["views"]; len(got) != 1 || got[0] != "The views field must be an integer." {
		t.Errorf("views: %q", got)
	}
	if got := e.Errors["items.1.qty"]; len(got) != 1 || got[0] != "The items.1.qty field must be an integer." {
		t.Errorf("items.1.qty: %q", got)
	}
	if e.Message != "The title field must be at least 3 characters. (and 4 more errors)" {
		t.Errorf("message %q", e.Message)
	}
}

type reqGeneric[T any] struct {
	Title string `json:"title" validate:"required"`
	Inner *T     `json:"inner" validate:"required"`
}

// TestErrorPathRoots: errors name the JSON path whatever the root type is
// called: a generic instantiation, whose name holds dots, or an unnamed
// struct, whose namespace has no root segment at all.
func TestErrorPathRoots(t *testing.T) {
	anon := struct {
		Title   string `json:"title" validate:"required"`
		Address *struct {
			City string `json:"city" validate:"required"`
		} `json:"address"`
	}{}
	anon.Address = &struct {
		City string `json:"city" validate:"required"`
	}{}
	for _, c := range []struct {
		v    any
		want []string
	}{
		{&anon, []string{"address.city", "title"}},
		{&reqGeneric[reqItem]{}, []string{"inner", "title"}},
		{&reqGeneric[reqItem]{Title: "x", Inner: &reqItem{}}, []string{"inner.qty"}},
	} {
		var e *web.Error
		if err := Struct(context.Background(), nil, c.v); !errors.As(err, &e) {
			t.Fatalf("%T: got %v", c.v, err)
		}
		var got []string
		for k := range e.Errors {
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%T: error keys %q, want %q", c.v, got, c.want)
		}
	}
}

// reqValues has fields whose own UnmarshalJSON can fail, beside a required one.
type reqValues struct {
	Title string            `json:"title" validate:"required"`
	Ref   uuid.UUID         `json:"ref"`
	Lines []reqValuesLine   `json:"lines" validate:"required,dive"`
	Meta  map[string]string `json:"meta"`
}

type reqValuesLine struct {
	Price decimal.Decimal `json:"price"`
}

// TestBadValuesWithRuleErrors: a UUID, time or decimal that does not parse
// stops encoding/json where it is; the other fields are still decoded and
// their rules reported, and the member holding the bad value is not also
// "required".
func TestBadValuesWithRuleErrors(t *testing.T) {
	for body, want := range map[string][]string{
		`{"ref":"zz"}`: {"title", "ref", "lines"},
		`{"ref":"zz","title":"t","lines":[{"price":"1"}]}`: {"ref"},
		`{"lines":[{"price":"abc"}],"ref":"zz"}`:           {"title", "ref", "lines.0.price"},
		`{"title":"","lines":[{"price":"abc"}],"meta":{}}`: {"title", "lines.0.price"},
	} {
		r, _ := http.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		_, err := Bind[reqValues](r, nil)
		var e *web.Error
		if !errors.As(err, &e) || e.Status != 422 || !slices.Equal(e.Order, want) {
			t.Errorf("%s: got %v (fields %v), want fields %v", body, err, e.Order, want)
		}
	}
}

func TestWithoutMembers(t *testing.T) {
	for raw, want := range map[string]string{
		`{"a":1,"b":[1,{"c":"}"}],"c":"x"}`: `{"a":1,"c":"x"}`,
		` { "B" : 2 , "a" : {"b":1} } `:     `{"a" : {"b":1}}`,
		`{"b":1}`:                           `{}`,
		`{}`:                                `{}`,
	} {
		if got := string(withoutMembers([]byte(raw), []string{"b"})); got != want {
			t.Errorf("withoutMembers(%s) = %s, want %s", raw, got, want)
		}
	}
}

// TestTimeAndDateAreWhatTheColumnKeeps: a request hands its model the instant
// in UTC for a datetime column and the calendar date as written for a date
// column, so the 201 shows what a GET will.
func TestTimeAndDateAreWhatTheColumnKeeps(t *testing.T) {
	if got, want := Time("2026-01-02T10:11:12+02:00"), time.Date(2026, 1, 2, 8, 11, 12, 0, time.UTC); got != want {
		t.Errorf("Time = %v, want %v", got, want)
	}
	if got, want := Date("2026-01-02T23:30:00-05:00"), time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC); got != want {
		t.Errorf("Date = %v, want %v", got, want)
	}
	if DatePtr(nil) != nil || TimePtr(nil) != nil {
		t.Error("nil should stay nil")
	}
	if got := DatePtr(ptr("2026-03-04")); got == nil || *got != time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC) {
		t.Errorf("DatePtr = %v", got)
	}
}
