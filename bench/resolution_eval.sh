#!/usr/bin/env bash
# Entity-resolution quality on simulated cases: for each seed, simulate (default difficulty),
# ingest, resolve, and score with `linchpin evaluate-resolution --linking` against truth.json.
# Prints precision / recall / F1 of account linking per seed and the mean, and the takeover
# detections (true positives, false positives, misses; a case has only one to four takeovers,
# so per-seed precision says little) with precision and recall pooled over the seeds.
#
#   bench/resolution_eval.sh [LINCHPIN_BIN] [WORK_DIR] [SEEDS...]     (defaults: build/.., 1..5)
#
# Environment: SIM_ARGS adds simulator options (SIM_ARGS="--difficulty hard"); SIM_BIN simulates
# with another binary than the one that resolves (an older linker on today's simulator).
set -euo pipefail
bin=${1:-build/src/cli/linchpin}
work=${2:-$(mktemp -d)}
shift $(( $# > 2 ? 2 : $# )) || true
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3 4 5)
mkdir -p "$work"

printf '%-5s %9s %9s %9s %9s %9s %9s %8s\n' seed link_P link_R link_F1 take_tp take_fp take_fn seconds
rows=()
for seed in "${seeds[@]}"; do
  dir="$work/seed$seed"
  rm -rf "$dir" "$dir.lpc"
  # shellcheck disable=SC2086  # SIM_ARGS is a list of options
  "${SIM_BIN:-$bin}" simulate --seed "$seed" ${SIM_ARGS:-} --out "$dir" >/dev/null
  "$bin" ingest "$dir.lpc" "$dir"/*.csv >/dev/null
  start=$(date +%s.%N)
  "$bin" resolve "$dir.lpc" >/dev/null
  end=$(date +%s.%N)
  json=$("$bin" evaluate-resolution --truth "$dir/truth.json" --case "$dir.lpc" --json)
  row=$(python3 -c '
import json, sys
j = json.loads(sys.argv[1])["linking"]
l, t = j["account linking"], j["takeover detection"]
print(" ".join(["%.3f" % l[k] for k in ("precision", "recall", "f1")] + [str(t[k]) for k in ("tp", "fp", "fn")]))
' "$json")
  secs=$(python3 -c "print(f'{$end - $start:.2f}')")
  rows+=("$row")
  printf '%-5s %9s %9s %9s %9s %9s %9s %8s\n' "$seed" $row "$secs"
done
printf '%s\n' "${rows[@]}" | python3 -c '
import sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
mean = [sum(c) / len(rows) for c in zip(*rows)]
print("%-5s %9.3f %9.3f %9.3f" % ("mean", *mean[:3]))
tp, fp, fn = (sum(c) for c in list(zip(*rows))[3:6])
p = tp / (tp + fp) if tp + fp else float("nan")
r = tp / (tp + fn) if tp + fn else float("nan")
print("takeovers over all seeds: tp %d fp %d fn %d, precision %.3f recall %.3f" % (tp, fp, fn, p, r))
'
