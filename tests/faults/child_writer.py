"""Child process of the load test: record values and raise or clear flags on a few shared
indicators for a while, as a person would (read the version shown, think, write based on it).

Prints one JSON line per outcome: an acknowledged write (after its commit), a conflict, or an
error (anything else, which the test counts as a failure). The store's URL comes from
TRACKER_DATABASE_URL, never from the command line.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time

from tracker import services
from tracker.errors import ConflictError
from tracker.storage import queries
from tracker.storage.engine import reading

PERIODS = ("2030-01", "2030-02", "2030-03")


def say(**fields: object) -> None:
    """One JSON line to the parent, flushed at once."""
    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main() -> None:
    """argv: writer name, comma-separated indicator codes, seconds to run, random seed."""
    name, codes, seconds, seed = (
        sys.argv[1],
        sys.argv[2].split(","),
        float(sys.argv[3]),
        sys.argv[4],
    )
    rng = random.Random(seed)
    store = services.open_store(os.environ["TRACKER_DATABASE_URL"], create=False)
    deadline = time.monotonic() + seconds
    sequence = 0
    while time.monotonic() < deadline:
        code = rng.choice(codes)
        sequence += 1
        try:
            with reading(store.engine) as session:
                indicator = queries.get_indicator(session=session, code=code)
                version, flagged = (
                    indicator.version,
                    bool(queries.indicator_rows(session=session, ids=[indicator.id or 0])[0].flag),
                )
            time.sleep(rng.uniform(0, 0.02))  # a person looks at the screen, then writes
            if rng.random() < 0.7:
                value, period = f"{sequence}.{rng.randrange(1000)}", rng.choice(PERIODS)
                made = services.record(
                    store,
                    code=code,
                    value=value,
                    period=period,
                    actor=name,
                    origin="load",
                    expected_version=version,
                )
                new_id = made.row_id if made else None
                say(op="record", code=code, id=new_id, value=value, period=period, based_on=version)
            elif flagged:
                flag_id = services.unflag(
                    store,
                    code=code,
                    note=f"{name} {sequence}",
                    actor=name,
                    origin="load",
                    expected_version=version,
                )
                say(op="unflag", code=code, id=flag_id.row_id, based_on=version)
            else:
                flag_id = services.flag(
                    store,
                    code=code,
                    reason=f"{name} {sequence}",
                    actor=name,
                    origin="load",
                    expected_version=version,
                )
                say(op="flag", code=code, id=flag_id.row_id, based_on=version)
        except ConflictError as exc:
            say(op="conflict", code=code, message=str(exc))
        except Exception as exc:  # noqa: BLE001  (reported to the parent, which fails the test)
            say(op="error", code=code, kind=type(exc).__name__, message=str(exc))
    store.engine.dispose()


if __name__ == "__main__":
    main()
