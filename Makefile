.PHONY: test demo install generate bench

# The test command CI runs (see .ci/run).
test:
	go test ./...

# Quick start: build kiln, create an app, add a model, migrate, start it, print its URL.
demo:
	bash .ci/demo

# kiln needs no cgo; a static binary starts faster (see docs/benchmarks.md).
# kiln-dev is its interactive half (wizards, progress bars, kiln serve).
install:
	CGO_ENABLED=0 go install . ./cmd/kiln-dev

# Regenerate derived files (the module requirements kiln new writes into apps).
generate:
	go generate ./...

bench:
	bash docs/bench-cli.sh
