"""How the console script leaves: a write's connections are closed at exit (its WAL folded
back into the file), and a summary leaves nothing behind either."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ENTRY = "import sys; from tracker.cli.main import run; sys.argv[0] = 'tracker'; run()"


def tracker(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS` through the console script's entry point, in a new process."""
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "TRACKER_USER": "tester", "COLUMNS": "100"},
    )


@pytest.mark.parametrize(
    "args",
    [
        ["record", "SYMC-PLAN-ALLIANCES", "13", "--period", "2026-03"],
        ["summary", "--as-of", "2026-06-30"],
    ],
    ids=["record", "summary"],
)
def test_a_command_leaves_no_write_ahead_log_behind(
    args: list[str], db_path: Path, tmp_path: Path
) -> None:
    done = tracker(*args, "--db", str(db_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip()
    left = sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name))
    assert left == [db_path.name]
