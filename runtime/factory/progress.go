package factory

import "context"

// Progress hears about rows as factories insert them, batch by batch: the
// seed runner counts rows per table with it for its progress bars and summary.
type Progress interface {
	// Planned says a factory run is about to create rows in table
	// (parents are planned as they are needed).
	Planned(table string, rows int)
	// Created says a batch of rows went into table.
	Created(table string, rows int)
}

type progressKey struct{}

// WithProgress returns ctx carrying p, so every factory run under it reports to p.
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

func progressFrom(ctx context.Context) Progress {
	if p, ok := ctx.Value(progressKey{}).(Progress); ok {
		return p
	}
	return noProgress{}
}

type noProgress struct{}

func (noProgress) Planned(string, int) {}
func (noProgress) Created(string, int) {}

type batchCommitsKey struct{}

// WithBatchCommits returns ctx under which factories given a *db.DB commit
// each batch in its own transaction instead of running the whole Create in
// one: for seeds too big for one transaction (`db seed --no-transaction`).
func WithBatchCommits(ctx context.Context) context.Context {
	return context.WithValue(ctx, batchCommitsKey{}, true)
}

func batchCommits(ctx context.Context) bool {
	on, _ := ctx.Value(batchCommitsKey{}).(bool)
	return on
}
