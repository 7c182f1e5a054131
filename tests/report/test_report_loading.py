"""`tracker --help` and `tracker report --help` load none of the report's libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "docx", "fontTools", "sqlalchemy", "textual", "pandas")


@pytest.mark.parametrize("args", [["--help"], ["report", "--help"]])
def test_help_loads_no_chart_word_database_or_interface_library(args: list[str]) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['tracker', *{args!r}]\n"
        "from tracker.cli.main import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('loaded:', ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "report" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "loaded:"
