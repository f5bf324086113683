// Command abtime compares commands that run in a few milliseconds, where a
// shared VM's noise drifts by more than the difference being measured: it
// runs them in turn, round after round, reversing their order every other
// round (a command run right after another was measurably slower, ~0.5 ms
// on the team's VM), runs -prep before each, and prints each command's median
// and mean and the median of its per-round difference from the first command.
//
//	go run ./cmd/abtime -n 60 -prep 'rm -rf /tmp/app && cp -r /tmp/pristine /tmp/app' \
//	  'old/kiln --dir /tmp/app make scaffold Item name:string -n' \
//	  'KILN_X=1 new/kiln --dir /tmp/app make scaffold Item name:string -n'
//
// A command is split on spaces (no quoting); leading NAME=value words are
// added to its environment.
//
// By default each command's executable is first copied, in one write, into a
// temporary directory, and the copy is what runs. How a file came into the
// page cache changes how fast it starts: on the team's VM (Linux 6.18, ext4)
// a file written in one write sits in large folios, while one written by the
// Go linker (through mmap) or read back from disk sits in 4 KB pages, each
// mapped by its own fault (checked with /proc/self/pagemap and
// /proc/kpageflags). The same kiln binary ran a scaffold 1.6 ms faster and
// `kiln --version` 2.5 ms faster from large folios. Copying puts every
// compared binary in the same state; figures are then lower than what a
// freshly built or installed binary gives (docs/benchmarks.md). -copy=false
// runs them as they are.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	rounds := flag.Int("n", 30, "rounds (two more are run first, as warm-up)")
	prep := flag.String("prep", "", "shell command run before each timed command")
	copyBins := flag.Bool("copy", true, "run a copy of each executable written in one write (same page-cache state for all; see the package doc)")
	flag.Parse()
	cmds := flag.Args()
	if len(cmds) == 0 {
		fmt.Fprintln(os.Stderr, "usage: abtime [-n rounds] [-prep cmd] [-copy=false] 'command' …")
		os.Exit(2)
	}
	runs := cmds
	if *copyBins {
		dir, err := os.MkdirTemp("", "abtime-")
		if err != nil {
			fmt.Fprintf(os.Stderr, "abtime: %v\n", err)
			os.Exit(1)
		}
		defer os.RemoveAll(dir)
		if runs, err = withCopiedExecutables(cmds, dir); err != nil {
			fmt.Fprintf(os.Stderr, "abtime: %v\n", err)
			os.Exit(1)
		}
	}
	times := make([][]float64, len(cmds))
	for r := 0; r < *rounds+2; r++ {
		for k := range cmds {
			i := k
			if r%2 == 1 {
				i = len(cmds) - 1 - k
			}
			ms, err := run(runs[i], *prep)
			if err != nil {
				fmt.Fprintf(os.Stderr, "abtime: %s: %v\n", cmds[i], err)
				os.Exit(1)
			}
			if r >= 2 {
				times[i] = append(times[i], ms)
			}
		}
	}
	for i, c := range cmds {
		diff := ""
		if i > 0 {
			d := make([]float64, len(times[i]))
			for r := range d {
				d[r] = times[i][r] - times[0][r]
			}
			diff = fmt.Sprintf("  (vs the first: median %+.2f ms)", median(d))
		}
		fmt.Printf("median %6.2f ms  mean %6.2f ms  %s%s\n", median(times[i]), mean(times[i]), c, diff)
	}
}

// withCopiedExecutables returns cmds with each executable replaced by a copy
// in dir written in a single write.
func withCopiedExecutables(cmds []string, dir string) ([]string, error) {
	out := make([]string, len(cmds))
	for i, c := range cmds {
		words := strings.Fields(c)
		j := 0
		for j < len(words)-1 && strings.Contains(words[j], "=") {
			j++
		}
		path, err := exec.LookPath(words[j])
		if err != nil {
			return nil, err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		words[j] = filepath.Join(dir, fmt.Sprintf("%d-%s", i, filepath.Base(path)))
		if err := os.WriteFile(words[j], data, 0o755); err != nil {
			return nil, err
		}
		out[i] = strings.Join(words, " ")
	}
	return out, nil
}

// run runs one command after prep and returns its wall time in ms.
func run(command, prep string) (float64, error) {
	if prep != "" {
		if out, err := exec.Command("sh", "-c", prep).CombinedOutput(); err != nil {
			return 0, fmt.Errorf("prep: %v: %s", err, out)
		}
	}
	words := strings.Fields(command)
	var env []string
	for len(words) > 1 && strings.Contains(words[0], "=") {
		env, words = append(env, words[0]), words[1:]
	}
	cmd := exec.Command(words[0], words[1:]...)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("%v: %s", err, out)
	}
	return float64(time.Since(start).Microseconds()) / 1000, nil
}

func median(x []float64) float64 {
	y := slices.Clone(x)
	slices.Sort(y)
	return y[len(y)/2]
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
