#!/usr/bin/env bash
# Benchmark (not a test, not in CI): `citegraph list` on generated lists with many headings, to see
# that reading a list takes time linear in its size. Each list has N headings
# `## Section i`, each holding one entry; the output is the seconds per list and per 1,000 entries,
# which stays flat when parsing is linear and grows with N when it is not.
# Usage: bash benches/list_parse.sh            (debug build, N = 12500 25000 50000 100000)
# Environment: SIZES (the Ns), PROFILE=release for an optimised build.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-12500 25000 50000 100000}
PROFILE=${PROFILE:-debug}
OUT=target/bench-list
mkdir -p "$OUT"

if [ "$PROFILE" = release ]; then cargo build -q --release; else cargo build -q; fi
BIN=target/$PROFILE/citegraph

TIMEFORMAT=%R
printf '%8s %10s %14s\n' headings seconds 's/1k entries'
for n in $SIZES; do
    list=$OUT/headings-$n.md
    awk -v n="$n" 'BEGIN {
        print "# Generated list\n"
        for (i = 0; i < n; i++) printf "## Section %d\n\n1. [arXiv 23] [Paper %d](https://arxiv.org/abs/2301.%05d)\n\n", i, i, i
    }' > "$list"
    for format in json table; do
        seconds=$( { time "$BIN" -q --list "$list" list --format "$format" > /dev/null; } 2>&1 )
        awk -v n="$n" -v s="$seconds" -v f="$format" 'BEGIN { printf "%8d %10.2f %14.3f  (list --format %s)\n", n, s, s * 1000 / n, f }'
    done
done
