#!/bin/bash
# Back-to-back shortest_paths CPU seconds of two graph_bench binaries (say, a copy built before a
# change and the current one), REPS alternating runs per graph, with the load average of each run.
#   bench/graph/shortest_paths_back_to_back.sh BASE_BIN NEW_BIN [GRAPH.txt...]
# Each GRAPH.txt needs its GRAPH.txt.sources (bench/graph_vs_peers.sh writes both).
BASE=$1 NEW=$2
shift 2
REPS=${REPS:-3}
GRAPHS=("$@")
[ ${#GRAPHS[@]} -gt 0 ] || GRAPHS=(/tmp/graph6/case-1M.txt /tmp/graph6/rmat-1M.txt /tmp/graph5-quiet/case-10M.txt /tmp/graph5-quiet/rmat-10M.txt)
for f in "${GRAPHS[@]}"; do
  for r in $(seq "$REPS"); do
    for b in base new; do
      bin=$BASE; [ $b = new ] && bin=$NEW
      out=$(GRAPH_BENCH_KERNELS=shortest_paths "$bin" run "$f" "$f.sources" 2 2>/dev/null | grep shortest_paths)
      echo "$(basename "$f" .txt) $b rep$r load$(cut -d' ' -f1 /proc/loadavg) $out"
    done
  done
done
