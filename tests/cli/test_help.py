"""Every command explains itself with an example; `--help` starts with no more than Typer and
the list of commands, and `summary` without the libraries it does not use (SQLAlchemy,
pandas, Textual, openpyxl)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command

from tests.cli.conftest import Invoke
from tracker.cli.main import app

HEAVY = ("sqlalchemy", "alembic", "pandas", "textual", "openpyxl")


def command_paths() -> list[tuple[str, ...]]:
    """Every leaf command as the words that invoke it, e.g. ('export', 'observations')."""
    paths: list[tuple[str, ...]] = []

    def walk(command: Any, prefix: tuple[str, ...]) -> None:
        if not hasattr(command, "list_commands"):
            paths.append(prefix)
            return
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            walk(command.get_command(ctx, name), (*prefix, name))

    walk(get_command(app), ())
    return paths


def test_the_commands_the_issue_asks_for_exist() -> None:
    found = {" ".join(p) for p in command_paths()}
    wanted = {
        "init",
        "db upgrade",
        "db current",
        "backup",
        "list",
        "show",
        "history",
        "audit",
        "record",
        "flag",
        "unflag",
        "indicator add",
        "indicator edit",
        "import",
        "export observations",
        "export indicators",
        "summary",
    }
    assert wanted <= found


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help_with_an_example(tracker: Invoke, path: tuple[str, ...]) -> None:
    result = tracker(*path, "--help", db=None)
    assert result.exit_code == 0
    assert "Example" in result.stdout
    # The example shows this very command being run.
    example = result.stdout[result.stdout.index("Example") :]
    assert f"tracker {' '.join(path)}" in " ".join(example.split())


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_takes_db(tracker: Invoke, path: tuple[str, ...]) -> None:
    assert "--db" in tracker(*path, "--help", db=None).stdout


def test_an_unknown_command_is_a_usage_error(tracker: Invoke) -> None:
    result = tracker("frobnicate")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_a_mistyped_command_is_answered_with_the_one_meant(tracker: Invoke) -> None:
    result = tracker("sumary")
    assert result.exit_code == 2
    assert "Did you mean 'summary'?" in result.stderr


def test_help_lists_every_command_with_its_line(tracker: Invoke) -> None:
    listing = tracker("--help", db=None).stdout.split("Commands:")[1]
    lines = dict(line.split(None, 1) for line in listing.strip().splitlines() if line[2] != " ")
    top = {path[0] for path in command_paths()}
    assert set(lines) == top
    assert lines["summary"].startswith("Counts by status")
    assert lines["db"].startswith("Schema migrations")


def loaded_modules(args: list[str], cwd: Path) -> set[str]:
    """The modules a fresh `tracker ARGS` process has loaded when it exits."""
    listed = cwd / "modules.txt"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(listed)!r}, 'w').write('\\n'.join(sys.modules)))\n"
        "from tracker.cli.main import run\n"
        "sys.argv[0] = 'tracker'\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "TRACKER_USER": "tester", "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = set(listed.read_text().split())
    assert "tracker.cli.main" in names  # the measurement itself worked
    return names


def test_help_loads_no_command_and_no_library_beside_typer(tmp_path: Path) -> None:
    # What --help needs is the list of commands: no command's module, no Rich, no store.
    names = loaded_modules(["--help"], tmp_path)
    assert not names & {*HEAVY, "rich", "sqlite3", "importlib.metadata", "tracker.storage"}
    assert not {name for name in names if name.startswith("tracker.cli.")} - {
        "tracker.cli.main",
        "tracker.cli.options",
    }


def test_a_command_loads_its_own_module_only(db_path: Path, tmp_path: Path) -> None:
    names = loaded_modules(["summary", "--db", str(db_path), "--as-of", "2025-12-31"], tmp_path)
    assert "rich" in names  # it did render the tables
    assert "tracker.cli.summary" in names
    assert not names & {"tracker.cli.importing", "tracker.cli.report", "tracker.cli.export"}


def test_summary_loads_no_heavy_library(db_path: Path, tmp_path: Path) -> None:
    names = loaded_modules(["summary", "--db", str(db_path), "--as-of", "2025-12-31"], tmp_path)
    assert not names & set(HEAVY)
    assert "rich" in names  # it did render the tables


def test_a_refusal_shows_a_traceback_only_with_debug(db_url: str) -> None:
    from typer.testing import CliRunner

    from tracker.errors import NotFoundError

    quiet = CliRunner().invoke(app, ["show", "NOPE", "--db", db_url])
    assert quiet.exit_code == 1 and isinstance(quiet.exception, SystemExit)
    assert quiet.stderr == "error: no indicator with code 'NOPE'\n"
    loud = CliRunner().invoke(app, ["--debug", "show", "NOPE", "--db", db_url])
    assert isinstance(loud.exception, NotFoundError)


def test_version_prints_the_installed_version(tracker: Invoke) -> None:
    from importlib import metadata

    result = tracker("--version", db=None)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"tracker {metadata.version('tracker')}"


@pytest.mark.parametrize("command", [("summary",), ("list",), ("report", "-o", "x.docx")])
def test_a_language_other_than_zh_or_en_is_a_usage_error(
    tracker: Invoke, command: tuple[str, ...]
) -> None:
    result = tracker(*command, "--lang", "fr")
    assert result.exit_code == 2
    assert "'fr': expected zh or en" in result.stderr
