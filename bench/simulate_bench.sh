#!/usr/bin/env bash
# Scale benchmark of `linchpin simulate`: events/s and peak RSS at ~10M and ~100M events.
# Same population and rates in both runs, only --days differs (x10), so the peak RSS of the two
# runs must be equal: memory follows the population, never the number of events.
#
# Usage: bench/simulate_bench.sh [path/to/linchpin] [scratch dir]
# Prints one line per run: days, events, wall seconds, events/s, CPU seconds (user+sys, both
# threads), peak RSS (MiB), bytes written. On a shared machine wall time depends on the load;
# CPU seconds do not.
set -euo pipefail
BIN=${1:-build/src/cli/linchpin}
SCRATCH=${2:-/tmp/linchpin-simulate-bench}
PEOPLE=${PEOPLE:-20000}
ACTIVITY=${ACTIVITY:-5.6}
SHORT_DAYS=${SHORT_DAYS:-30}

run() {
  local days=$1 dir="$SCRATCH/days$1"
  rm -rf "$dir"
  /usr/bin/time -v "$BIN" simulate --seed 7 --people "$PEOPLE" --activity "$ACTIVITY" --days "$days" \
      --out "$dir" >"$SCRATCH/stdout.$days" 2>"$SCRATCH/time.$days"
  local events secs cpu rss bytes
  events=$(($(wc -l <"$dir/events.csv") - 1))
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$SCRATCH/time.$days")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$SCRATCH/time.$days")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$SCRATCH/time.$days")
  bytes=$(stat -c %s "$dir/events.csv")
  printf '| %s | %s | %s | %.0f | %s | %s | %.2f GB |\n' "$days" "$events" "$secs" "$(echo "$events / $secs" | bc -l)" "$cpu" "$rss" \
      "$(echo "$bytes / 1000000000" | bc -l)"
  rm -rf "$dir"
}

mkdir -p "$SCRATCH"
echo "linchpin simulate --seed 7 --people $PEOPLE --activity $ACTIVITY --days D ($(nproc) cores)"
echo "| days | events | wall s | events/s | CPU s | peak RSS MiB | events.csv |"
echo "|---|---|---|---|---|---|---|"
run "$SHORT_DAYS"
run $((SHORT_DAYS * 10))
