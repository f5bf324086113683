package factory

import "iter"

// batchSource yields a factory run's rows BatchSize at a time, built either
// in line or, ahead by one batch, on its own goroutine.
type batchSource[T any] struct {
	next func() ([]T, int, bool) // the next batch and its first row's index
	quit chan struct{}
}

type builtBatch[T any] struct {
	rows   []T
	offset int
}

// batches builds b's rows with f. Ahead, the next batch is built while
// one is inserted, and handed over when that one is done (an unbuffered
// channel: a buffer would hold a third batch, and the builder is several
// times faster than the inserts anyway), so memory stays bounded by two
// batches.
func (b Factory[T, S]) batches(f *Faker, ahead bool) *batchSource[T] {
	build := func(done int) []T {
		rows := make([]T, min(BatchSize, b.count-done))
		for i := range rows {
			rows[i] = b.build(f, done+i)
		}
		return rows
	}
	if !ahead {
		done := 0
		return &batchSource[T]{next: func() ([]T, int, bool) {
			if done >= b.count {
				return nil, 0, false
			}
			rows, offset := build(done), done
			done += len(rows)
			return rows, offset, true
		}}
	}
	ch := make(chan builtBatch[T])
	quit := make(chan struct{})
	go func() {
		defer close(ch)
		for done := 0; done < b.count; done += BatchSize {
			select {
			case ch <- builtBatch[T]{build(done), done}:
			case <-quit:
				return
			}
		}
	}()
	return &batchSource[T]{quit: quit, next: func() ([]T, int, bool) {
		bb, ok := <-ch
		return bb.rows, bb.offset, ok
	}}
}

// each ranges over the batches.
func (s *batchSource[T]) each() iter.Seq2[[]T, int] {
	return func(yield func([]T, int) bool) {
		for {
			rows, offset, ok := s.next()
			if !ok || !yield(rows, offset) {
				return
			}
		}
	}
}

// stop ends the builder goroutine, if any, when the run ends early.
func (s *batchSource[T]) stop() {
	if s.quit != nil {
		close(s.quit)
	}
}
