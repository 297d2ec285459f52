#!/usr/bin/env bash
# Start-up benchmark: time from process start to the UI page loaded, and the memory of the
# whole process tree (the app plus its WebKit processes) two seconds later.
# Usage: tests/bench/startup.sh [APP_BINARY] [RUNS]   (needs a DISPLAY, e.g. Xvfb)
set -euo pipefail
APP="${1:-target/release/groeikoers}"
RUNS="${2:-5}"
[ -n "${DISPLAY:-}" ] || { echo "DISPLAY is not set (start Xvfb first)" >&2; exit 2; }

tree_pids() {
  local pid=$1
  echo "$pid"
  for child in $(pgrep -P "$pid" || true); do tree_pids "$child"; done
}

for run in $(seq "$RUNS"); do
  dir=$(mktemp -d)
  log="$dir/log"
  GROEIKOERS_STARTUP_PROBE=1 GROEIKOERS_DB="$dir/db.sqlite3" "$APP" 2> "$log" &
  pid=$!
  for _ in $(seq 200); do grep -q "ui-ready" "$log" && break; sleep 0.05; done
  ready=$(grep -o "ui-ready [0-9]* ms" "$log" | head -1)
  sleep 2
  rss=0
  pss=0
  names=""
  for p in $(tree_pids "$pid"); do
    [ -r "/proc/$p/smaps_rollup" ] || continue
    r=$(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup")
    s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup")
    rss=$((rss + r)); pss=$((pss + s))
    names="$names $(cat /proc/$p/comm)"
  done
  echo "run $run: $ready; process tree RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB ($names )"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done
