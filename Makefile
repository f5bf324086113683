.PHONY: test demo install generate bench

# The test command CI runs (see .ci/run).
test:
	go test ./...

# Quick start: build kiln, create an app, add a model, migrate, start it, print its URL.
demo:
	bash .ci/demo

# kiln needs no cgo; a static binary starts faster (see docs/benchmarks.md).
# kiln-dev is its interactive half (wizards, progress bars, kiln serve).
# Both go to $GOBIN (default: $(go env GOPATH)/bin), as go install puts them,
# but copied there with install(1): on Linux a file written in one pass sits
# in the page cache in large folios, and a kiln command starts ~2 ms sooner
# than from the linker's own output, which go install renames into place
# (docs/benchmarks.md, fifth and sixth sessions).
install:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	CGO_ENABLED=0 go build -o "$$tmp/" . ./cmd/kiln-dev; \
	dest=$${GOBIN:-$$(go env GOBIN)}; dest=$${dest:-$$(go env GOPATH)/bin}; \
	mkdir -p "$$dest"; install -m 0755 "$$tmp/kiln" "$$tmp/kiln-dev" "$$dest/"; \
	echo "installed kiln and kiln-dev in $$dest"

# Regenerate derived files (the module requirements kiln new writes into apps).
generate:
	go generate ./...

bench:
	bash docs/bench-cli.sh
