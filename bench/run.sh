#!/usr/bin/env bash
# Runs the ORM benchmarks interleaved and prints `go test -bench` output for
# benchstat and cmd/benchratio (see docs/benchmarks.md):
#
#   bash bench/run.sh | tee /tmp/bench.txt
#
# The three test binaries (kiln: raw + kiln, gorm: gorm + raw-glebarez,
# gormmodernc: gorm-modernc) are built once; then each of ROUNDS rounds
# (default 10) runs every benchmark once in every package, so the figures a
# ratio compares were taken seconds apart. `go test -count N ./...` runs a
# sub-benchmark N times in a row and package after package, minutes apart,
# and on a VM whose speed drifts by ±20% that skews the ratios.
set -euo pipefail
cd "$(dirname "$0")"
rounds=${ROUNDS:-10}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
pkgs=(kiln gorm gormmodernc)
for p in "${pkgs[@]}"; do
  go test -c -o "$bin/$p.test" "./$p"
done
for ((i = 1; i <= rounds; i++)); do
  for b in FindByID List100 Insert; do
    for p in "${pkgs[@]}"; do
      (cd "$p" && "$bin/$p.test" -test.run '^$' -test.bench "^Benchmark$b\$" -test.benchmem)
    done
  done
done
