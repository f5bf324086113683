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
// By default each command's executable is first copied, in one write, into
// a fresh directory (-copydir, else the system's temp dir), keeping its file
// name, and the copy is what runs. How a file came into the page cache
// changes how fast it starts: on the team's VM (Linux 6.18, ext4) a file
// written in one write sits in large folios, while one written by the Go
// linker (through mmap) or read back from disk sits in 4 KB pages, each
// mapped by its own fault (checked with cmd/folios). The same kiln binary ran
// a scaffold 1.6 ms faster and `kiln --version` 2.5 ms faster from large
// folios. Copying puts every compared binary in the same state; figures are
// then lower than what a freshly built or installed binary gives
// (docs/benchmarks.md). -copy=false runs them as they are, which is also
// needed when:
//   - the copy directory is on tmpfs or mounted noexec (pass -copydir on the
//     executables' filesystem);
//   - a command finds files beside its executable (kiln looks for kiln-dev
//     there): only the executable is copied;
//   - -prep rebuilds an executable or drops caches: the copies are made once,
//     before the first round.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// command is one command to time: its environment additions and its argv.
type command struct {
	text string   // as given, for the report
	env  []string // leading NAME=value words
	argv []string
}

func main() { os.Exit(abtime()) }

// abtime is the program; it returns the exit code, so deferred clean-ups run.
func abtime() int {
	rounds := flag.Int("n", 30, "rounds (two more are run first, as warm-up)")
	prep := flag.String("prep", "", "shell command run before each timed command")
	copyBins := flag.Bool("copy", true, "run a copy of each executable written in one write (same page-cache state for all; see the package doc)")
	copyDir := flag.String("copydir", "", "where the copies go (default: the system's temp directory)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: abtime [-n rounds] [-prep cmd] [-copy=false] [-copydir dir] 'command' …")
		return 2
	}
	cmds, err := parseCommands(flag.Args())
	if err != nil {
		fmt.Fprintf(os.Stderr, "abtime: %v\n", err)
		return 2
	}
	if *copyBins {
		dir, err := os.MkdirTemp(*copyDir, "abtime-")
		if err != nil {
			fmt.Fprintf(os.Stderr, "abtime: %v\n", err)
			return 1
		}
		defer os.RemoveAll(dir)
		if err := copyExecutables(cmds, dir); err != nil {
			fmt.Fprintf(os.Stderr, "abtime: %v\n", err)
			return 1
		}
	}
	times, err := timeRounds(cmds, *rounds, *prep)
	if err != nil {
		fmt.Fprintf(os.Stderr, "abtime: %v\n", err)
		return 1
	}
	report(cmds, times)
	return 0
}

// parseCommands splits each command on spaces; leading NAME=value words are
// its environment, and there must be an executable after them.
func parseCommands(texts []string) ([]command, error) {
	cmds := make([]command, len(texts))
	for i, text := range texts {
		words := strings.Fields(text)
		j := 0
		for j < len(words) && strings.Contains(words[j], "=") {
			j++
		}
		if j == len(words) {
			return nil, fmt.Errorf("command %d (%q) names no executable", i+1, text)
		}
		cmds[i] = command{text: text, env: words[:j], argv: words[j:]}
	}
	return cmds, nil
}

// copyExecutables replaces each command's executable with a copy in its own
// subdirectory of dir (so its file name is kept), written in one write.
func copyExecutables(cmds []command, dir string) error {
	for i := range cmds {
		path, err := exec.LookPath(cmds[i].argv[0])
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sub := filepath.Join(dir, strconv.Itoa(i))
		if err := os.Mkdir(sub, 0o755); err != nil {
			return err
		}
		cmds[i].argv[0] = filepath.Join(sub, filepath.Base(path))
		if err := os.WriteFile(cmds[i].argv[0], data, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// timeRounds runs every command once per round, order reversed every other
// round, and returns their times in ms, without the two warm-up rounds.
func timeRounds(cmds []command, rounds int, prep string) ([][]float64, error) {
	times := make([][]float64, len(cmds))
	for r := 0; r < rounds+2; r++ {
		for k := range cmds {
			i := k
			if r%2 == 1 {
				i = len(cmds) - 1 - k
			}
			ms, err := run(cmds[i], prep)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", cmds[i].text, err)
			}
			if r >= 2 {
				times[i] = append(times[i], ms)
			}
		}
	}
	return times, nil
}

// report prints each command's median and mean, and for all but the first
// the median of its per-round difference from the first.
func report(cmds []command, times [][]float64) {
	for i, c := range cmds {
		diff := ""
		if i > 0 {
			d := make([]float64, len(times[i]))
			for r := range d {
				d[r] = times[i][r] - times[0][r]
			}
			diff = fmt.Sprintf("  (vs the first: median %+.2f ms)", median(d))
		}
		fmt.Printf("median %6.2f ms  mean %6.2f ms  %s%s\n", median(times[i]), mean(times[i]), c.text, diff)
	}
}

// run runs c after prep and returns its wall time in ms.
func run(c command, prep string) (float64, error) {
	if prep != "" {
		if out, err := exec.Command("sh", "-c", prep).CombinedOutput(); err != nil {
			return 0, fmt.Errorf("prep: %v: %s", err, out)
		}
	}
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	cmd.Env = append(os.Environ(), c.env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start)
	if err != nil {
		return 0, errors.Join(err, errors.New(string(out)))
	}
	return float64(elapsed.Microseconds()) / 1000, nil
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
