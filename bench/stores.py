"""The databases the figures run on, built once per data set through tracker's own importer."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from bench.data import Dataset


def revision(path: Path) -> str | None:
    """The Alembic revision of a SQLite file, None when it has none (or does not exist)."""
    if not path.exists():
        return None
    with sqlite3.connect(path) as con:
        try:
            return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        except sqlite3.Error:
            return None


def head() -> str:
    """The schema revision this checkout of tracker needs (asked of a separate process)."""
    code = "from tracker.storage import HEAD_REVISION; print(HEAD_REVISION)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def settle(path: Path) -> None:
    """Fold the WAL into the main file so that copying the file alone copies everything."""
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode = DELETE")


def copy(source: Path, dest: Path) -> Path:
    """A fresh copy of a settled database (any WAL of an earlier copy removed)."""
    for extra in ("-wal", "-shm"):
        Path(f"{dest}{extra}").unlink(missing_ok=True)
    shutil.copyfile(source, dest)
    return dest


def build(path: Path, *, indicators: Path, observations: Path | None = None) -> Path:
    """A seeded database with `indicators` (and `observations`) imported, reused while the
    schema revision stays the same; built in a separate process (the bench's own stays small,
    see runner.py)."""
    if revision(path) == head():
        return path
    cmd = [sys.executable, "-m", "bench.stores", path, indicators]
    subprocess.run([str(c) for c in cmd + ([observations] if observations else [])], check=True)
    return path


def _build(path: Path, indicators: Path, observations: Path | None) -> None:
    from tracker import services

    partial = path.with_name(path.name + ".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), path):
        stale.unlink(missing_ok=True)
    store = services.open_store(f"sqlite:///{partial}")
    services.import_file(store, indicators, actor="bench", origin="bench")
    if observations is not None:
        services.import_file(store, observations, actor="bench", origin="bench")
    store.engine.dispose()
    settle(partial)
    partial.rename(path)


def template(data: Dataset) -> Path:
    """Seeded, with the indicators of the data set and none of its observations."""
    return build(data.folder / "template.db", indicators=data.indicators)


def tui_store(data: Dataset) -> Path:
    """Seeded, with the TUI data set's many indicators and a few observations each."""
    return build(
        data.folder / "tui.db", indicators=data.tui_indicators, observations=data.tui_observations
    )


def observation_count(path: Path) -> tuple[int, int]:
    """Current observations, and observations recorded in an import's change set, in a
    database (to check what a run did)."""
    with sqlite3.connect(path) as con:
        current = con.execute("SELECT count(*) FROM observation WHERE state = 'current'")
        audit = con.execute(
            "SELECT count(*) FROM observation o JOIN change_set c ON c.id = o.written_in"
            " WHERE c.origin = 'import'"
        )
        return current.fetchone()[0], audit.fetchone()[0]


if __name__ == "__main__":
    _build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
