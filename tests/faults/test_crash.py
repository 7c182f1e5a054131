"""Crash safety: an import killed with SIGKILL at random moments (during the import and in the
middle of its commit) leaves a database that passes integrity_check, holds all of that import or
none of it, and has an audit log matching its data.

Each test kills TRACKER_CRASH_KILLS child processes (default 10; two tests, so 20 in the suite)
importing a TRACKER_CRASH_ROWS-row file (default 10,000). scripts/fault_runs.sh runs more.
"""

from __future__ import annotations

import contextlib
import csv
import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.storage.checks import audit_matches_data

pytestmark = pytest.mark.slow

ROWS = int(os.environ.get("TRACKER_CRASH_ROWS", "10000"))
KILLS = int(os.environ.get("TRACKER_CRASH_KILLS", "10"))
CHILD = Path(__file__).with_name("child_import.py")
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Forker:
    """child_import.py serving: it forks one importing child per request."""

    process: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)

    @classmethod
    def start(cls) -> Forker:
        """Start the server (it imports tracker once)."""
        process = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        forker = cls(process)
        threading.Thread(target=forker._pump, daemon=True).start()
        return forker

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put("eof")

    def spawn(self, url: str, path: Path) -> int:
        """A child importing `path` into `url`; its pid."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{url} {path}\n")
        self.process.stdin.flush()
        line = self.wait_for("pid", 60)
        assert line, "the server did not fork"
        return int(line.split()[1])

    def wait_for(self, word: str, timeout: float) -> str | None:
        """The next line starting with `word`; None if the child ended or time ran out first."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line.startswith(word):
                return line
            if line.startswith("exit") or line == "eof":
                self.lines.put(line)  # wanted by whoever waits for the exit
                return None
        return None

    def kill(self, pid: int) -> bool:
        """SIGKILL the child; True if that is what ended it."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        return self.exit_status(pid) == -signal.SIGKILL

    def exit_status(self, pid: int, timeout: float = 300) -> int:
        """How the child ended: its exit code, or minus the signal that killed it."""
        line = self.wait_for(f"exit {pid}", timeout)
        assert line is not None, f"child {pid} did not end"
        return int(line.split()[2])

    def stop(self) -> None:
        """End the server."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture
def forker() -> Iterator[Forker]:
    """A child-import server for this test."""
    server = Forker.start()
    yield server
    server.stop()


def figure_keys(path: Path) -> list[tuple[str, str]]:
    """ROWS (indicator, month) pairs that the seed data does not use."""
    with sqlite3.connect(path) as connection:
        codes = [c for (c,) in connection.execute("SELECT code FROM indicator ORDER BY code")]
    months = [f"{y}-{m:02d}" for y in range(1900, 2000) for m in range(1, 13)]
    keys = [(code, month) for month in months for code in codes]
    return keys[:ROWS]


def write_round(path: Path, keys: list[tuple[str, str]], shift: int) -> None:
    """A figures file; files with different shifts differ in every value."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "kind", "period", "value"])
        for i, (code, month) in enumerate(keys):
            writer.writerow([code, "actual", month, str(10 + (i + shift) % 2)])


def import_rows(path: Path, name: str) -> tuple[int, int]:
    """(observations recorded in the change set of the import of the file called `name`,
    observations with that source)."""
    with sqlite3.connect(path) as connection:
        events = connection.execute(
            "SELECT count(*) FROM observation o JOIN change_set c ON c.id = o.written_in"
            " WHERE c.origin = 'import' AND c.file_name = ?",
            (name,),
        ).fetchone()[0]
        rows = connection.execute(
            "SELECT count(*) FROM observation WHERE source = ?", (name,)
        ).fetchone()[0]
    return events, rows


def soundness(path: Path, current_file: str | None, last_file: str) -> list[str]:
    """integrity_check, foreign keys, and the record of changes against the observations, in
    SQL.

    Counts cover the whole database; the value-by-value comparison covers the rows of the
    import just attempted (earlier rows were compared when they were written, and a later
    import only changes their state, which the other checks cover).
    """
    problems = []
    with sqlite3.connect(path) as connection:

        def number(query: str, *args: object) -> int:
            return int(connection.execute(query, args).fetchone()[0])

        # Fold the write-ahead log into the file first, as the next writer's checkpoint would:
        # a child killed just after its commit never ran one, and reads through an ever longer
        # log slow every later round down.
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            problems.append("the write-ahead log could not be checkpointed")
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            problems.append(f"integrity_check: {check}")
        if connection.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign key violations")
        unrecorded = number(
            "SELECT count(*) FROM observation WHERE written_in NOT IN (SELECT id FROM change_set)"
            " OR (state <> 'current' AND (superseded_in IS NULL"
            " OR superseded_in NOT IN (SELECT id FROM change_set)))"
        )
        if unrecorded:
            problems.append(
                f"{unrecorded} observations name no change set that wrote or moved them"
            )
        # The rows of the import just attempted are all in its one change set, named after it.
        written = number("SELECT count(*) FROM observation WHERE source = ?", last_file)
        matched = number(
            "SELECT count(*) FROM observation o JOIN change_set c ON c.id = o.written_in"
            " WHERE o.source = ? AND c.origin = 'import' AND c.file_name = ?",
            last_file,
            last_file,
        )
        sets = number(
            "SELECT count(DISTINCT written_in) FROM observation WHERE source = ?", last_file
        )
        if matched != written or sets > 1:
            problems.append(f"{written - matched} of {written} new rows are not in its change set")
        if number("SELECT count(*) FROM audit_event WHERE entity = 'observation'"):
            problems.append("values were copied into audit events")
        doubled = number(
            "SELECT count(*) FROM (SELECT 1 FROM observation WHERE state = 'current'"
            " GROUP BY indicator_id, kind, period HAVING count(*) > 1)"
        )
        if doubled:
            problems.append(f"{doubled} figures have two current values")
        dangling = number(
            "SELECT count(*) FROM observation WHERE state = 'superseded' AND (superseded_by_id"
            " IS NULL OR superseded_by_id NOT IN (SELECT id FROM observation))"
        )
        if dangling:
            problems.append(f"{dangling} superseded values point nowhere")
        if current_file is not None:
            shown = number(
                "SELECT count(*) FROM observation WHERE state = 'current' AND source = ?",
                current_file,
            )
            if shown != ROWS:
                problems.append(f"{shown} of {ROWS} current values come from {current_file}")
    return problems


@pytest.mark.parametrize("seed", [1, 2])
def test_an_import_killed_at_random_moments_is_all_or_nothing(
    db_path: Path, tmp_path: Path, forker: Forker, seed: int
) -> None:
    rng = random.Random(int(os.environ.get("TRACKER_CRASH_SEED", "0")) * 100 + seed)
    url = f"sqlite:///{db_path}"
    keys = figure_keys(db_path)
    sources = {shift: tmp_path / f"shift{shift}.csv" for shift in (0, 1)}
    for shift, path in sources.items():
        write_round(path, keys, shift)
    # A first complete import: the state every later round changes, and how long one takes.
    first = tmp_path / "round00.csv"
    shutil.copyfile(sources[0], first)
    pid = forker.spawn(url, first)
    assert forker.wait_for("ready", 60)
    started = time.monotonic()
    assert forker.exit_status(pid) == 0
    duration = time.monotonic() - started
    assert import_rows(db_path, first.name) == (ROWS, ROWS)
    current, shift, kills, outcomes = first.name, 1, 0, Counter[str]()
    for number in range(1, 3 * KILLS + 1):
        if kills == KILLS:
            break
        path = tmp_path / f"round{number:02d}.csv"
        shutil.copyfile(sources[shift], path)
        pid = forker.spawn(url, path)
        assert forker.wait_for("ready", 60), "the child did not open the store"
        # Half the kills land anywhere in the import, half inside its commit.
        where = rng.choice(["anywhere", "commit"])
        if where == "anywhere":
            time.sleep(rng.uniform(0, duration * 1.3))
        elif forker.wait_for("committing", duration * 4):
            time.sleep(rng.uniform(0, 0.05))
        killed = forker.kill(pid)
        kills += killed
        events, rows = import_rows(db_path, path.name)
        assert (events, rows) in ((0, 0), (ROWS, ROWS)), (
            f"round {number} ({where}, killed={killed}): {events} events, {rows} rows"
        )
        if rows:
            current, shift = path.name, 1 - shift
        outcomes[f"{where}:{'all' if rows else 'none'}"] += 1
        problems = soundness(db_path, current, path.name)
        assert problems == [], f"round {number} ({where}, killed={killed}): {problems}"
    assert kills == KILLS, f"only {kills} of {KILLS} kills reached a running import: {outcomes}"
    # The whole-database check once at the end: every row with its event, every event its row.
    assert audit_matches_data(url) == []
