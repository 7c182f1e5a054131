"""What --db may name: only `tracker init` creates a store, and a directory, another
program's database, a store made by a newer tracker or a damaged store each get one clear line
and exit 1, with nothing changed."""

from __future__ import annotations

import gc
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Invoke, write
from tests.conftest import dump
from tracker.storage import HEAD_REVISION

COMMANDS = [
    ["record", "SY-OPEN-CRE-TRAINS", "620", "--period", "2025-06"],
    ["list"],
    ["summary"],
    ["show", "SY-OPEN-CRE-TRAINS"],
    ["history", "SY-OPEN-CRE-TRAINS"],
    ["audit"],
    ["flag", "SY-OPEN-CRE-TRAINS", "--reason", "慢"],
    ["export", "observations", "-o", "-"],
    ["import", "IMPORT", "--dry-run"],
    ["db", "upgrade"],
    ["backup", "COPY"],
    ["tui"],
]


def args_for(command: list[str], tmp_path: Path) -> list[str]:
    """The command with its input file and backup target made in tmp_path."""
    figures = write(
        tmp_path / "figures.csv", "indicator,kind,period,value\nSY-OPEN-CRE-TRAINS,actual,2025,1\n"
    )
    swap = {"IMPORT": str(figures), "COPY": str(tmp_path / "copy.db")}
    return [swap.get(word, word) for word in command]


def files_under(folder: Path) -> list[str]:
    """Every file and folder below `folder`."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c[0] != "db" else "db-upgrade")
def test_a_missing_store_is_refused_and_nothing_is_created(
    tracker: Invoke, tmp_path: Path, command: list[str]
) -> None:
    args = args_for(command, tmp_path)
    before = files_under(tmp_path)
    missing = tmp_path / "no" / "such" / "tracker.db"
    result = tracker(*args, db=str(missing))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: no tracker store at {missing}; create one with tracker init --db {missing}\n"
    )
    assert files_under(tmp_path) == before


def test_a_missing_store_named_by_the_environment_is_refused(
    tracker: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "typo.db"
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{missing}")
    for command in (["list"], []):  # `tracker` alone creates only the default tracker.db
        result = tracker(*command, db=None)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: no tracker store at {missing};")
    assert not missing.exists()


def test_tracker_alone_creates_and_seeds_the_default_store_on_first_run(
    tracker: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "tracker.db"
    default.unlink()  # the fixture's copy: this is a first run
    monkeypatch.setattr("tracker.config.default_db_path", lambda: default)
    refused = tracker("list", db=None)
    assert refused.exit_code == 1 and not default.exists()
    first = tracker(db=None)  # not a terminal: the summary of the new store
    assert first.exit_code == 0, first.output
    assert "created" in first.stderr and default.exists()
    assert tracker("list", "--json", db=None).exit_code == 0


def test_init_creates_the_store_and_its_folders(tracker: Invoke, tmp_path: Path) -> None:
    new = tmp_path / "new" / "folder" / "tracker.db"
    assert tracker("init", db=str(new)).exit_code == 0
    assert tracker("list", db=str(new)).exit_code == 0


@pytest.mark.parametrize("command", [["list"], ["summary"], ["record", "X", "1", "-p", "2025"]])
def test_a_directory_is_one_clear_line(tracker: Invoke, tmp_path: Path, command: list[str]) -> None:
    result = tracker(*command, db=str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path} is a directory, not a tracker store")
    assert result.stderr.count("\n") == 1


def unrelated(tmp_path: Path) -> Path:
    """Another program's SQLite file."""
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
        connection.execute("INSERT INTO users (name) VALUES ('li')")
    connection.close()
    return path


@pytest.mark.parametrize("command", [["init"], ["list"], ["summary"], ["db", "upgrade"]])
def test_another_programs_database_is_refused_naming_its_tables(
    tracker: Invoke, tmp_path: Path, command: list[str]
) -> None:
    path = unrelated(tmp_path)
    before = dump(f"sqlite:///{path}")
    result = tracker(*command, db=str(path))
    assert result.exit_code == 1
    assert "is not a tracker store: it holds tables tracker does not own (sessions, users)" in (
        result.stderr
    )
    assert dump(f"sqlite:///{path}") == before


@pytest.mark.parametrize(
    "command",
    [["init"], ["list"], ["summary"], ["record", "SY-OPEN-CRE-TRAINS", "1", "-p", "2025"]]
    + [["db", "upgrade"], ["backup", "COPY"]],
)
def test_a_store_made_by_a_newer_tracker_says_so(
    tracker: Invoke, db_path: Path, db_url: str, tmp_path: Path, command: list[str]
) -> None:
    newer = f"{int(HEAD_REVISION) + 1:04d}"
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (newer,))
    connection.close()
    before = dump(db_url)
    result = tracker(*args_for(command, tmp_path))
    assert result.exit_code == 1
    line = result.stderr
    assert f"is at schema revision {newer}, newer than this tracker" in line
    assert "db upgrade" not in line and "tracker backup" not in line
    assert dump(db_url) == before


def corrupt(path: Path, table: str) -> None:
    """Overwrite the first page of `table` with garbage, as a failing disk would."""
    with sqlite3.connect(path) as connection:
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xff" * 200)


def test_db_check_passes_on_a_sound_store(tracker: Invoke) -> None:
    result = tracker("db", "check")
    assert result.exit_code == 0
    assert "integrity ok, every reference ok" in result.stdout


def test_db_check_reports_a_broken_reference(tracker: Invoke, db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO flag (indicator_id, level, reason, raised_by, raised_at)"
            " VALUES (999999, 'watch', 'x', 'x', '2025-01-01')"
        )
    connection.close()
    result = tracker("db", "check")
    assert result.exit_code == 1
    assert "reference: flag row" in result.stdout and "missing indicator row" in result.stdout
    assert "is damaged" in result.stderr


def test_a_damaged_store_is_found_by_db_check_and_refuses_writes_until_restored(
    tracker: Invoke, db_path: Path, db_url: str, tmp_path: Path
) -> None:
    good = tmp_path / "good.db"
    assert tracker("backup", str(good)).exit_code == 0
    corrupt(db_path, "indicator")
    checked = tracker("db", "check")
    assert checked.exit_code == 1
    assert "integrity:" in checked.stdout and "is damaged" in checked.stderr
    refused = tracker("flag", "SY-OPEN-CRE-TRAINS", "--reason", "慢")
    assert refused.exit_code == 1
    assert f"error: {db_path} is damaged" in refused.stderr
    assert "tracker db check" in refused.stderr and "tracker backup" in refused.stderr
    del checked, refused
    gc.collect()  # the commands' connections, closed as their processes would have ended
    shutil.copyfile(good, db_path)  # restored from the backup
    assert tracker("flag", "SY-OPEN-CRE-TRAINS", "--reason", "慢").exit_code == 1  # still known
    gc.collect()
    again = tracker("db", "check")
    assert again.exit_code == 0, again.output
    assert tracker("flag", "SY-OPEN-CRE-TRAINS", "--reason", "慢").exit_code == 0


@pytest.mark.parametrize("command", [["summary"], ["list"], ["show", "SY-OPEN-CRE-TRAINS"]])
def test_a_malformed_store_points_to_db_check_and_the_backups(
    tracker: Invoke, db_path: Path, command: list[str]
) -> None:
    corrupt(db_path, "indicator")
    result = tracker(*command)
    assert result.exit_code == 1
    assert "malformed" in result.stderr
    assert "tracker db check" in result.stderr and "tracker backup" in result.stderr
    assert result.stderr.count("\n") == 1
