#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time against its seed corpus.
# Usage: scripts/run-fuzzers.sh BUILD_DIR SECONDS
#   BUILD_DIR  a build configured with -DLINCHPIN_FUZZ=ON (the targets are in BUILD_DIR/fuzz/)
#   SECONDS    time per target (-max_total_time)
# Seeds are copied to BUILD_DIR/fuzz-runs/<target>/corpus so the repository's corpus stays
# small; crashes land in BUILD_DIR/fuzz-runs/<target>/. Prints one line per target and fails if
# any target crashed, leaked, timed out or could not run.
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build_dir=$1
seconds=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
targets=(fuzz_csv fuzz_jsonl fuzz_ftm fuzz_phone fuzz_time)

failed=0
for target in "${targets[@]}"; do
  binary=$build_dir/fuzz/$target
  work=$build_dir/fuzz-runs/$target
  if [ ! -x "$binary" ]; then
    echo "$target: FAILED (no binary at $binary)"
    failed=1
    continue
  fi
  rm -rf "$work"
  mkdir -p "$work/corpus"
  cp "$repo/fuzz/corpus/$target/"* "$work/corpus/" 2>/dev/null
  log=$work/fuzz.log
  "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -timeout=25 \
    -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(ls "$work/corpus" | wc -l)
  if [ $status -eq 0 ]; then
    echo "$target: ok, ${runs:-?} runs in ${seconds}s, coverage ${coverage:-?} edges, corpus $corpus inputs"
  else
    artifact=$(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | head -1)
    echo "$target: FAILED (exit $status) after ${runs:-?} runs; input: ${artifact:-none}; log: $log"
    grep -m1 -E 'ERROR|runtime error|deadly signal' "$log" | sed 's/^/    /'
    failed=1
  fi
done
exit $failed
