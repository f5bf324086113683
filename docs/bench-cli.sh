#!/usr/bin/env bash
# CLI wall-clock benchmark (issue: `kiln --version` ≤ 10 ms, `kiln new app` ≤ 50 ms,
# median of 10 runs of the built binary). Needs hyperfine (apt-get install hyperfine)
# and python3. bin/kiln is the static build `make install` makes (CGO_ENABLED=0);
# bin/kiln-cgo is a plain `go build` (dynamically linked, because pflag imports net),
# and `go version` is a same-run baseline for Go process start-up on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
CGO_ENABLED=0 go build -o bin/kiln .
go build -o bin/kiln-cgo .
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hyperfine -N --runs 10 --warmup 3 --export-json "$tmp/version.json" 'bin/kiln --version' 'bin/kiln-cgo --version' 'go version' >/dev/null
hyperfine -N --runs 10 --warmup 3 --prepare "rm -rf $tmp/app" --export-json "$tmp/new.json" "bin/kiln new $tmp/app -n" "bin/kiln-cgo new $tmp/app -n" >/dev/null
python3 - "$tmp/version.json" "$tmp/new.json" <<'PY'
import json, statistics, sys
print("| command | median | min | max |")
print("|---|---|---|---|")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        t = [x * 1000 for x in r["times"]]
        cmd = r["command"].split(" /")[0] + (" app" if " new " in r["command"] else "")
        print(f"| `{cmd}` | {statistics.median(t):.1f} ms | {min(t):.1f} ms | {max(t):.1f} ms |")
PY
