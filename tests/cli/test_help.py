"""Every command explains itself with an example; `--help` and `summary` start without the heavy
libraries (pandas, Textual, openpyxl)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from tests.cli.conftest import Invoke
from tracker.cli.main import app

HEAVY = ("pandas", "textual", "openpyxl")


def command_paths() -> list[tuple[str, ...]]:
    """Every leaf command as the words that invoke it, e.g. ('export', 'observations')."""
    paths: list[tuple[str, ...]] = []

    def walk(command: object, prefix: tuple[str, ...]) -> None:
        children = getattr(command, "commands", None)
        if children is None:
            paths.append(prefix)
            return
        for name, child in children.items():
            walk(child, (*prefix, name))

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


def loaded_modules(args: list[str], cwd: Path) -> set[str]:
    """The top-level packages `tracker ARGS` imports, from `python -X importtime`."""
    code = "import sys; from tracker.cli.main import run; sys.argv[0] = 'tracker'; run()"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "TRACKER_USER": "tester", "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "tracker" in names  # the measurement itself worked
    return names


def test_help_loads_no_heavy_library(tmp_path: Path) -> None:
    assert not loaded_modules(["--help"], tmp_path) & set(HEAVY)


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
