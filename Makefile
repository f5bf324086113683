.PHONY: test demo install generate bench

# The test command CI runs (see .ci/run).
test:
	go test ./...

# Quick start: build kiln, create an app, build it, start it and print its URL.
demo:
	bash .ci/demo

install:
	go install .

# Regenerate derived files (the module requirements kiln new writes into apps).
generate:
	go generate ./...

bench:
	bash docs/bench-cli.sh
