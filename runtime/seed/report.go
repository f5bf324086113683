package seed

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Event is one step of a run, for progress output.
type Event struct {
	Kind   string        `json:"kind"`            // "seeder" (a seeder started), "planned" (rows about to go in), "rows" (a batch went in), "done" (a seeder finished)
	Seeder string        `json:"seeder"`          // the seeder running
	Table  string        `json:"table,omitempty"` // for planned and rows: the table
	Rows   int           `json:"rows,omitempty"`  // for planned and rows: rows in this step
	Total  int           `json:"total,omitempty"` // for rows: rows in the table so far in this run
	At     time.Duration `json:"at_ns"`           // since the run started
}

// Summary is what a run inserted.
type Summary struct {
	Tables    []TableCount  `json:"tables"` // in the order first written
	Rows      int           `json:"rows"`
	Elapsed   time.Duration `json:"elapsed_ns"`
	Seeders   []string      `json:"seeders"` // in the order they ran
	Committed bool          `json:"committed"`
	FakerSeed int64         `json:"faker_seed"`
}

// TableCount is the rows a run inserted into one table.
type TableCount struct {
	Table string `json:"table"`
	Rows  int    `json:"rows"`
}

// RowsPerSecond is the run's insert rate.
func (s Summary) RowsPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Rows) / s.Elapsed.Seconds()
}

// String is the summary as the seed subcommand prints it.
func (s Summary) String() string {
	var b strings.Builder
	for _, t := range s.Tables {
		fmt.Fprintf(&b, "  %-24s %10d rows\n", t.Table, t.Rows)
	}
	state := "committed"
	if !s.Committed {
		state = "rolled back"
	}
	fmt.Fprintf(&b, "%d rows in %s (%.0f rows/s), %s; faker seed %d",
		s.Rows, s.Elapsed.Round(time.Millisecond), s.RowsPerSecond(), state, s.FakerSeed)
	return b.String()
}

// reporter counts rows per table as factories report batches.
type reporter struct {
	mu      sync.Mutex
	start   time.Time
	emit    func(Event)
	running []string // the seeders running, innermost last
	tables  []TableCount
	seeders []string
}

func newReporter(emit func(Event)) *reporter {
	if emit == nil {
		emit = func(Event) {}
	}
	return &reporter{start: time.Now(), emit: emit}
}

// Planned is factory.Progress: a factory is about to create rows in table.
func (r *reporter) Planned(table string, rows int) {
	r.mu.Lock()
	e := Event{Kind: "planned", Seeder: r.current(), Table: table, Rows: rows, At: time.Since(r.start)}
	r.mu.Unlock()
	r.emit(e)
}

// Created is factory.Progress: a batch of rows went into table.
func (r *reporter) Created(table string, rows int) {
	r.mu.Lock()
	i := r.tableIndex(table)
	r.tables[i].Rows += rows
	e := Event{Kind: "rows", Seeder: r.current(), Table: table, Rows: rows, Total: r.tables[i].Rows, At: time.Since(r.start)}
	r.mu.Unlock()
	r.emit(e)
}

func (r *reporter) tableIndex(table string) int {
	for i, t := range r.tables {
		if t.Table == table {
			return i
		}
	}
	r.tables = append(r.tables, TableCount{Table: table})
	return len(r.tables) - 1
}

// current is the innermost running seeder; rows are counted against it.
func (r *reporter) current() string {
	if len(r.running) == 0 {
		return ""
	}
	return r.running[len(r.running)-1]
}

func (r *reporter) seederStarted(name string) {
	r.mu.Lock()
	r.running = append(r.running, name)
	r.seeders = append(r.seeders, name)
	r.mu.Unlock()
	r.emit(Event{Kind: "seeder", Seeder: name, At: time.Since(r.start)})
}

func (r *reporter) seederDone(name string) {
	r.mu.Lock()
	r.running = r.running[:len(r.running)-1]
	r.mu.Unlock()
	r.emit(Event{Kind: "done", Seeder: name, At: time.Since(r.start)})
}

func (r *reporter) summary(elapsed time.Duration) Summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := Summary{Tables: append([]TableCount{}, r.tables...), Elapsed: elapsed, Seeders: append([]string{}, r.seeders...)}
	for _, t := range r.tables {
		s.Rows += t.Rows
	}
	return s
}
