"""Exports that open correctly in Excel on a Chinese desktop, and come back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.conftest import Invoke, one_line, write
from tests.conftest import dump

CODE = "SY-OPEN-CRE-TRAINS"


def test_a_csv_file_is_utf8_with_a_bom_and_stdout_is_plain(tracker: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert tracker("export", "observations", "-o", str(path)).exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfindicator,name,")
    assert "沈阳" in data.decode("utf-8-sig")
    stdout = tracker("export", "observations")
    assert stdout.stdout.startswith("indicator,name,")


@pytest.mark.parametrize(
    ("encoding", "start"), [("gb18030", b"indicator"), ("utf-8", b"indicator")]
)
def test_encoding_chooses_the_file_encoding(
    tracker: Invoke, tmp_path: Path, encoding: str, start: bytes
) -> None:
    path = tmp_path / "out.csv"
    result = tracker("export", "observations", "-o", str(path), "--encoding", encoding)
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data.startswith(start)
    assert "沈阳" in data.decode(encoding)
    # The store's own export reads back as it is, whatever its encoding.
    assert "nothing changed" in tracker("import", str(path)).stdout


def test_an_unknown_encoding_is_a_usage_error(tracker: Invoke, tmp_path: Path) -> None:
    result = tracker(
        "export", "observations", "-o", str(tmp_path / "x.csv"), "--encoding", "latin1"
    )
    assert result.exit_code == 2 and "expected utf-8, utf-8-sig or gb18030" in result.stderr


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_white_space_and_formula_starts_survive_a_round_trip(
    tracker: Invoke, db_url: str, tmp_path: Path, suffix: str
) -> None:
    notes = ["  two spaces", "\ttab", "\nnew line", "trailing ", "=1+2", "'quoted"]
    for month, note in enumerate(notes, start=1):
        result = tracker("record", CODE, "600", "-p", f"2025-{month:02d}", "--note", note)
        assert result.exit_code == 0, result.output
    stored = {o["period"]: o["note"] for o in json.loads(tracker("history", CODE, "--json").stdout)}
    path = tmp_path / f"out.{suffix}"
    assert tracker("export", "observations", "-o", str(path)).exit_code == 0
    if suffix == "xlsx":
        sheet = load_workbook(path).active
        header = [c.value for c in sheet[1]]
        cells = [row[header.index("note")] for row in sheet.iter_rows(min_row=2)]
        formula = next(c for c in cells if c.value == "=1+2")
        assert formula.quotePrefix and formula.data_type == "s"  # no visible apostrophe
    before = dump(db_url)
    again = tracker("import", str(path))
    assert again.exit_code == 0, again.output
    assert "changed 0" in again.stdout and "new 0" in again.stdout
    assert dump(db_url) == before
    after = {o["period"]: o["note"] for o in json.loads(tracker("history", CODE, "--json").stdout)}
    assert after == stored


def test_a_file_refused_whole_is_json_with_json(tracker: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path / "odd.csv", "城市,人口\n沈阳,900\n")
    result = tracker("import", str(path), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["refused"] is True and "headers found: 城市, 人口" in data["reason"]
    assert "error" not in one_line(result)


def test_a_closed_pipe_ends_the_export_quietly_with_0(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    import subprocess
    import sys

    rows = "".join(
        f"{CODE},actual,{y}-{m:02d},600,{'说明' * 50}\n" for y in range(1950, 2150) for m in (1, 7)
    )
    tracker("import", str(write(tmp_path / "big.csv", "indicator,kind,period,value,note\n" + rows)))
    command = Path(sys.executable).parent / "tracker"
    done = subprocess.run(
        [
            "bash",
            "-c",
            f'"{command}" export observations --db "{db_url}" | head -c 10 >/dev/null;'
            ' exit "${PIPESTATUS[0]}"',
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
