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
for script in resolution_eval.sh attribution_eval.sh attribution_bench.sh; do
  if [ -x "$here/$script" ]; then
    section "$script"
    "$here/$script" "$build"
  fi
done
