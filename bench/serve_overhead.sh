#!/usr/bin/env bash
# Per-request overhead of `vanban serve --stdio` (one warm process, JSON lines) against one
# `vanban restore` process per request, on the same short administrative line.
# usage: bench/serve_overhead.sh [BUILD_DIR] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
vanban="${1:-build}/pipeline/cli/vanban"
n=${2:-200}
line="Chi thi so 28-CT/TW ngay 25/12/2023 cua Bo Chinh tri ve tang cuong cong tac cham soc tre em"
requests=$(mktemp)
trap 'rm -f "$requests"' EXIT
for i in $(seq "$n"); do printf '{"id": %d, "op": "restore", "text": "%s"}\n' "$i" "$line"; done >"$requests"

now() { date +%s.%N; }
t0=$(now)
answered=$("$vanban" serve --stdio <"$requests" | grep -c '"ok":true')
t1=$(now)
for i in $(seq "$n"); do echo "$line" | "$vanban" restore >/dev/null; done
t2=$(now)
[ "$answered" -eq "$n" ] || { echo "serve answered $answered of $n" >&2; exit 1; }
awk -v n="$n" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
  printf "requests: %d\nserve --stdio: %.2f ms/request (one process, model loaded once)\n", n, 1000 * (b - a) / n
  printf "vanban restore per request: %.2f ms/request (process start + model load each time)\n", 1000 * (c - b) / n
}'
