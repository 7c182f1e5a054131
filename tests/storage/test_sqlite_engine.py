"""SQLite used correctly: WAL, busy timeout, foreign keys, IMMEDIATE writes, private files, and
no database on a network filesystem."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.conftest import dump
from tracker import services
from tracker.cli.main import app
from tracker.errors import TrackerError
from tracker.storage import files as files_module
from tracker.storage.engine import make_engine, reading, writing


def mode_of(path: Path) -> int:
    """Permission bits of a file."""
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would leave new files readable by everyone, unless created private."""
    previous = os.umask(0o000)
    yield
    os.umask(previous)


def test_connections_use_wal_a_long_busy_timeout_and_foreign_keys(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_a_write_transaction_holds_the_write_lock_from_its_first_statement(
    db_path: Path, db_url: str
) -> None:
    """BEGIN IMMEDIATE: a write never starts as a read that later fails to upgrade."""
    engine = make_engine(db_url)
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    with writing(engine) as session:
        session.execute(sa.text("SELECT count(*) FROM indicator")).scalar()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    engine.dispose()


def test_a_read_session_never_blocks_a_writer(db_path: Path, db_url: str) -> None:
    engine = make_engine(db_url)
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    with reading(engine) as session:
        before = session.execute(sa.text("SELECT count(*) FROM flag")).scalar()
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO flag (indicator_id, level, reason, raised_by, raised_at)"
            " SELECT id, 'watch', 'x', 'x', '2025-01-01' FROM indicator LIMIT 1"
        )
        other.execute("COMMIT")
        # The reader keeps its snapshot until its block ends.
        assert session.execute(sa.text("SELECT count(*) FROM flag")).scalar() == before
    other.close()
    engine.dispose()


def test_foreign_keys_are_enforced(db_url: str) -> None:
    engine = make_engine(db_url)
    before = dump(db_url)
    with pytest.raises(sa.exc.IntegrityError, match="FOREIGN KEY"), writing(engine) as session:
        session.execute(
            sa.text(
                "INSERT INTO flag (indicator_id, level, reason, raised_by, raised_at)"
                " VALUES (999999, 'watch', 'x', 'x', '2025-01-01')"
            )
        )
    engine.dispose()
    assert dump(db_url) == before


def test_a_new_database_and_its_wal_and_shm_files_are_private(
    tmp_path: Path, open_umask: None
) -> None:
    path = tmp_path / "new.db"
    store = services.open_store(f"sqlite:///{path}")
    with writing(store.engine) as session:  # keeps -wal and -shm open while we look
        session.execute(sa.text("SELECT 1"))
        files = [path, path.with_name("new.db-wal"), path.with_name("new.db-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: mode_of(f) for f in files} == {f.name: 0o600 for f in files}
    store.engine.dispose()


def test_backups_are_private(store: services.Store, tmp_path: Path, open_umask: None) -> None:
    target = tmp_path / "copy.db"
    services.backup(store.url, target)
    assert mode_of(target) == 0o600


def test_exports_are_private(db_url: str, tmp_path: Path, open_umask: None) -> None:
    target = tmp_path / "figures.csv"
    result = CliRunner().invoke(app, ["export", "observations", "--db", db_url, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert mode_of(target) == 0o600
    # A file for Excel: UTF-8 with a BOM.
    assert target.read_text(encoding="utf-8-sig").startswith("indicator,")


@pytest.mark.parametrize("fstype", ["nfs4", "cifs", "fuse.sshfs"])
def test_a_database_on_a_network_filesystem_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fstype: str
) -> None:
    monkeypatch.setattr(files_module, "filesystem_type", lambda _path: fstype)
    path = tmp_path / "shared.db"
    with pytest.raises(TrackerError, match=f"network filesystem \\({fstype}\\)") as refused:
        make_engine(f"sqlite:///{path}")
    assert "WAL" in str(refused.value) and "PostgreSQL" in str(refused.value)
    assert not path.exists()
    result = CliRunner().invoke(app, ["summary", "--db", str(path)])
    assert result.exit_code == 1
    assert "network filesystem" in result.output and "Traceback" not in result.output
    assert not path.exists()


def test_a_local_filesystem_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files_module, "filesystem_type", lambda _path: "ext4")
    make_engine(f"sqlite:///{tmp_path / 'local.db'}").dispose()
    assert (tmp_path / "local.db").exists()


@pytest.mark.skipif(not Path("/proc/mounts").exists(), reason="needs /proc/mounts (Linux)")
def test_the_filesystem_type_comes_from_the_longest_mount_point() -> None:
    assert files_module.filesystem_type(Path("/proc/self")) == "proc"
