#!/usr/bin/env bash
# Seeds 1,000,000 rows through `kiln db seed` and reports elapsed time, rows/s and
# peak RSS (docs/benchmarks.md, issue 5):
#
#   bash bench/seed.sh            # ROWS=1000000 DRIVER=sqlite
#
# It builds kiln, creates an app, scaffolds the issue's model (name, unique email,
# title, body, price, created_at), points its seeder at ROWS rows, migrates (which builds the app) and runs
# `kiln db seed` under /usr/bin/time -v (apt-get install time), whose "Maximum
# resident set size" is the largest process of the run: the app's seed subcommand.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
work=$(mktemp -d -t kiln-seed-XXXXXX)
trap 'rm -rf "$work"' EXIT

go build -o "$work/kiln" .
kiln=$work/kiln
"$kiln" new "$work/app" -n >/dev/null
cd "$work/app"
"$kiln" make model Article name:string email:string:unique title:string body:text price:decimal -m -f -s -n >/dev/null
sed -i "s/Count(10)/Count($rows)/" database/seeders/article_seeder.go
"$kiln" db migrate -n >/dev/null
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), rows=$rows"
/usr/bin/time -v "$kiln" db seed -n --faker-seed 1 2>"$work/time.txt" >/dev/null || { cat "$work/time.txt"; exit 1; }
grep -E "rows in|Maximum resident|Elapsed \(wall" "$work/time.txt"
