#!/bin/bash
# Load CPU time of two graph_bench binaries back to back: for each FILE, REPS rounds of
# `BASE_BIN load FILE` then `NEW_BIN load FILE` (alternating, so both see the same machine), then
# one line per file: min and median CPU s (user + system, all threads) of each, the ratio of the
# medians, the medians of the parse / build / views split, and the RSS bytes per edge.
#
#   REPS=5 bench/graph/load_back_to_back.sh BASE_BIN NEW_BIN FILE...
set -euo pipefail
base=$1 new=$2
shift 2
reps=${REPS:-5}
for f in "$@"; do
  runs=()
  for _ in $(seq "$reps"); do
    runs+=("base $("$base" load "$f")")
    runs+=("new $("$new" load "$f")")
  done
  printf '%s\n' "${runs[@]}" | /usr/bin/python3 -c '
import json, statistics, sys
name = sys.argv[1]
by = {"base": [], "new": []}
for line in sys.stdin:
    tag, js = line.split(" ", 1)
    by[tag].append(json.loads(js))
def col(tag, key):
    return [r[key] for r in by[tag]]
def med(tag, key):
    return statistics.median(col(tag, key))
cells = []
for tag in ("base", "new"):
    cpu = col(tag, "cpu_seconds")
    cells.append("%s %s: min %.3f med %.3f (parse %.3f build %.3f views %.3f) rss %.1f B/edge" % (
        name, tag, min(cpu), statistics.median(cpu), med(tag, "parse_cpu_seconds"),
        med(tag, "build_cpu_seconds"), med(tag, "views_cpu_seconds"), med(tag, "rss_bytes_per_edge")))
print(" | ".join(cells), "| ratio %.2fx" % (med("base", "cpu_seconds") / med("new", "cpu_seconds")))
' "$(basename "$f")"
done
