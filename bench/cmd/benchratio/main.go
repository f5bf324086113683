// Command benchratio summarises the ORM benchmarks' output as the Markdown
// tables in docs/benchmarks.md: the median ns/op, B/op and allocs/op of
// each implementation, and the ratios the goals are stated in: of the
// medians, with the range of the per-round ratios (the i-th result of one
// implementation against the i-th of the other: with bench/run.sh those ran
// seconds apart), and of the fastest runs.
//
//	bash bench/run.sh > /tmp/bench.txt
//	cd bench && go run ./cmd/benchratio /tmp/bench.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The implementations in the order the tables show them.
var impls = []string{"raw", "kiln", "gorm", "gorm-modernc", "raw-glebarez"}

// The ratios the goals and the driver controls need: numerator,
// denominator.
var ratios = [][2]string{
	{"kiln", "raw"},
	{"gorm", "kiln"},
	{"gorm-modernc", "kiln"},
	{"gorm", "raw-glebarez"},
	{"gorm-modernc", "raw"},
	{"raw-glebarez", "raw"},
}

var benchmarks = []string{"FindByID", "List100", "Insert"}

// result is one benchmark line.
type result struct{ ns, bytes, allocs float64 }

type key struct{ bench, impl string }

var line = regexp.MustCompile(`^Benchmark(\w+)/([\w-]+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+([\d.]+) B/op\s+([\d.]+) allocs/op)?`)

func main() {
	in := io.Reader(os.Stdin)
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		in = f
	}
	results, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	write(os.Stdout, results)
}

func parse(r io.Reader) (map[key][]result, error) {
	results := map[key][]result{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		var res result
		res.ns, _ = strconv.ParseFloat(m[3], 64)
		res.bytes, _ = strconv.ParseFloat(m[4], 64)
		res.allocs, _ = strconv.ParseFloat(m[5], 64)
		k := key{m[1], m[2]}
		results[k] = append(results[k], res)
	}
	if len(results) == 0 {
		return nil, fmt.Errorf("no benchmark results in the input")
	}
	return results, sc.Err()
}

func write(w io.Writer, results map[key][]result) {
	fmt.Fprintln(w, "| benchmark | implementation | time/op (median) | min – max | B/op | allocs/op | runs |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|")
	for _, b := range benchmarks {
		for _, im := range impls {
			rs := results[key{b, im}]
			if len(rs) == 0 {
				continue
			}
			ns := column(rs, func(r result) float64 { return r.ns })
			fmt.Fprintf(w, "| %s | %s | %s | %s – %s | %s | %s | %d |\n", b, im, duration(median(ns)),
				duration(slices.Min(ns)), duration(slices.Max(ns)),
				size(median(column(rs, func(r result) float64 { return r.bytes }))),
				count(median(column(rs, func(r result) float64 { return r.allocs }))), len(rs))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Ratios of the medians (in brackets: the range of the per-round ratios):")
	fmt.Fprintln(w)
	ratioTable(w, results, medianRatio)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Ratios of the fastest runs (each implementation's least disturbed result):")
	fmt.Fprintln(w)
	ratioTable(w, results, bestRatio)
}

func ratioTable(w io.Writer, results map[key][]result, cell func(num, den []result) string) {
	head := []string{"benchmark"}
	for _, r := range ratios {
		head = append(head, r[0]+" / "+r[1])
	}
	fmt.Fprintln(w, "| "+strings.Join(head, " | ")+" |")
	fmt.Fprintln(w, "|---"+strings.Repeat("|---:", len(ratios))+"|")
	for _, b := range benchmarks {
		row := []string{b}
		for _, r := range ratios {
			num, den := results[key{b, r[0]}], results[key{b, r[1]}]
			if len(num) == 0 || len(den) == 0 {
				row = append(row, "—")
				continue
			}
			row = append(row, cell(num, den))
		}
		fmt.Fprintln(w, "| "+strings.Join(row, " | ")+" |")
	}
}

func ns(r result) float64 { return r.ns }

// medianRatio is "median(num)/median(den) (per-round min–max)".
func medianRatio(num, den []result) string {
	var rounds []float64
	for i := range min(len(num), len(den)) {
		rounds = append(rounds, num[i].ns/den[i].ns)
	}
	return fmt.Sprintf("**%.2f** (%.2f–%.2f)", median(column(num, ns))/median(column(den, ns)), slices.Min(rounds), slices.Max(rounds))
}

// bestRatio is min(num)/min(den): on a VM whose neighbours steal time in
// bursts, the fastest of N runs is the most repeatable estimate of the cost.
func bestRatio(num, den []result) string {
	return fmt.Sprintf("%.2f", slices.Min(column(num, ns))/slices.Min(column(den, ns)))
}

func column(rs []result, f func(result) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}

func size(b float64) string {
	if b >= 1024 {
		return fmt.Sprintf("%.1f KiB", b/1024)
	}
	return fmt.Sprintf("%.0f B", b)
}

func count(n float64) string { return strconv.FormatFloat(n, 'f', 0, 64) }
