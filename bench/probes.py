"""What runs inside a measured process when the figure is timed from within it.

Run as `python -m bench.probes NAME ARGS...`; each probe prints one `BENCH {json}` line with
`seconds` (and any other numbers it measured). Launch figures are measured from the moment
the parent spawned the process (BENCH_SPAWNED, a time.time() stamp), so that interpreter
start-up and imports count.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from datetime import date
from typing import Any

AS_OF = date(2026, 6, 30)


def emit(**numbers: float) -> None:
    """Report numbers to the parent on stdout."""
    sys.stdout.write("BENCH " + json.dumps(numbers) + "\n")


# -- status -----------------------------------------------------------------------------------


def status(db: str) -> None:
    """tracker: every indicator's verdict as of AS_OF (what summary and the TUI show)."""
    from tracker import services

    store = services.open_store(f"sqlite:///{db}", create=False)
    started = time.perf_counter()
    items = services.statuses(store, as_of=AS_OF)
    seconds = time.perf_counter() - started
    assert items, "no indicators"
    emit(seconds=seconds, indicators=len(items))


def board(db: str) -> None:
    """How many indicators the default board shows as of AS_OF (closed programmes' hidden):
    what the TUI's first screen must hold before it counts as shown."""
    from tracker import services
    from tracker.domain.status_board import on_board

    store = services.open_store(f"sqlite:///{db}", create=False)
    shown = on_board(services.statuses(store, as_of=AS_OF))
    emit(indicators=len(shown))


# The floor: latest current actual (up to AS_OF), latest baseline and the target governing
# AS_OF, per indicator, in one query of index seeks.
STATUS_FLOOR_SQL = """
SELECT i.id,
    (SELECT value FROM observation
     WHERE indicator_id = i.id AND kind = 'actual' AND state = 'current' AND period_end <= :as_of
     ORDER BY period_end DESC LIMIT 1),
    (SELECT value FROM observation
     WHERE indicator_id = i.id AND kind = 'baseline' AND state = 'current'
     ORDER BY period_end DESC LIMIT 1),
    (SELECT value FROM observation
     WHERE indicator_id = i.id AND kind = 'target' AND state = 'current' AND period_end >= :as_of
     ORDER BY period_end LIMIT 1)
FROM indicator i
"""


def status_floor(db: str) -> None:
    """The floor: one SQL query for the latest actual, baseline and target per indicator."""
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    started = time.perf_counter()
    rows = con.execute(STATUS_FLOOR_SQL, {"as_of": AS_OF.isoformat()}).fetchall()
    seconds = time.perf_counter() - started
    emit(seconds=seconds, indicators=len(rows))


def status_pandas(db: str) -> None:
    """Peer: the same three figures per indicator with a pandas groupby over the rows."""
    import sqlite3

    import pandas as pd

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    started = time.perf_counter()
    frame = pd.read_sql_query(
        "SELECT indicator_id, kind, period_end, value FROM observation WHERE state = 'current'",
        con,
    )
    as_of = AS_OF.isoformat()
    actual = frame[(frame.kind == "actual") & (frame.period_end <= as_of)]
    baseline = frame[frame.kind == "baseline"]
    target = frame[(frame.kind == "target") & (frame.period_end >= as_of)]
    latest = actual.loc[actual.groupby("indicator_id").period_end.idxmax()]
    base = baseline.loc[baseline.groupby("indicator_id").period_end.idxmax()]
    goal = target.loc[target.groupby("indicator_id").period_end.idxmin()]
    seconds = time.perf_counter() - started
    emit(seconds=seconds, indicators=len(latest), baselines=len(base), targets=len(goal))


# -- import peers -----------------------------------------------------------------------------


def pandas_to_sql(db: str, csv_path: str) -> None:
    """Peer: pandas read_csv and to_sql of the observations file into a new table."""
    import sqlite3

    import pandas as pd

    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    con = sqlite3.connect(db)
    frame.to_sql("observation_pandas", con, index=False, chunksize=50_000)
    con.commit()
    con.close()


# -- TUI --------------------------------------------------------------------------------------
# Times are taken when a frame is composed (App.post_display_hook, which the headless driver
# calls after every screen update), not when Pilot returns: Pilot's own idle waits take tens
# of milliseconds and would swamp keystroke latencies.

SIZE = (120, 40)


class Frames:
    """Every composed frame of an app: when it was composed and what the table held then."""

    def __init__(self, app: Any, table: Any = None) -> None:
        self.app, self.table = app, table
        self.seen: list[tuple[float, float, Any, int]] = []
        app.post_display_hook = self._frame

    def _frame(self) -> None:
        table = self.table() if self.table else None
        rows = getattr(table, "rows", None)
        self.seen.append((time.perf_counter(), time.time(), rows, getattr(table, "cursor", -1)))

    async def first(self, test: Any, after: float, timeout: float = 120.0) -> float:
        """The perf_counter time of the first frame after `after` that passes `test`."""
        deadline = time.perf_counter() + timeout
        while True:
            for when, _, rows, cursor in self.seen:
                if when > after and test(rows, cursor):
                    return when
            if time.perf_counter() > deadline:
                raise TimeoutError("the TUI did not show it in time")
            await asyncio.sleep(0.0005)


def _app(db: str) -> Any:
    from tracker.tui.app import make_app

    return make_app(f"sqlite:///{db}", lang="zh", as_of=AS_OF, poll_seconds=0, cursor_blink=False)


def _table(app: Any) -> Any:
    from tracker.tui.widgets.indicator_table import IndicatorTable

    try:
        return app.screen.query_one(IndicatorTable)
    except Exception:  # noqa: BLE001 - the screen is not mounted yet
        return None


def _launched(app: Any, count: int) -> tuple[Frames, Any]:
    frames = Frames(app, lambda: _table(app))
    return frames, lambda rows, _cursor: rows is not None and len(rows) >= count


def tui_launch(db: str, count: str) -> None:
    """tracker: from spawn to the first frame showing `count` indicators (headless)."""
    app = _app(db)
    frames, loaded = _launched(app, int(count))

    async def drive() -> float:
        async with app.run_test(headless=True, size=SIZE):
            shown = await frames.first(loaded, 0.0)
            return next(t for p, t, _, _ in frames.seen if p == shown)

    emit(seconds=asyncio.run(drive()) - float(os.environ["BENCH_SPAWNED"]))


def bare_launch() -> None:
    """Floor: a bare Textual app that mounts an empty table, from spawn to its first frame."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    app = Bare()
    frames = Frames(app, lambda: next(iter(app.query(DataTable)), None))

    async def drive() -> float:
        async with app.run_test(headless=True, size=SIZE):
            shown = await frames.first(lambda rows, _cursor: rows is not None, 0.0)
            return next(t for p, t, _, _ in frames.seen if p == shown)

    emit(seconds=asyncio.run(drive()) - float(os.environ["BENCH_SPAWNED"]))


def tui_interact(db: str, count: str) -> None:
    """tracker: keystroke-to-frame latency of search filtering, of scrolling to the end, and
    of the first sort by name."""
    app = _app(db)
    frames, loaded = _launched(app, int(count))
    typed = "M1"  # codes hold the metric as M00-M29: each key narrows the table further

    async def drive() -> dict[str, float]:
        async with app.run_test(headless=True, size=SIZE) as pilot:
            await frames.first(loaded, 0.0)
            await pilot.pause()
            table = _table(app)
            last = len(table.rows) - 1
            started = time.perf_counter()
            await pilot.press("end")
            scroll = await frames.first(lambda _rows, cursor: cursor == last, started) - started
            await pilot.press("home")
            await pilot.press("slash")
            await pilot.pause()
            latencies = []
            for _ in range(3):
                for key in [*typed, *["backspace"] * len(typed)]:
                    before = table.rows
                    started = time.perf_counter()
                    await pilot.press(key)
                    shown = await frames.first(
                        lambda rows, _cursor, before=before: rows is not before, started
                    )
                    latencies.append(shown - started)
            # Sorting by name, in pinyin order: one more order of every row held.
            await pilot.press("escape")
            before = table.rows
            started = time.perf_counter()
            await pilot.press("s")
            sort = await frames.first(
                lambda rows, _cursor: rows is not before and len(rows) == len(before), started
            )
            return {
                "sort": sort - started,
                "seconds": statistics.median(latencies),
                "filter_max": max(latencies),
                "scroll": scroll,
                "keys": len(latencies),
            }

    emit(**asyncio.run(drive()))


PROBES = {
    "status": status,
    "board": board,
    "status_floor": status_floor,
    "status_pandas": status_pandas,
    "pandas_to_sql": pandas_to_sql,
    "tui_launch": tui_launch,
    "bare_launch": bare_launch,
    "tui_interact": tui_interact,
}


if __name__ == "__main__":
    PROBES[sys.argv[1]](*sys.argv[2:])
