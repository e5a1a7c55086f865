#!/usr/bin/env bash
# Attribution speed at the issue's scale: "all incidents of a 100M-event case attributed in under
# 10 s after the case is loaded". Simulates a ~100M-event case (240,000 people over the default
# 120 days: ~101M events, 6+ GB of CSV), ingests it, then times attribution after load with
# bench/attribute/attribution_bench (load, graph build and Attribute() timed apart, peak RSS) and
# the whole `linchpin attribute --json` command beside it. Each stage is timed with
# /usr/bin/time (wall s, peak RSS). The simulated case and the ingested .lpcase are kept in
# WORK_DIR and reused when the script runs again (delete them to start over): simulating and
# ingesting 100M events take minutes each on the shared 2-core machine.
#
#   bench/attribution_speed.sh [BUILD_DIR] [WORK_DIR]     (BUILD_DIR configured -DLINCHPIN_BENCH=ON)
#   PEOPLE=24000 bench/attribution_speed.sh build /tmp/attr10m   # the ~10M-event case
#   EVALUATE=1 ...  also scores the attribution against truth.json (linchpin evaluate, owner map)
set -euo pipefail
build=${1:-build}
work=${2:-/tmp/linchpin-attribution-speed}
people=${PEOPLE:-240000}
seed=${SEED:-43}
lp=$build/src/cli/linchpin
bench=$build/bench/attribute/attribution_bench
[ -x "$bench" ] || { echo "no $bench: configure with -DLINCHPIN_BENCH=ON" >&2; exit 2; }
mkdir -p "$work"
sim=$work/seed$seed-people$people
lpcase=$sim.lpcase
timed() {  # label, command...: runs it, prints "label: wall s, peak RSS"
  local label=$1
  shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@"
}

# Markers say a stage finished: a killed run leaves no marker, so the stage is redone.
if [ ! -e "$sim/.complete" ]; then
  rm -rf "$sim"
  timed "simulate --seed $seed --people $people" "$lp" simulate --seed "$seed" --people "$people" --out "$sim" >/dev/null
  touch "$sim/.complete"
fi
if [ ! -e "$lpcase.complete" ]; then
  rm -f "$lpcase" "$lpcase-wal" "$lpcase-shm"
  timed "ingest" "$lp" ingest "$lpcase" "$sim"/platforms.csv "$sim"/persons.csv "$sim"/accounts.csv \
    "$sim"/incidents.csv "$sim"/relations.csv "$sim"/events.csv --on-error skip --rejects-dir "$work" >"$work/ingest.log"
  tail -3 "$work/ingest.log"
  touch "$lpcase.complete"
fi
echo "case: $lpcase ($(du -h "$lpcase" | cut -f1)); $(($(wc -l <"$sim/events.csv") - 1)) events simulated"
# The figure the issue bounds: Attribute() over the loaded case and its graph, best of 2.
timed "attribution_bench (whole process)" "$bench" "$lpcase" 2
# The CLI end to end (load + graph + attribute + JSON), for comparison.
timed "linchpin attribute --json --entities owner (end to end)" "$lp" attribute "$lpcase" --json --entities owner >"$work/attribution.json"
if [ -n "${EVALUATE:-}" ]; then
  "$lp" evaluate "$lpcase" --truth "$sim/truth.json" --entities owner
fi
