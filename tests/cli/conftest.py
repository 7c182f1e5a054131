"""Running `tracker` in-process on this test's database, and writing input files."""

from __future__ import annotations

import os
import pwd
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tracker.cli.main import app

Invoke = Callable[..., Result]
# What changes made by `tracker(...)` are recorded as: this account, with TRACKER_USER beside it.
TESTER = f"{pwd.getpwuid(os.getuid()).pw_name} (tester)"


@pytest.fixture
def tracker(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """`tracker(*args)` runs the CLI on this test's seeded database as user `tester`."""
    monkeypatch.setenv("TRACKER_USER", "tester")
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "80")

    def invoke(*args: str, db: str | None = db_url) -> Result:
        argv = list(args) + (["--db", db] if db is not None else [])
        result = CliRunner().invoke(app, argv)
        # A command may fail, but never with an exception escaping the CLI (a traceback).
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result

    return invoke


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a text file in the given encoding and return its path."""
    path.write_bytes(text.encode(encoding))
    return path


def one_line(result: Result) -> str:
    """The first line of stderr: the reason a command was refused."""
    return result.stderr.splitlines()[0] if result.stderr else ""
