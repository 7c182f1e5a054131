"""A non-editable `pip install` into a fresh venv works from any directory: `tracker init`
migrates and seeds tracker.db where it is run, `tracker summary` reads it, the TUI starts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.seed_figures import closed_indicators, on_board

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
# What the checkout holds beside the package's sources: none of it is installed.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", "*.db*", "bench", "tests"
)
TUI_STARTS = """
import asyncio, sys
from tracker.tui.app import make_app

async def main() -> None:
    app = make_app(sys.argv[1], lang="en", poll_seconds=0, cursor_blink=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        print(type(app.screen).__name__)

asyncio.run(main())
"""


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run `command`; its output, or a failure that shows what it printed."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with tracker installed from a copy of the checkout, not in editable mode."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # This venv's pip installs into the new one, from the same indexes and cache as `make`.
    run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q"]
        + ["--no-warn-script-location", str(source)],
        cwd=base,
        env=dict(os.environ),
    )
    shutil.rmtree(source)  # nothing may be read from the copy once it is installed
    return venv


def test_installed_tracker_initialises_and_summarises_in_the_current_directory(
    installed: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "office"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "PYTHON"))}
    env.update(TRACKER_CONFIG_DIR=str(tmp_path / "config"), COLUMNS="120")
    tracker = str(installed / "bin" / "tracker")

    out = run([tracker, "init"], cwd=elsewhere, env=env)
    database = elsewhere / "tracker.db"
    assert f"sqlite:///{database}: schema current" in out
    assert database.is_file()

    # The default board: every seeded indicator but those of programmes that have ended.
    as_of = date(2025, 12, 31)
    shown, closed = len(on_board(as_of)), len(closed_indicators(as_of))
    summary = run([tracker, "summary", "--lang", "en", "--as-of", str(as_of)], elsewhere, env)
    totals = [line.split() for line in summary.splitlines() if line.startswith("Total ")]
    assert totals and totals[0][-1] == str(shown), summary
    hidden = f"{closed} indicators of programmes that have ended are not shown"
    assert hidden in " ".join(summary.split()), summary

    screen = run(
        [str(installed / "bin" / "python"), "-c", TUI_STARTS, f"sqlite:///{database}"],
        tmp_path,
        env,
    )
    assert screen.strip() == "BrowseScreen"
