#!/usr/bin/env bash
# Whole-process figures of the CLI at three store sizes (10 people x 1 year, 200 x 3 and
# 1 000 x 5, made with `groeikoers-cli demo`), the median of RUNS runs each, with the ratio
# of each size to the small one. Process start is included (about 5 ms here).
# Usage: tests/bench/cli-growth.sh [RUNS]   (sizes: SIZES="10x1 1000x5")
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-7}"
SIZES="${SIZES:-10x1 200x3 1000x5}"
# CLI=path/to/groeikoers-cli to measure a binary built already (the test command passes its
# optimised build); otherwise the release build of the app and the CLI is made here.
if [ -z "${CLI:-}" ]; then
  source .scripts/setup.sh
  build_app_and_cli
  CLI="$PWD/target/$(profile_dir)/groeikoers-cli"
fi
DIR="$PWD/target/bench-cli"
mkdir -p "$DIR"
export LC_ALL=C.UTF-8

median_ms() { # command... -> median wall time in ms
  local times=()
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    e=$(date +%s%N)
    times+=($(((e - s) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

declare -A RESULT
NAMES=()
for size in $SIZES; do
  people=${size%x*}
  years=${size#*x}
  db="$DIR/demo-$size.sqlite3"
  [ -f "$db" ] || "$CLI" demo --people "$people" --years "$years" --seed 1 -o "$db" > /dev/null
  work="$DIR/work-$size.sqlite3"
  rm -f "$work" "$work-wal" "$work-shm"
  cp "$db" "$work"
  plan=$("$CLI" --db "$work" plan list --json | python3 -c \
    "import json,sys; print(next(p['id'] for p in json.load(sys.stdin) if p['status']=='active'))")
  old=$("$CLI" --db "$work" plan list --json | python3 -c \
    "import json,sys; l=[p['id'] for p in json.load(sys.stdin) if p['status']=='evaluated']; print(l[0] if l else '')")
  old=${old:-$plan}
  run() { # name, then the arguments after --db
    local name=$1
    shift
    [ "$size" = "${SIZES%% *}" ] && NAMES+=("$name")
    RESULT["$name|$size"]=$(median_ms "$CLI" --db "$work" "$@")
  }
  run "calendar -o all.ics" calendar -o "$DIR/all.ics"
  run "plan checkin (one plan)" plan checkin "$plan" --reality "Ging goed"
  run "plan schedule ID" plan schedule "$plan"
  run "overview --json" overview --json
  run "overview -o x.xlsx" overview -o "$DIR/x.xlsx"
  run "due --json" due --json
  run "remind" remind
  run "log verify" log verify
  run "plan list --json" plan list --json
  run "plan pdf" plan pdf "$plan" -o "$DIR/p.pdf"
  run "plan history (evaluated)" plan history "$old"
  run "journal search (common)" journal search gesprek
  run "journal search (rare)" journal search vakbeurs
  run "person list" person list
  run "device show (baseline)" device show
done

printf '\n%-28s' "median ms (whole process)"
for size in $SIZES; do printf '%10s' "$size"; done
echo
first=${SIZES%% *}
for name in "${NAMES[@]}"; do
  printf '%-28s' "$name"
  for size in $SIZES; do printf '%10s' "${RESULT[$name|$size]}"; done
  for size in $SIZES; do
    [ "$size" = "$first" ] && continue
    awk -v a="${RESULT[$name|$size]}" -v b="${RESULT[$name|$first]}" 'BEGIN {printf "  x%.1f", a / b}'
  done
  echo
done
