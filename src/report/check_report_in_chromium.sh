#!/usr/bin/env bash
# Renders a Linchpin HTML report in headless Chromium and fails if the page logs any console
# error or uncaught exception, or if its script did not run (it sets data-report-ready="true" on
# <html> when done). Keeps a screenshot for a person to look at.
#
# Usage: check_report_in_chromium.sh REPORT.html|GENERATOR OUTDIR
#   REPORT.html  an existing report; or GENERATOR, a program that writes a report to stdout
#   OUTDIR       receives report.html (when generated), screenshot.png, chromium.log, dom.html
# Exit: 0 pass, 1 fail, 77 skipped (no /usr/bin/chromium; ctest maps 77 to SKIPPED).
set -euo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIP: $CHROMIUM not found (Debian: apt-get install chromium)"
  exit 77
fi
[ $# -eq 2 ] || { echo "usage: $0 REPORT.html|GENERATOR OUTDIR" >&2; exit 2; }

input=$1
outdir=$2
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
if [[ "$input" == *.html ]]; then
  report=$(cd "$(dirname "$input")" && pwd)/$(basename "$input")
else
  report=$outdir/report.html
  "$input" > "$report"
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Flags: no sandbox (containers run as root), no GPU, and nothing that reaches the network, so a
# report that tried to fetch anything would show up as a console error instead of a silent load.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --disable-extensions --disable-default-apps --mute-audio
       --user-data-dir="$profile" --enable-logging=stderr --v=0
       --window-size=1400,2000 --hide-scrollbars)

run_chromium() {
  # timeout: a wedged browser must fail the test, not hang it.
  timeout 60 "$CHROMIUM" "${flags[@]}" "$@" "file://$report"
}

status=0
run_chromium --screenshot="$outdir/screenshot.png" 2> "$outdir/chromium.log" > /dev/null || status=$?
run_chromium --dump-dom 2>> "$outdir/chromium.log" > "$outdir/dom.html" || status=$?
if [ $status -ne 0 ]; then
  echo "FAIL: chromium exited with $status; log: $outdir/chromium.log"
  exit 1
fi

# Chromium logs page console messages as '... CONSOLE(line)] "message", source: ...' and
# uncaught exceptions as 'Uncaught ...'. CSP violations (an attempt to load anything) come as
# console errors too.
if grep -E 'CONSOLE|Uncaught|Refused to' "$outdir/chromium.log"; then
  echo "FAIL: the page logged console messages (above); log: $outdir/chromium.log"
  exit 1
fi
if ! grep -q 'data-report-ready="true"' "$outdir/dom.html"; then
  echo "FAIL: the report's script did not run (no data-report-ready on <html>); DOM: $outdir/dom.html"
  exit 1
fi
if [ ! -s "$outdir/screenshot.png" ]; then
  echo "FAIL: no screenshot written"
  exit 1
fi
# The charts must be in the rendered DOM, not only in the file.
for chart in link-chart timeline; do
  grep -q "class=\"chart $chart\"" "$outdir/dom.html" || { echo "FAIL: no $chart in the DOM"; exit 1; }
done
echo "PASS: $report renders without console errors; screenshot: $outdir/screenshot.png"
