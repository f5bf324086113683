package plan

import (
	"strings"
	"testing"
)

func TestResultJSON(t *testing.T) {
	cases := []struct {
		res  Result
		want string
	}{
		{Result{}, `{"created":[],"updated":[],"identical":[],"conflicts":[],"skipped":[],"dry_run":false}`},
		{
			Result{
				Created:   []string{"app/models/post.go", "database/factories/post_factory.go"},
				Updated:   []string{"routes/api.go"},
				Identical: []string{"go.mod"},
				Conflicts: []string{"README.md"},
				Diff:      "not in JSON",
				DryRun:    true,
			},
			`{"created":["app/models/post.go","database/factories/post_factory.go"],"updated":["routes/api.go"],"identical":["go.mod"],"conflicts":["README.md"],"skipped":[],"dry_run":true}`,
		},
	}
	for _, c := range cases {
		got, err := c.res.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("JSON =\n%s\nwant\n%s", got, c.want)
		}
	}
}

func TestResultJSONFromApply(t *testing.T) {
	root := t.TempDir()
	p := Plan{}
	p.Add("a.txt", []byte("a\n"))
	res := mustApply(t, root, p, Options{})
	got, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"created":["a.txt"],"updated":[],"identical":[],"conflicts":[],"skipped":[],"dry_run":false}`; string(got) != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
}

func TestWriteText(t *testing.T) {
	res := Result{
		Created:   []string{"app/models/post.go"},
		Updated:   []string{"routes/api.go"},
		Identical: []string{"go.mod"},
		Conflicts: []string{"README.md"},
	}
	var b strings.Builder
	res.WriteText(&b, false)
	want := "   conflict  README.md\n" +
		"     create  app/models/post.go\n" +
		"  identical  go.mod\n" +
		"     update  routes/api.go\n"
	if b.String() != want {
		t.Errorf("text =\n%s\nwant\n%s", b.String(), want)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("escape codes without color")
	}

	b.Reset()
	res.DryRun = true
	res.WriteText(&b, true)
	if !strings.Contains(b.String(), "\x1b[32m   create\x1b[0m  app/models/post.go\n") {
		t.Errorf("colored text = %q", b.String())
	}
	if !strings.HasSuffix(b.String(), "dry run: nothing was written\n") {
		t.Errorf("dry run not said: %q", b.String())
	}
}

func TestConflictErrorMessage(t *testing.T) {
	err := &ConflictError{Paths: []string{"a.go", "b.go"}}
	want := "files exist with different content: a.go, b.go; use --force to overwrite, --skip-existing to keep them and write the rest (or --dry-run to see the diff)"
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}

// writeCounter records each Write it is given.
type writeCounter struct{ writes []string }

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

// The report reaches its writer in one piece, dry-run note included.
func TestWriteTextWritesOnce(t *testing.T) {
	res := Result{Created: []string{"a.go", "b.go", "c.go"}, DryRun: true}
	var w writeCounter
	res.WriteText(&w, false)
	if len(w.writes) != 1 {
		t.Fatalf("%d writes, want 1: %q", len(w.writes), w.writes)
	}
	if !strings.HasPrefix(w.writes[0], "     create  a.go\n") || !strings.HasSuffix(w.writes[0], "nothing was written\n") {
		t.Errorf("report = %q", w.writes[0])
	}
}
