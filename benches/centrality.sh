#!/usr/bin/env bash
# Benchmark (not a test, not in CI): citegraph's PageRank, HITS and betweenness against networkx and
# python-igraph on the very same synthetic citation DAG (shared/perf/ANCHORS.md), with times, ratios
# and agreement. Usage: bash benches/centrality.sh [--no-networkx]
# Environment: EDGES (default 1000000), RUNS (citegraph's repetitions, default 3).
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

# The command a user runs, end to end, with its peak memory.
cargo build -q --release
/usr/bin/time -f '%e %M' -o "$OUT/cli.time" \
    target/release/citegraph -q rank --edges "$OUT/price-$EDGES.txt" --top 10 > /dev/null
awk '{ printf "{\"seconds\": %s, \"peakMiB\": %.1f}\n", $1, $2 / 1024 }' "$OUT/cli.time" > "$OUT/cli.json"

"$VENV/bin/python" benches/centrality.py "$OUT" "$@"
