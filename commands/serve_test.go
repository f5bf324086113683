package commands

import (
	"strings"
	"testing"
)

func TestServeUsageErrors(t *testing.T) {
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"serve", "extra"}, `unexpected argument "extra": put the app's arguments after --`},
		{[]string{"serve", "--port", "0"}, "invalid --port 0"},
		{[]string{"serve", "--debounce", "-1s"}, "invalid --debounce -1s"},
		{[]string{"serve", "--grace", "0s"}, "invalid --grace 0s"},
		{[]string{"serve", "--also", "css"}, `invalid --also "css": use name=command`},
		{[]string{"serve", "--also", "a b=x"}, `invalid --also name "a b"`},
		{[]string{"serve", "--also", "app=x"}, `invalid --also name "app": already used`},
		{[]string{"serve", "--also", "x=a", "--also", "x=b"}, `invalid --also name "x": already used`},
		{[]string{"serve", "--dry-run"}, "kiln serve has no --dry-run"},
		{[]string{"dev"}, "kiln dev has one command: kiln dev serve"},
		{[]string{"dev", "run"}, "kiln dev has one command: kiln dev serve"},
		{[]string{"dev", "serve", "x"}, `unexpected argument "x"`},
	}
	for _, c := range cases {
		code, _, stderr := run(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.stderr) {
			t.Errorf("kiln %s: exit %d, stderr %q; want exit 2 with %q", strings.Join(c.args, " "), code, stderr, c.stderr)
		}
	}
}

func TestServeHelpDocumentsThePortContract(t *testing.T) {
	code, out, _ := run(t, "serve", "--help")
	for _, want := range []string{"$PORT", "/health/live", "--debounce duration", "(default 50ms)",
		"--port int", "(default 8000)", "(default \"127.0.0.1\")", "kiln dev serve", "Aliases:"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("kiln serve --help lacks %q", want)
		}
	}
}
