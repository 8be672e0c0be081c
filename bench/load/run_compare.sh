#!/usr/bin/env bash
# Before and after in one run: the code of 239c00e (the start of issue 17) and this tree, each served by gunicorn
# (4 workers, production settings) on its own fresh copy of the same PostgreSQL town, loaded with 1 and 16
# caseworkers; then the ratios (bench/load/compare.py). Figures in var/load-before.json, var/load-after.json and
# var/load-compare.json.
#
#   bench/load/run_compare.sh                          # 1,000,000 residents, 60 s per step (builds the town once)
#   LOAD_RESIDENTS=20000 LOAD_TOWN=small_before LOAD_DURATION=10 bench/load/run_compare.sh   # a quick check
#
# The town is built once by the code before (database $LOAD_TOWN in the cluster at $LOAD_PG_DIR) and never
# changed: each run copies it (CREATE DATABASE ... TEMPLATE), and the copy for "after" is migrated by this tree,
# as an upgrade would be.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BEFORE_COMMIT="${LOAD_BEFORE_COMMIT:-239c00e}"
BEFORE_TREE="${LOAD_BEFORE_TREE:-/work/wt-before}"
RESIDENTS="${LOAD_RESIDENTS:-1000000}"
TOWN="${LOAD_TOWN:-before}"
DURATION="${LOAD_DURATION:-60}"
USERS="${LOAD_USERS:-1,16}"
WARMUP="${LOAD_WARMUP:-15}"
PY="$ROOT/.venv/bin/python"
cd "$ROOT"
STARTED=$(date +%s)
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
if awk "BEGIN {exit !($LOAD1 > 1.5)}"; then
  echo "warning: load average $LOAD1 before the run; the figures are only comparable on a quiet machine" >&2
fi

if [ ! -x .venv-bench/bin/python ]; then
  python3.11 -m venv .venv-bench
  .venv/bin/uv pip sync --quiet --python .venv-bench/bin/python requirements/bench.txt
fi
if ! "$PY" -c "import gunicorn" 2>/dev/null; then
  echo "gunicorn ontbreekt in .venv (make install installeert het)" >&2
  exit 1
fi
if [ ! -d "$BEFORE_TREE" ]; then
  git worktree add --detach "$BEFORE_TREE" "$BEFORE_COMMIT"
fi
[ -e "$BEFORE_TREE/.venv" ] || ln -s "$ROOT/.venv" "$BEFORE_TREE/.venv"
[ -e "$BEFORE_TREE/node_modules" ] || ln -s "$ROOT/node_modules" "$BEFORE_TREE/node_modules"

cd "$ROOT/bench/load"
if [ "$("$PY" -c "import stack; stack.pg_ensure('serve'); print(int(stack.database_exists('$TOWN')))")" != "1" ]; then
  echo "== building the town ($RESIDENTS residents) with the code of $BEFORE_COMMIT into database $TOWN"
  "$PY" -c "import stack; from pathlib import Path; stack.town_build(Path('$BEFORE_TREE'), '$TOWN', $RESIDENTS)"
fi

echo "== before: $BEFORE_COMMIT"
"$PY" -c "import stack; stack.pg_ensure('serve'); stack.database_copy('$TOWN', '${TOWN}_run_before')"
"$PY" run.py --tree "$BEFORE_TREE" --db "${TOWN}_run_before" --label before \
  --users "$USERS" --duration "$DURATION" --warmup "$WARMUP"

echo "== after: $(git -C "$ROOT" rev-parse --short HEAD)"
"$PY" -c "
import stack; from pathlib import Path
stack.database_copy('$TOWN', '${TOWN}_run_after')
stack.town_upgrade(Path('$ROOT'), '${TOWN}_run_after')"
"$PY" run.py --tree "$ROOT" --db "${TOWN}_run_after" --label after \
  --users "$USERS" --duration "$DURATION" --warmup "$WARMUP"

echo "== ratios"
"$PY" compare.py "$ROOT/var/load-before.json" "$ROOT/var/load-after.json" --out "$ROOT/var/load-compare.json"
echo "== done in $(( $(date +%s) - STARTED )) s (load average before the run: $LOAD1)"
