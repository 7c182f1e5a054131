"""A store keeps its locks: opening it again in the same process never closes a descriptor of
its file outside SQLite (which on Linux would drop every POSIX lock the process holds on it)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.main import app

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs /proc/locks")


def locks_held(path: Path) -> list[str]:
    """This process's POSIX locks on `path`, as /proc/locks lists them."""
    found = os.stat(path)
    inode = f"{os.major(found.st_dev):02x}:{os.minor(found.st_dev):02x}:{found.st_ino}"
    held = []
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "POSIX" in fields and str(os.getpid()) in fields and inode in fields:
            held.append(" ".join(fields[fields.index("POSIX") :]))
    return held


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--json"],
        ["summary"],
        ["record", "SY-OPEN-CRE-TRAINS", "620", "--period", "2025-06"],
        ["db", "current"],
        ["init"],
    ],
)
def test_a_read_transaction_keeps_its_lock_while_the_store_is_opened_again(
    db_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_USER", "tester")
    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM indicator").fetchone()
        before = locks_held(db_path)
        assert before, "the reader holds a lock on the store"
        result = CliRunner().invoke(app, [*command, "--db", str(db_path)])
        assert result.exit_code == 0, result.output
        assert locks_held(db_path) == before
        reader.execute("SELECT count(*) FROM indicator").fetchone()
        reader.execute("COMMIT")
    finally:
        reader.close()
