"""A store this user may read but not change: read commands work, a write is refused in one
line saying why, and the store is exactly as before.

Root ignores file modes, so when the suite runs as root these commands run with the real and
effective user and group of an unprivileged account (`nobody`, as the PostgreSQL fixtures
use), switched in this process and switched back after; the kernel then checks every file
access as that account. The saved user id stays root so that the switch can be undone; the
commands are run once as root first so that no module is imported while switched (the
interpreter may live where that account cannot read).
"""

from __future__ import annotations

import os
import pwd
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.conftest import dump
from tracker.cli.main import app

READS = [
    ["list", "--json"],
    ["summary", "--as-of", "2025-12-31"],
    ["show", "SY-OPEN-CRE-TRAINS"],
    ["history", "SY-OPEN-CRE-TRAINS"],
    ["audit", "--limit", "5"],
    ["export", "observations", "-o", "-"],
    ["db", "current"],
    ["db", "check"],
]
WRITES = [
    ["record", "SY-OPEN-CRE-TRAINS", "620", "--period", "2025-06"],
    ["flag", "SY-OPEN-CRE-TRAINS", "--reason", "低于计划"],
    ["init"],
    ["db", "upgrade"],
]


@pytest.fixture
def other_user() -> str | None:
    """The unprivileged account to act as when running as root; None when not root."""
    if os.geteuid() != 0:
        return None
    from tests.pg_server import unprivileged_user

    return unprivileged_user()


@pytest.fixture
def shared_folder(seeded_template: Path) -> Iterator[Path]:
    """A folder outside pytest's private tmp tree (which only root may enter)."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-ro-"))
    folder.chmod(0o755)
    shutil.copyfile(seeded_template, folder / "tracker.db")
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


@contextmanager
def acting_as(user: str | None) -> Iterator[None]:
    """Run the block as `user` (real and effective ids), or as we are when None."""
    if user is None:
        yield
        return
    entry = pwd.getpwnam(user)
    groups = os.getgroups()
    os.setgroups([])
    os.setresgid(entry.pw_gid, entry.pw_gid, 0)
    os.setresuid(entry.pw_uid, entry.pw_uid, 0)
    try:
        yield
    finally:
        os.setresuid(0, 0, 0)
        os.setresgid(0, 0, 0)
        os.setgroups(groups)


def run(db: Path, args: list[str]) -> Result:
    """`tracker ARGS --db DB` in this process; no traceback may escape."""
    result = CliRunner().invoke(app, [*args, "--db", str(db)], env={"TRACKER_USER": "tester"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def warm_up(tmp_path: Path, seeded_template: Path) -> None:
    """Run every command once on a writable copy, so that all it imports is loaded."""
    copy = tmp_path / "warm.db"
    shutil.copyfile(seeded_template, copy)
    for args in READS + WRITES:
        assert run(copy, args).exit_code == 0


def make_read_only(folder: Path, user: str | None, why: str) -> None:
    """Take away this user's right to change the store: its file, or its folder."""
    store = folder / "tracker.db"
    if why == "file":
        store.chmod(0o444)
        folder.chmod(0o777)  # the folder stays writable: only the file is read-only
    elif user is not None:
        os.chown(store, pwd.getpwnam(user).pw_uid, -1)  # theirs, in root's folder
    else:
        folder.chmod(0o555)


@pytest.mark.parametrize(
    ("why", "reason"),
    [("file", "the file is not writable by {user} (mode 0444)"), ("folder", "its folder")],
)
def test_reads_work_and_writes_say_the_store_is_read_only(
    shared_folder: Path,
    tmp_path: Path,
    seeded_template: Path,
    other_user: str | None,
    why: str,
    reason: str,
) -> None:
    warm_up(tmp_path, seeded_template)
    store = shared_folder / "tracker.db"
    make_read_only(shared_folder, other_user, why)
    before = dump(f"sqlite:///{store}")
    user = other_user or pwd.getpwuid(os.getuid()).pw_name
    with acting_as(other_user):
        reads = {" ".join(args): run(store, args) for args in READS}
        writes = {" ".join(args): run(store, args) for args in WRITES}
    for name, result in reads.items():
        assert result.exit_code == 0, (name, result.output)
    assert "SY-OPEN-CRE-TRAINS" in reads["list --json"].stdout
    for name, result in writes.items():
        assert result.exit_code == 1, (name, result.output)
        assert result.stderr.count("\n") == 1, (name, result.stderr)
        assert f"error: {store} is read-only: " in result.stderr, (name, result.stderr)
        assert reason.format(user=user) in result.stderr, (name, result.stderr)
        assert "nothing was written" in result.stderr
    assert dump(f"sqlite:///{store}") == before
