"""`tracker ... | head`: a reader that closes the pipe early ends the command quietly, exit 0."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TRACKER = Path(sys.executable).parent / "tracker"


@pytest.mark.parametrize(
    "command",
    [("list",), ("summary",), ("show", "SY-OPEN-CRE-TRAINS"), ("audit",), ("export", "indicators")],
)
def test_a_closed_pipe_ends_the_command_quietly(db_path: Path, command: tuple[str, ...]) -> None:
    process = subprocess.Popen(
        [str(TRACKER), *command, "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert errors == b""
