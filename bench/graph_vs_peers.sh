#!/usr/bin/env bash
# Linchpin's graph kernels against python-igraph, graph-tool (and networkx at 1M edges) on the
# same edge lists, in one run on one machine; prints the ratio table (bench/graph/ratio_table.py).
#
#   bench/graph_vs_peers.sh [BUILD_DIR] [EDGES...]      default: build-bench 1000000 10000000
#
# Graphs: an R-MAT power-law graph and a simulated case (bench/graph/graph_bench.cc), both as
# distinct directed pairs (KINDS="rmat case" by default); 32 seeded random sources for sampled
# betweenness and shortest paths.
# Results: $GRAPH_BENCH_DIR (default /tmp/linchpin-graph-bench)/results.jsonl. Set PEERS=0 to rerun
# Linchpin alone and keep the peers' earlier lines; NETWORKX=0 keeps networkx's (it takes ~15 min at 1M).
# RUNS=N (default 3) runs each tool N times on each graph, one after another, and the table shows
# the least time of each: on a shared machine one run can be slowed by work elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-bench}
shift || true
[ $# -gt 0 ] && SIZES=("$@") || SIZES=(1000000 10000000)
WORK=${GRAPH_BENCH_DIR:-/tmp/linchpin-graph-bench}
PY=/usr/bin/python3
BIN=$BUILD/bench/graph/graph_bench
mkdir -p "$WORK"
if [ ! -x "$BIN" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINCHPIN_BENCH=ON -DLINCHPIN_TESTS=OFF >/dev/null
  cmake --build "$BUILD" --target graph_bench
fi
RESULTS=$WORK/results.jsonl
touch "$RESULTS"
tag() { sed "s/^{/{\"graph\": \"$1\", /"; }
for edges in "${SIZES[@]}"; do
  for kind in ${KINDS:-rmat case}; do
    label="$kind-$((edges / 1000000))M"
    file=$WORK/$label.txt
    [ -s "$file" ] || "$BIN" generate "$kind" "$edges" 1 "$file"
    [ -s "$file.sources" ] || $PY -c "
import random, sys
random.seed(1)
n = max(max(map(int, l.split())) for l in open(sys.argv[1])) + 1
print('\n'.join(str(random.randrange(n)) for _ in range(32)))" "$file" > "$file.sources"
    grep -v "\"graph\": \"$label\", \"tool\": \"linchpin\"" "$RESULTS" > "$RESULTS.tmp" || true
    mv "$RESULTS.tmp" "$RESULTS"
    for run in $(seq "${RUNS:-3}"); do
      echo "== $label: linchpin, run $run" >&2
      "$BIN" run "$file" "$file.sources" | tag "$label" >> "$RESULTS"
    done
    if [ "${PEERS:-1}" = 1 ]; then
      tools=(igraph graph-tool)
      [ "$edges" -le 1000000 ] && [ "${NETWORKX:-1}" = 1 ] && tools+=(networkx)
      for tool in "${tools[@]}"; do
        grep -v "\"graph\": \"$label\", \"tool\": \"$tool\"" "$RESULTS" > "$RESULTS.tmp" || true
        mv "$RESULTS.tmp" "$RESULTS"
        for run in $(seq "${RUNS:-3}"); do
          echo "== $label: $tool, run $run" >&2
          timeout "${PEER_TIMEOUT:-1800}" $PY bench/graph/peers.py "$tool" "$file" "$file.sources" 2>/dev/null | tag "$label" >> "$RESULTS" \
            || echo "   ($tool stopped: timeout or error; its missing kernels show as —)" >&2
        done
      done
    fi
  done
done
$PY bench/graph/ratio_table.py "$RESULTS"
