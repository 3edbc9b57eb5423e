#!/usr/bin/env bash
# Opens report pages in headless Chromium with no network (every request goes to a dead proxy):
# the quickstart's (a two-hour run, to stay quick), a comparison of two of its seeds and the sweep
# fixture's. Fails on any console message or when the charts did not all draw; saves a screenshot
# of each page in $FLEETSIM_SCREENSHOTS. Skipped (exit 77) only when Chromium cannot start.
set -euo pipefail
bin=${FLEETSIM_BIN:?}
root=${FLEETSIM_SOURCE_ROOT:?}
shots=${FLEETSIM_SCREENSHOTS:?}
mkdir -p "$shots"

chrome=$(command -v chromium || true)
[ -n "$chrome" ] || { echo "SKIP: chromium is not installed (./dev installs Debian's chromium)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions --hide-scrollbars
       --proxy-server=127.0.0.1:9 "--user-data-dir=$work/profile" --virtual-time-budget=15000)
if ! timeout 60 "$chrome" "${flags[@]}" --dump-dom about:blank >"$work/blank.html" 2>"$work/blank.log"; then
  echo "SKIP: chromium cannot start here:"
  tail -n 5 "$work/blank.log"
  exit 77
fi

failed=0
# check NAME PAGE WHAT: WHAT is "chart-box" (one dygraphs chart each) or "interval" (sweep SVG plots).
check() {
  local name=$1 page=$2 what=$3
  timeout 120 "$chrome" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$page" \
    >"$work/$name.dom" 2>"$work/$name.log" || { echo "$name: chromium failed"; failed=1; return; }
  # Console messages of the page (errors, warnings, logs) and uncaught exceptions all count.
  if grep -E 'CONSOLE|Uncaught' "$work/$name.log"; then
    echo "$name: console messages above"
    failed=1
  fi
  local expected drawn
  expected=$(grep -o "class=\"$what\"" "$work/$name.dom" | wc -l)
  drawn=$(grep -o 'data-charts-drawn="[0-9]*"' "$work/$name.dom" | grep -o '[0-9][0-9]*' || echo 0)
  if [ "$what" = chart-box ]; then
    # dygraphs draws two canvases per chart (the plot and its interaction layer).
    local canvases
    canvases=$(grep -o '<canvas' "$work/$name.dom" | wc -l)
    [ "$canvases" -ge $((2 * expected)) ] || { echo "$name: $canvases canvases for $expected charts"; failed=1; }
  fi
  if [ "$expected" -lt 1 ] || [ "$drawn" != "$expected" ]; then
    echo "$name: $drawn of $expected charts drawn"
    failed=1
  else
    echo "$name: $drawn charts drawn, no console message"
  fi
  timeout 120 "$chrome" "${flags[@]}" --screenshot="$shots/$name.png" --window-size=1400,2400 "file://$page" \
    >/dev/null 2>&1 || { echo "$name: no screenshot"; failed=1; }
}

"$bin" run "$root/scenarios/quickstart.json" --duration 2h --out "$work/quickstart" -q
check quickstart "$work/quickstart/report.html" chart-box
"$bin" run "$root/scenarios/quickstart.json" --duration 2h --seed 2 --out "$work/quickstart-seed2" -q
"$bin" report "$work/quickstart" "$work/quickstart-seed2" --out "$work/compare.html" >/dev/null
check compare "$work/compare.html" chart-box
cp -r "$root/tests/sim/report/fixtures/sweep" "$work/sweep"
"$bin" report "$work/sweep" >/dev/null
check sweep "$work/sweep/report.html" interval
echo "screenshots in $shots"
exit $failed
