#!/usr/bin/env bash
# `make bench`: every benchmark and evaluation, one after the other, each printing its table.
# Usage: bench/run-all.sh BUILD_DIR   (configured with -DLINCHPIN_BENCH=ON)
# Long: the 100M-event runs alone take minutes. Run one script by hand for one figure.
set -euo pipefail
build=${1:?usage: bench/run-all.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
lp=$build/src/cli/linchpin

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

section "Ingest and load (foundation)"
"$here/ingest_bench.sh" "$build"
section "Simulator scale"
"$here/simulate_bench.sh" "$lp"
section "Graph kernels against igraph, graph-tool, networkx"
"$here/graph_vs_peers.sh" "$build"
if [ -x "$build/bench/names/names_bench" ]; then
  section "Name matching speed"
  "$build/bench/names/names_bench"
fi
section "Entity resolution quality (seeds 1-5) and speed at 1M accounts"
"$here/resolution_eval.sh" "$lp"
"$here/resolution_speed.sh" "$lp"
section "Attribution quality across seeds and settings"
"$here/attribution_eval.sh" -b "$lp"
if [ -x "$build/bench/attribute/attribution_bench" ]; then
  section "Attribution speed (the ~11M-event case simulated by ingest_bench.sh)"
  sim=/tmp/linchpin-ingest-bench/sim whole=/tmp/linchpin-ingest-bench/whole.lpcase
  rm -f "$whole" "$whole-wal" "$whole-shm"
  "$lp" ingest "$whole" "$sim"/*.csv >/dev/null
  "$build/bench/attribute/attribution_bench" "$whole"
  section "Attribution speed at ~100M events (simulates and ingests once, keeps the case)"
  "$here/attribution_speed.sh" "$build"
fi
