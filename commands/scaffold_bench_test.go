package commands

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkMakeScaffold runs `kiln make scaffold Item name:string
// price:decimal -n` in-process on a fresh copy of a new app each time: the
// work behind docs/benchmarks.md's scaffold figure without process start-up,
// for CPU profiles (-cpuprofile).
func BenchmarkMakeScaffold(b *testing.B) {
	pristine := filepath.Join(b.TempDir(), "pristine")
	if code := Main([]string{"new", pristine, "-n"}, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
		b.Fatalf("kiln new: exit %d", code)
	}
	app := filepath.Join(b.TempDir(), "app")
	for b.Loop() {
		b.StopTimer()
		os.RemoveAll(app)
		if out, err := exec.Command("cp", "-r", pristine, app).CombinedOutput(); err != nil {
			b.Fatalf("cp: %v %s", err, out)
		}
		b.StartTimer()
		args := []string{"--dir", app, "make", "scaffold", "Item", "name:string", "price:decimal", "-n"}
		if code := Main(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("kiln make scaffold: exit %d", code)
		}
	}
}
