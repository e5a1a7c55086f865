#!/usr/bin/env bash
# Ingest and load benchmark for the foundation issue's targets:
#  - ingest of a 10M-event canonical events.csv into a fresh case, against the sqlite3 shell's
#    `.import --csv` of the same file into a plain table, measured in the same run;
#  - peak memory of ingest at 1M and 10M rows (it must not grow with the file);
#  - loading every event of the 10M-event case into memory (load_bench).
# The file comes from `linchpin simulate` (about 10M events at these settings).
#
# Usage: bench/ingest_bench.sh BUILD_DIR [SCRATCH]   (BUILD_DIR configured with -DLINCHPIN_BENCH=ON)
# On a shared machine wall time depends on the load; CPU seconds are printed beside it.
set -euo pipefail
build=${1:?usage: bench/ingest_bench.sh BUILD_DIR [SCRATCH]}
scratch=${2:-/tmp/linchpin-ingest-bench}
lp=$build/src/cli/linchpin
load_bench=$build/bench/load_bench
mkdir -p "$scratch"

sim=$scratch/sim
if [ ! -s "$sim/events.csv" ]; then
  echo "simulating the input (20,000 people, 30 days)..." >&2
  "$lp" simulate --seed 7 --people 20000 --activity 5.6 --days 30 --out "$sim" >/dev/null
fi
full=$sim/events.csv
small=$scratch/events-1M.csv
head -n 1000001 "$full" >"$small"
rows=$(($(wc -l <"$full") - 1))

# time_of LOG -> "wall cpu rss_mib" from /usr/bin/time -v output
time_of() {
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; w=s}
              /User time|System time/ {c+=$2}
              /Maximum resident set size/ {r=$2/1024}
              END {printf "%.2f %.2f %.0f", w, c, r}' "$1"
}

rm -f "$scratch/plain.db"
/usr/bin/time -v sqlite3 "$scratch/plain.db" ".import --csv $full events" 2>"$scratch/sqlite.time" >/dev/null
read -r sq_wall sq_cpu sq_rss <<<"$(time_of "$scratch/sqlite.time")"

ingest() {  # FILE TAG
  rm -f "$scratch/$2.lpcase" "$scratch/$2.lpcase-wal" "$scratch/$2.lpcase-shm"
  /usr/bin/time -v "$lp" ingest "$scratch/$2.lpcase" "$1" --kind events 2>"$scratch/$2.time" >/dev/null
  time_of "$scratch/$2.time"
}
read -r lp_wall lp_cpu lp_rss <<<"$(ingest "$full" full)"
read -r small_wall small_cpu small_rss <<<"$(ingest "$small" small)"

printf '\n| what | rows | wall s | CPU s | rows/s (wall) | peak RSS MiB |\n|---|---|---|---|---|---|\n'
printf '| sqlite3 .import --csv | %s | %s | %s | %.0f | %s |\n' "$rows" "$sq_wall" "$sq_cpu" "$(echo "$rows / $sq_wall" | bc -l)" "$sq_rss"
printf '| linchpin ingest | %s | %s | %s | %.0f | %s |\n' "$rows" "$lp_wall" "$lp_cpu" "$(echo "$rows / $lp_wall" | bc -l)" "$lp_rss"
printf '| linchpin ingest (1M rows) | 1000000 | %s | %s | %.0f | %s |\n' "$small_wall" "$small_cpu" "$(echo "1000000 / $small_wall" | bc -l)" "$small_rss"
printf '\nlinchpin / sqlite3 rows per second: %.2fx (target: at least 5x)\n' "$(echo "$sq_wall / $lp_wall" | bc -l)"
printf 'peak RSS at 10M rows / at 1M rows: %.2f (target: independent of file size)\n\n' "$(echo "$lp_rss / $small_rss" | bc -l)"
"$load_bench" "$scratch/full.lpcase" 3
