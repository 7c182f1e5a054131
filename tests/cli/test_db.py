"""`tracker init`, `db upgrade|current` and `backup`: the schema, the seed data, safe copies."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.cli.conftest import Invoke, one_line
from tests.conftest import dump, table_counts
from tests.seed_figures import seed_rows
from tracker.storage import HEAD_REVISION


def test_init_creates_and_seeds_then_changes_nothing(tracker: Invoke, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    first = tracker("init", db=url)
    assert first.exit_code == 0, first.output
    counts = table_counts(url)
    # Every row of the seed files, closed programmes' indicators too (the board hides those).
    assert counts["indicator"] == len(seed_rows("indicators"))
    assert counts["observation"] == len(seed_rows("observations"))
    again = tracker("init", db=url)
    assert "new 0, changed 0" in again.stdout
    assert table_counts(url) == counts
    assert stat.S_IMODE((tmp_path / "new.db").stat().st_mode) == 0o600


def test_init_reference_only_starts_without_indicators(tracker: Invoke, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bare.db'}"
    assert tracker("init", "--reference-only", db=url).exit_code == 0
    counts = table_counts(url)
    assert counts["indicator"] == 0 and counts["observation"] == 0
    assert counts["region"] > 10 and counts["pillar"] == 11 and counts["document"] == 5


def test_db_current(tracker: Invoke, db_url: str, tmp_path: Path) -> None:
    result = tracker("db", "current")
    assert result.exit_code == 0
    assert f"revision {HEAD_REVISION} (this tracker needs {HEAD_REVISION})" in result.stdout
    data = json.loads(tracker("db", "current", "--json").stdout)
    assert data["revision"] == data["needed"] == HEAD_REVISION
    absent = tmp_path / "absent.db"
    assert "revision none" in tracker("db", "current", db=str(absent)).stdout
    assert not absent.exists()  # asking did not create it


def test_db_upgrade_is_idempotent(tracker: Invoke, db_url: str) -> None:
    before = dump(db_url)
    result = tracker("db", "upgrade")
    assert result.exit_code == 0
    assert f"at revision {HEAD_REVISION}" in result.stdout
    assert dump(db_url) == before


def test_db_upgrade_to_an_unknown_revision_is_refused(tracker: Invoke, db_url: str) -> None:
    before = dump(db_url)
    result = tracker("db", "upgrade", "nonsense")
    assert result.exit_code == 1
    assert "Can't locate revision identified by 'nonsense'" in one_line(result)
    assert dump(db_url) == before


def test_a_database_at_another_revision_is_refused_until_upgraded(
    tracker: Invoke, db_path: Path, db_url: str
) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")
    before = dump(db_url)
    for command in (["list"], ["summary"], ["record", "SY-OPEN-CRE-TRAINS", "1", "-p", "2025"]):
        result = tracker(*command)
        assert result.exit_code == 1
        assert f"is at schema revision 0000, this tracker needs {HEAD_REVISION}" in one_line(result)
    assert dump(db_url) == before


def test_a_file_that_is_not_a_database_is_refused(tracker: Invoke, tmp_path: Path) -> None:
    url = _garbage(tmp_path)
    result = tracker("list", db=url)
    assert result.exit_code == 1
    assert "file is not a database" in one_line(result)


def test_backup_is_a_private_consistent_copy(tracker: Invoke, db_url: str, tmp_path: Path) -> None:
    tracker("record", "SY-OPEN-CRE-TRAINS", "620", "-p", "2025-06")
    target = tmp_path / "copy.db"
    result = tracker("backup", str(target))
    assert result.exit_code == 0, result.output
    assert f"schema revision {HEAD_REVISION}" in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert dump(f"sqlite:///{target}") == dump(db_url)
    assert not (tmp_path / "copy.db.partial").exists()
    assert not Path(f"{target}-wal").exists()  # one self-contained file


def test_backup_while_another_writer_holds_a_transaction(
    tracker: Invoke, db_path: Path, db_url: str, tmp_path: Path
) -> None:
    before = dump(db_url)
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE indicator SET name = 'half-written' WHERE code = 'SY-OPEN-CRE-TRAINS'")
    try:
        result = tracker("backup", str(tmp_path / "during.db"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 0, result.output
    # The copy is the last committed state, without the open transaction's change.
    assert dump(f"sqlite:///{tmp_path / 'during.db'}") == before


def test_backup_force_replaces(tracker: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_text("old")
    refused = tracker("backup", str(target))
    assert refused.exit_code == 1
    assert one_line(refused) == (
        f"error: {target} already exists; choose another name or pass --force"
    )
    assert target.read_text() == "old"
    assert tracker("backup", str(target), "--force").exit_code == 0
    copied = sqlite3.connect(target).execute("select count(*) from indicator").fetchone()[0]
    assert copied == len(seed_rows("indicators"))


@pytest.mark.parametrize(
    ("make_db", "dest", "needle"),
    [
        (lambda p: f"sqlite:///{p / 'missing.db'}", "out.db", "no tracker store at"),
        (lambda p: _garbage(p), "out.db", "not a tracker database"),
        (lambda p: _schemaless(p), "out.db", "has no tracker schema"),
        (None, "no/such/dir/out.db", "no/such/dir: no such directory"),
        (None, "tracker.db", "is the store"),
    ],
)
def test_backup_refusals(
    tracker: Invoke, db_path: Path, tmp_path: Path, make_db: object, dest: str, needle: str
) -> None:
    url = make_db(tmp_path) if callable(make_db) else f"sqlite:///{db_path}"
    result = tracker("backup", str(tmp_path / dest), db=url)
    assert result.exit_code == 1
    assert needle in one_line(result)
    assert not (tmp_path / "out.db").exists()


def _garbage(folder: Path) -> str:
    (folder / "garbage.db").write_bytes(b"this is not sqlite at all" * 100)
    return f"sqlite:///{folder / 'garbage.db'}"


def _schemaless(folder: Path) -> str:
    sqlite3.connect(folder / "plain.db").execute("create table t (x)").connection.commit()
    return f"sqlite:///{folder / 'plain.db'}"


def test_backup_of_postgresql_says_pg_dump_and_hides_the_password(
    tracker: Invoke, tmp_path: Path
) -> None:
    url = "postgresql+psycopg://coordinator:s3cret@127.0.0.1:1/tracker"
    result = tracker("backup", str(tmp_path / "pg.dump"), db=url)
    assert result.exit_code == 1
    assert "pg_dump" in one_line(result)
    assert "s3cret" not in result.output
    assert not (tmp_path / "pg.dump").exists()


@pytest.mark.parametrize(
    "target",
    [
        "tracker.db",
        "tracker.db-wal",
        "tracker.db-shm",
        "tracker.db-journal",
        "link-to-store",
        "link-to-wal",
        "hard-link",
        "linked-folder/tracker.db-wal",
    ],
)
def test_backup_refuses_the_store_and_the_files_beside_it(
    tracker: Invoke, db_path: Path, db_url: str, tmp_path: Path, target: str
) -> None:
    (tmp_path / "link-to-store").symlink_to(db_path)
    (tmp_path / "link-to-wal").symlink_to(db_path.with_name("tracker.db-wal"))
    (tmp_path / "hard-link").hardlink_to(db_path)
    (tmp_path / "linked-folder").symlink_to(tmp_path)
    other = sqlite3.connect(db_path)  # another connection (the TUI): -wal and -shm exist
    other.execute("SELECT count(*) FROM indicator").fetchone()
    before = dump(db_url)
    result = tracker("backup", str(tmp_path / target), "--force")
    assert result.exit_code == 1
    assert "is the store" in one_line(result) and "beside it" in one_line(result)
    assert dump(db_url) == before
    other.close()
    assert tracker("db", "check").exit_code == 0
