#!/usr/bin/env bash
# Benchmark (not a test, not in CI): citegraph's PageRank, HITS and betweenness against networkx and
# python-igraph on the very same synthetic citation DAG, with times, ratios
# and agreement. Usage: bash benches/centrality.sh [--no-networkx]
# Environment: EDGES (default 1000000; EDGES=10000000 for ten million citations), RUNS (citegraph's
# repetitions, default 3), NETWORKX=1 to run networkx beyond 10^6 edges too (it takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
EDGES=${EDGES:-1000000}
RUNS=${RUNS:-3}
OUT=target/bench-centrality
VENV=target/bench-venv

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q -r benches/requirements.txt

# Generates $OUT/price-$EDGES.txt, times citegraph's library calls, writes its scores.
cargo bench -q --bench centrality -- --edges "$EDGES" --out "$OUT" --runs "$RUNS"

# The command a user runs, end to end, with its peak memory and its own read/rank split (from its
# summary line on stderr).
cargo build -q --release
/usr/bin/time -f '%e %M' -o "$OUT/cli.time" \
    target/release/citegraph rank --edges "$OUT/price-$EDGES.txt" --top 10 > /dev/null 2> "$OUT/cli.log"
cli_phase() { sed -n "s/.*read in \([0-9.]*\) s, ranked in \([0-9.]*\) s.*/\\$1/p" "$OUT/cli.log"; }
awk -v read="$(cli_phase 1)" -v rank="$(cli_phase 2)" \
    '{ printf "{\"seconds\": %s, \"peakMiB\": %.1f, \"read\": %s, \"rank\": %s}\n", $1, $2 / 1024, read, rank }' \
    "$OUT/cli.time" > "$OUT/cli.json"

if [ "$EDGES" -gt 1000000 ] && [ "${NETWORKX:-0}" != 1 ]; then
    set -- "$@" --no-networkx
fi
"$VENV/bin/python" benches/centrality.py "$OUT" "$@"
