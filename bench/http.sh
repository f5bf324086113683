#!/usr/bin/env bash
# Throughput of a freshly scaffolded app's generated endpoints on SQLite, over
# loopback (docs/benchmarks.md, issue 4):
#
#   bash bench/http.sh            # N=20000 requests per endpoint, C=8 connections
#
# It builds kiln, creates an app, scaffolds User and Post as the README's quick
# start does, migrates, builds the app, starts it on a free loopback port with
# its access log discarded (logging to a terminal would measure the terminal),
# and runs bench/cmd/httpload, a bounded load generator, against
# GET /api/posts/1 and POST /api/posts.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-20000}
c=${C:-8}
work=$(mktemp -d -t kiln-http-XXXXXX)
app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then kill -INT "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/kiln" .
(cd bench && go build -o "$work/httpload" ./cmd/httpload)
kiln=$work/kiln
"$kiln" new "$work/blog" -n >/dev/null
cd "$work/blog"
"$kiln" make scaffold User name:string email:string:unique -n >/dev/null
"$kiln" make scaffold Post title:string body:text:nullable published:bool:default=false author:belongs_to=users --soft-deletes -n >/dev/null
"$kiln" db migrate -n >/dev/null
go build -o blog .

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PORT=$port ./blog serve >/dev/null 2>&1 &
app_pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do
  curl -fsS "$base/health/live" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS -X POST "$base/api/users" -H 'Content-Type: application/json' -d '{"name":"Ada","email":"ada@example.com"}' >/dev/null
curl -fsS -X POST "$base/api/posts" -H 'Content-Type: application/json' -d '{"title":"Hello","body":"First post.","author_id":1}' >/dev/null

echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), N=$n C=$c"
echo "GET  /api/posts/1: $("$work/httpload" -n "$n" -c "$c" "$base/api/posts/1")"
echo "POST /api/posts:   $("$work/httpload" -n "$n" -c "$c" -method POST -status 201 \
  -body '{"title":"Load test","body":"A post written by the benchmark.","published":true,"author_id":1}' "$base/api/posts")"
