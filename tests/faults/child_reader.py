"""Child process of the load test: list, summarise and export over and over while others write.

Prints one JSON line per pass (how many indicators and figures it saw) or per error. The
store's URL comes from TRACKER_DATABASE_URL.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date

from tracker import services


def say(**fields: object) -> None:
    """One JSON line to the parent, flushed at once."""
    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main() -> None:
    """argv: seconds to run."""
    store = services.open_store(os.environ["TRACKER_DATABASE_URL"], create=False)
    deadline = time.monotonic() + float(sys.argv[1])
    while time.monotonic() < deadline:
        try:
            listed = services.statuses(store, as_of=date(2030, 6, 30))
            # Every indicator once, the closed programmes' too (the default summary hides them).
            summary = services.summarize(store, as_of=date(2030, 6, 30), include_closed=True)
            exported = services.export_observations_csv(store).count("\n") - 1
            say(
                op="read",
                indicators=len(listed),
                total=sum(summary.total.values()),
                figures=exported,
            )
        except Exception as exc:  # noqa: BLE001  (reported to the parent, which fails the test)
            say(op="error", kind=type(exc).__name__, message=str(exc))
    store.engine.dispose()


if __name__ == "__main__":
    main()
