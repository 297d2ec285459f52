#!/usr/bin/env bash
# Start-up benchmark: time from process start to the UI page loaded, and the memory of the
# whole process tree (the app plus its WebKit processes) MEMORY_AFTER seconds later (3 by
# default, as the figures of the empty Tauri app it is compared with).
# With a store (for example one made by `groeikoers-cli demo --people 1000 --years 5`), a
# copy of it is opened; with IDLE_SECONDS=60 the CPU the app process uses while idle is
# measured too (after the first paint and the first reminder tick), twice: over the first
# IDLE_SECONDS after start-up (which includes the day's first backup, a copy of the whole
# store made 10 s after start when the newest backup is a day old) and over the IDLE_SECONDS
# after that (the app as it idles the rest of the day).
# Usage: tests/bench/startup.sh [APP_BINARY] [RUNS] [STORE]   (needs a DISPLAY, e.g. Xvfb)
set -euo pipefail
APP="${1:-target/release/groeikoers}"
RUNS="${2:-5}"
STORE="${3:-}"
IDLE_SECONDS="${IDLE_SECONDS:-0}"
MEMORY_AFTER="${MEMORY_AFTER:-3}"
TICKS=$(getconf CLK_TCK)
[ -n "${DISPLAY:-}" ] || { echo "DISPLAY is not set (start Xvfb first)" >&2; exit 2; }

tree_pids() {
  local pid=$1
  echo "$pid"
  for child in $(pgrep -P "$pid" || true); do tree_pids "$child"; done
}

for run in $(seq "$RUNS"); do
  dir=$(mktemp -d)
  log="$dir/log"
  [ -z "$STORE" ] || cp "$STORE" "$dir/db.sqlite3"
  GROEIKOERS_STARTUP_PROBE=1 GROEIKOERS_DB="$dir/db.sqlite3" "$APP" 2> "$log" &
  pid=$!
  for _ in $(seq 200); do grep -q "ui-ready" "$log" && break; sleep 0.05; done
  ready=$(grep -o "ui-ready [0-9]* ms" "$log" | head -1 || true)
  if [ -z "$ready" ]; then
    echo "run $run: the app did not report ui-ready within 10 s:" >&2
    cat "$log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep "$MEMORY_AFTER"
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
  echo "run $run: $ready; after ${MEMORY_AFTER} s: process tree RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB ($names )"
  if [ "$IDLE_SECONDS" -gt 0 ]; then
    sleep 6
    cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
    for what in "first $IDLE_SECONDS s (with the day's first backup)" "next $IDLE_SECONDS s"; do
      before=$(cpu)
      sleep "$IDLE_SECONDS"
      after=$(cpu)
      awk -v t=$((after - before)) -v hz="$TICKS" -v s="$IDLE_SECONDS" -v w="$what" \
        'BEGIN {printf "  idle: %.3f %% of a core, %s (app process)\n", 100 * t / hz / s, w}'
    done
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done
