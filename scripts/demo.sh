#!/usr/bin/env bash
# The demo: simulate a case whose answer is known, ingest it, inspect it, attribute its
# incidents, score the attribution against the ground truth, and write the analyst's report.
# Usage: scripts/demo.sh PATH/TO/linchpin   (make demo passes the freshly built one)
set -euo pipefail
lp=${1:?usage: scripts/demo.sh PATH/TO/linchpin}
out=${DEMO_OUT:-demo-out}
seed=${DEMO_SEED:-7}
rm -rf "$out"
mkdir -p "$out"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Simulate a case with a hidden handler network (seed $seed)"
"$lp" simulate --seed "$seed" --out "$out/sim"

step "2. Ingest it into one case file"
"$lp" ingest "$out/case.lpcase" "$out"/sim/*.csv --region FR

step "3. What the case holds"
"$lp" stats "$out/case.lpcase" --top 5

step "4. Who matters in the network (PageRank, top 10)"
"$lp" analyze "$out/case.lpcase" --metric pagerank --top 10

if "$lp" --help | grep -q '^  resolve'; then
  step "5. Resolve identities (accounts and phones of one person)"
  "$lp" resolve "$out/case.lpcase" | tail -n 15
fi

step "6. Attribution: was each incident directed, and by whom"
"$lp" attribute "$out/case.lpcase"

step "7. Scored against the simulator's ground truth"
"$lp" evaluate "$out/case.lpcase" --truth "$out/sim/truth.json"

step "8. The report"
"$lp" report "$out/case.lpcase" --out "$out/report.html"
printf '\nOpen %s in a browser (works offline).\n' "$(realpath "$out/report.html")"
