package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMECIUsage runs the README's "every command, as a CI job would run
// it" block in a fresh directory, so the documented usage cannot drift from
// what kiln accepts: each line must exit 0 with CI=true and stdin closed.
func TestREADMECIUsage(t *testing.T) {
	lines := readmeBlock(t, "<!-- ci-usage -->")
	if len(lines) < 15 {
		t.Fatalf("the README's ci-usage block has %d lines", len(lines))
	}
	dir := t.TempDir()
	for _, line := range lines {
		args := strings.Fields(line)
		switch {
		case args[0] == "cd":
			dir = filepath.Join(dir, args[1])
			continue
		case args[0] != "kiln":
			t.Fatalf("README line %q is neither cd nor kiln", line)
		case args[1] == "serve":
			continue // runs until stopped: testdata/script/serve_watch.txtar
		}
		cmd := exec.Command(kilnBinary(t), args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(withoutCI(os.Environ()), "CI=true")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
	}
}

// readmeBlock is the fenced code block that follows marker in README.md.
func readmeBlock(t *testing.T, marker string) []string {
	t.Helper()
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	found, inside := false, false
	for sc := bufio.NewScanner(f); sc.Scan(); {
		l := sc.Text()
		switch {
		case l == marker:
			found = true
		case found && !inside && strings.HasPrefix(l, "```"):
			inside = true
		case inside && l == "```":
			return lines
		case inside && strings.TrimSpace(l) != "":
			lines = append(lines, l)
		}
	}
	t.Fatalf("no code block after %s in README.md", marker)
	return nil
}
