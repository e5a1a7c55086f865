#!/usr/bin/env bash
# Attribution evaluation across seeds and difficulty settings: simulates each (seed, setting),
# ingests it, runs `linchpin evaluate --json` against its truth.json, and prints one row per
# (seed, setting) plus the mean of each setting. The figures in docs/attribution.md come from
# this script.
#
#   [ENTITIES="resolved owner"] bench/attribution_eval.sh [-b LINCHPIN] [-s "1 2 3 4 5"] [-d WORKDIR]
#                               [-o rows.jsonl] [SETTING...]
#
# A SETTING is name=simulate-flags, e.g. 'capture0.6=--capture 0.6'. Default settings:
# default (no flags), capture0.6, hard (capture 0.75, one account per planner, two burners,
# contact stopping an hour before, twice the journalists and hubs).
set -euo pipefail

BIN=${LINCHPIN:-linchpin}
# Entity maps to attribute over (`evaluate --entities`): resolved = `linchpin resolve`'s
# entities, owner = account owners and their phones. Several give one row each.
ENTITIES=${ENTITIES:-"resolved owner"}
SEEDS="1 2 3 4 5"
WORK=$(mktemp -d /tmp/attribution_eval.XXXXXX)
ROWS=""
while getopts "b:s:d:o:" opt; do
  case $opt in
    b) BIN=$OPTARG ;;
    s) SEEDS=$OPTARG ;;
    d) WORK=$OPTARG ;;
    o) ROWS=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
SETTINGS=("$@")
if [ ${#SETTINGS[@]} -eq 0 ]; then
  SETTINGS=("default=" "capture0.6=--capture 0.6"
            "hard=--capture 0.75 --handler-accounts 1 --burners 2 --contact-stop-minutes 60 --journalists 6 --hubs 6")
fi
mkdir -p "$WORK"
OUT=${ROWS:-$WORK/rows.jsonl}
: > "$OUT"

for setting in "${SETTINGS[@]}"; do
  name=${setting%%=*}
  flags=${setting#*=}
  for seed in $SEEDS; do
    dir=$WORK/$name-$seed
    rm -rf "$dir" "$dir.lpcase" "$dir.lpcase-wal" "$dir.lpcase-shm"
    # shellcheck disable=SC2086
    "$BIN" simulate --seed "$seed" $flags --out "$dir" > /dev/null
    # Skip mode, so a row ingest refuses (e.g. a phone number it cannot read) costs that row,
    # not the file; the rejects are counted in the output row.
    "$BIN" ingest "$dir.lpcase" "$dir"/platforms.csv "$dir"/persons.csv "$dir"/accounts.csv "$dir"/incidents.csv \
      "$dir"/relations.csv "$dir"/events.csv --on-error skip --rejects-dir "$dir" > "$dir.ingest.log"
    rejected=$({ grep -o '[0-9,]* rejected' "$dir.ingest.log" || true; } | tr -d ',' | awk '{s += $1} END {print s + 0}')
    # Entity resolution first, as an analyst would run it; evaluate then attributes over it.
    "$BIN" resolve "$dir.lpcase" > "$dir.resolve.log"
    for entities in $ENTITIES; do
    start=$(date +%s.%N)
    "$BIN" evaluate "$dir.lpcase" --truth "$dir/truth.json" --json --entities "$entities" > "$dir.$entities.eval.json"
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    label=$name
    [ "$(echo $ENTITIES | wc -w)" -gt 1 ] && label=$name/$entities
    /usr/bin/python3 - "$dir.$entities.eval.json" "$label" "$seed" "$rejected" "$secs" >> "$OUT" <<'EOF'
import json, sys
e = json.load(open(sys.argv[1]))
e.pop("by_incident", None)
e.update(setting=sys.argv[2], seed=int(sys.argv[3]), rejected_rows=int(sys.argv[4]), seconds=float(sys.argv[5]))
print(json.dumps(e))
EOF
    done
  done
done

/usr/bin/python3 - "$OUT" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cols = ["handler_precision", "handler_recall", "verdict_accuracy", "decoys_accused", "introduction_precision",
        "introduction_recall", "chain_accuracy", "verdict_brier"]
short = ["h_prec", "h_rec", "verdict", "decoys", "i_prec", "i_rec", "chain", "brier"]
def cell(v):
    return "n/a" if v is None else (str(v) if isinstance(v, int) else f"{v:.3f}")
print(f"{'setting':<20}{'seed':>5}{'incid':>6}" + "".join(f"{s:>8}" for s in short) + f"{'secs':>7}")
for name in dict.fromkeys(r["setting"] for r in rows):
    sub = [r for r in rows if r["setting"] == name]
    for r in sub:
        print(f"{name:<20}{r['seed']:>5}{r['incidents']:>6}" + "".join(f"{cell(r[c]):>8}" for c in cols) + f"{r['seconds']:>7.1f}")
    means = []
    for c in cols:
        vals = [r[c] for r in sub if r[c] is not None]
        means.append(sum(vals) / len(vals) if vals else None)
    print(f"{name + ' mean':<25}{sum(r['incidents'] for r in sub):>6}" + "".join(f"{cell(m) if m is None or isinstance(m, float) else m:>8}" for m in means) + "\n")
EOF
echo "rows: $OUT"
