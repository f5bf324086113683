package orm

// CopiedRows is how many rows InsertMany has written with COPY so far.
func CopiedRows() int64 { return copiedRows.Load() }
