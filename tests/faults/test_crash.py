"""Crash safety: an import killed with SIGKILL at random moments (during the import and in the
middle of its commit) leaves a database that passes integrity_check, holds all of that import or
none of it, and has an audit log matching its data.

Each test kills TRACKER_CRASH_KILLS child processes (default 10; two tests, so 20 in the suite)
importing a TRACKER_CRASH_ROWS-row file (default 20,000). scripts/fault_runs.sh runs more.
"""

from __future__ import annotations

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
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.storage.checks import audit_matches_data

pytestmark = pytest.mark.slow

ROWS = int(os.environ.get("TRACKER_CRASH_ROWS", "20000"))
KILLS = int(os.environ.get("TRACKER_CRASH_KILLS", "10"))
CHILD = Path(__file__).with_name("child_import.py")
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Child:
    """A child importing a file, its output lines arriving on a queue."""

    process: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)

    @classmethod
    def start(cls, url: str, path: Path) -> Child:
        """Start importing `path` into `url`."""
        process = subprocess.Popen(
            [sys.executable, str(CHILD), url, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        child = cls(process)
        threading.Thread(target=child._pump, daemon=True).start()
        return child

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put("eof")

    def wait_for(self, word: str, timeout: float) -> bool:
        """Wait until the child says `word`; False if it ended or the time ran out first."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return False
            if line.startswith(word):
                return True
            if line == "eof":
                return False
        return False

    def kill(self) -> bool:
        """SIGKILL the child; True if it was still running."""
        alive = self.process.poll() is None
        if alive:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=60)
        return alive

    def finish(self, timeout: float) -> None:
        """Let the child run to its end; fail with its error output if it did not succeed."""
        self.process.wait(timeout=timeout)
        assert self.process.returncode == 0, (
            self.process.stderr.read() if self.process.stderr else ""
        )


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
    """(audit events, observations) written by the import of the file called `name`."""
    with sqlite3.connect(path) as connection:
        events = connection.execute(
            "SELECT count(*) FROM audit_event WHERE origin = ?", (f"import:{name}",)
        ).fetchone()[0]
        rows = connection.execute(
            "SELECT count(*) FROM observation WHERE source = ?", (name,)
        ).fetchone()[0]
    return events, rows


def soundness(path: Path, current_file: str | None) -> list[str]:
    """integrity_check, foreign keys, and the audit log against the observations, in SQL."""
    problems = []
    with sqlite3.connect(path) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            problems.append(f"integrity_check: {check}")
        if connection.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign key violations")
        ids = {str(i) for (i,) in connection.execute("SELECT id FROM observation")}
        events = Counter(
            e
            for (e,) in connection.execute(
                "SELECT entity_id FROM audit_event WHERE entity = 'observation'"
                " AND action IN ('record', 'correct')"
            )
        )
        if set(events) != ids or any(n != 1 for n in events.values()):
            problems.append(f"{len(ids)} observations but {sum(events.values())} events")
        wrong = connection.execute(
            "SELECT count(*) FROM observation o JOIN audit_event e ON e.entity = 'observation'"
            " AND e.action IN ('record', 'correct') AND e.entity_id = CAST(o.id AS TEXT)"
            " WHERE CAST(json_extract(e.after, '$.value') AS TEXT) != o.value"
            " OR json_extract(e.after, '$.indicator_id') != o.indicator_id"
        ).fetchone()[0]
        if wrong:
            problems.append(f"{wrong} audit events disagree with their observation")
        doubled = connection.execute(
            "SELECT count(*) FROM (SELECT 1 FROM observation WHERE state = 'current'"
            " GROUP BY indicator_id, kind, period HAVING count(*) > 1)"
        ).fetchone()[0]
        if doubled:
            problems.append(f"{doubled} figures have two current values")
        dangling = connection.execute(
            "SELECT count(*) FROM observation WHERE state = 'superseded' AND (superseded_by_id"
            " IS NULL OR superseded_by_id NOT IN (SELECT id FROM observation))"
        ).fetchone()[0]
        if dangling:
            problems.append(f"{dangling} superseded values point nowhere")
        if current_file is not None:
            shown = connection.execute(
                "SELECT count(*) FROM observation WHERE state = 'current' AND source = ?",
                (current_file,),
            ).fetchone()[0]
            if shown != ROWS:
                problems.append(f"{shown} of {ROWS} current values come from {current_file}")
    return problems


@pytest.mark.parametrize("seed", [1, 2])
def test_an_import_killed_at_random_moments_is_all_or_nothing(
    db_path: Path, tmp_path: Path, seed: int
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
    child = Child.start(url, first)
    assert child.wait_for("ready", 60)
    started = time.monotonic()
    child.finish(timeout=300)
    duration = time.monotonic() - started
    assert import_rows(db_path, first.name) == (ROWS, ROWS)
    current, shift, kills, outcomes = first.name, 1, 0, Counter[str]()
    for number in range(1, 3 * KILLS + 1):
        if kills == KILLS:
            break
        path = tmp_path / f"round{number:02d}.csv"
        shutil.copyfile(sources[shift], path)
        child = Child.start(url, path)
        assert child.wait_for("ready", 60), "the child did not start"
        # Half the kills land anywhere in the import, half inside its commit.
        where = rng.choice(["anywhere", "commit"])
        if where == "anywhere":
            time.sleep(rng.uniform(0, duration * 1.3))
        elif child.wait_for("committing", duration * 4):
            time.sleep(rng.uniform(0, 0.05))
        killed = child.kill()
        kills += killed
        events, rows = import_rows(db_path, path.name)
        assert (events, rows) in ((0, 0), (ROWS, ROWS)), (
            f"round {number} ({where}, killed={killed}): {events} events, {rows} rows"
        )
        if rows:
            current, shift = path.name, 1 - shift
        outcomes[f"{where}:{'all' if rows else 'none'}"] += 1
        problems = soundness(db_path, current)
        assert problems == [], f"round {number} ({where}, killed={killed}): {problems}"
    assert kills == KILLS, f"only {kills} of {KILLS} kills reached a running import: {outcomes}"
    # The whole-database check once at the end: every row with its event, every event its row.
    assert audit_matches_data(url) == []
