#!/usr/bin/env bash
# Fuller fault and load runs than the test suite's: more SIGKILLs of larger imports, longer and
# wider concurrent writing, on SQLite and PostgreSQL. Each knob can be set from outside:
#   TRACKER_CRASH_KILLS (per crash test; there are two), TRACKER_CRASH_ROWS,
#   TRACKER_CRASH_SEED (a different seed gives different kill moments),
#   TRACKER_LOAD_SECONDS, TRACKER_LOAD_WRITERS, ROUNDS (how many times to repeat it all).
set -euo pipefail
cd "$(dirname "$0")/.."

export TRACKER_CRASH_KILLS="${TRACKER_CRASH_KILLS:-100}"
export TRACKER_CRASH_ROWS="${TRACKER_CRASH_ROWS:-50000}"
export TRACKER_LOAD_SECONDS="${TRACKER_LOAD_SECONDS:-30}"
export TRACKER_LOAD_WRITERS="${TRACKER_LOAD_WRITERS:-6}"
ROUNDS="${ROUNDS:-1}"

for round in $(seq 1 "$ROUNDS"); do
    export TRACKER_CRASH_SEED="${TRACKER_CRASH_SEED_BASE:-$RANDOM}$round"
    echo "round $round/$ROUNDS: seed $TRACKER_CRASH_SEED, $TRACKER_CRASH_KILLS kills x 2 of" \
         "$TRACKER_CRASH_ROWS-row imports; $TRACKER_LOAD_WRITERS writers for $TRACKER_LOAD_SECONDS s"
    .venv/bin/python -m pytest -q -p no:cacheprovider -n 2 \
        tests/faults tests/storage/test_busy.py tests/storage/test_conflicts.py
done
