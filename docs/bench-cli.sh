#!/usr/bin/env bash
# CLI wall-clock benchmark (issue: `kiln --version` ≤ 10 ms, `kiln new app` ≤ 50 ms,
# median of 10 runs of the built binary). Needs hyperfine (apt-get install hyperfine)
# and python3. `go version` runs in the same session as a baseline for process start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
go build -o bin/kiln .
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hyperfine -N --runs 10 --warmup 3 --export-json "$tmp/version.json" 'bin/kiln --version' 'go version' >/dev/null
hyperfine -N --runs 10 --warmup 3 --prepare "rm -rf $tmp/app" --export-json "$tmp/new.json" "bin/kiln new $tmp/app -n" >/dev/null
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
