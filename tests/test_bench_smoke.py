"""The benchmark suite runs end to end at smoke size and reports every figure, so it cannot rot."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = (
    "import",
    "reimport",
    "import_gb18030",
    "summary",
    "help",
    "status",
    "tui_launch",
    "tui_filter_small",
    "tui_filter_big",
    "tui_scroll",
    "tui_memory",
    "tui_memory_reported",
)
WITH_FLOOR = ("import", "reimport", "import_gb18030", "summary", "help", "status", "tui_launch")
MEASURED = re.compile(r"^\d+(\.\d+)? (s|MB)$")


def figure_rows(text: str) -> dict[str, list[str]]:
    """The cells of the figures table by figure id."""
    section = text.split("## Figures", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[0] not in ("id", "---"):
            rows[cells[0]] = cells
    return rows


def test_smoke_run_measures_every_figure_against_its_floor(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    env = dict(os.environ, TRACKER_CONFIG_DIR=str(tmp_path / "config"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--size",
            "smoke",
            "--data",
            str(tmp_path / "data"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "Python 3." in text and "SQLite" in text and "cores" in text
    rows = figure_rows(text)
    assert sorted(rows) == sorted(FIGURES)
    for key, (_, _, floor, subject, ratio, _, met, _) in rows.items():
        assert MEASURED.match(subject), f"{key}: {subject}"
        assert met in ("yes", "**no**"), f"{key}: {met}"
        if key in WITH_FLOOR:
            assert MEASURED.match(floor), f"{key}: {floor}"
            assert re.fullmatch(r"\d+\.\d\dx", ratio), f"{key}: {ratio}"
    assert not list((tmp_path / "data" / "smoke").glob("work/*.db")), "scratch stores were left"
