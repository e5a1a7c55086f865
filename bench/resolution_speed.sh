#!/usr/bin/env bash
# Entity-resolution speed at about a million account records: simulate a large, short case
# (390k people open ~1M accounts; 14 days at half activity keep the events near ten million),
# ingest it, and time `linchpin resolve` (which prints its own phase times), then score it.
#
#   bench/resolution_speed.sh [LINCHPIN_BIN] [WORK_DIR] [PEOPLE]
set -euo pipefail
bin=${1:-build/src/cli/linchpin}
work=${2:-$(mktemp -d)}
people=${3:-390000}
mkdir -p "$work"
dir="$work/big"
rm -rf "$dir" "$dir.lpc"
/usr/bin/time -f "simulate: %e s, %M KB peak" "$bin" simulate --seed 11 --people "$people" --days 14 --activity 0.5 --out "$dir" >/dev/null
/usr/bin/time -f "ingest: %e s, %M KB peak" "$bin" ingest "$dir.lpc" "$dir"/*.csv >/dev/null
"$bin" stats "$dir.lpc" | head -12
/usr/bin/time -f "resolve (load + resolve + write): %e s wall, %M KB peak" "$bin" resolve "$dir.lpc" --top 0
"$bin" evaluate-resolution --truth "$dir/truth.json" --case "$dir.lpc"
