"""`tracker export`: the import format, formula cells neutralised, numbers kept numbers; exporting
and importing into an empty store reproduces the same data."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from tests.cli.conftest import Invoke, one_line
from tests.conftest import dump
from tracker.storage.engine import make_engine

CODE = "SY-OPEN-CRE-TRAINS"
OBSERVATION_COLUMNS = [
    "indicator",
    "name",
    "region",
    "pillar",
    "unit",
    "kind",
    "period",
    "value",
    "comparator",
    "source_doc",
    "quote",
    "note",
    "programme",
    "deadline_basis",
    "relative_to",
    "quarantine",
]
INDICATOR_COLUMNS = [
    "code",
    "name",
    "name_en",
    "unit",
    "direction",
    "region",
    "pillar",
    "lead",
    "responsible",
    "frequency",
    "description",
    "measure",
]
HOSTILE = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "+1 more": "'+1 more",
    "-2 fewer": "'-2 fewer",
    "@SUM(A1)": "'@SUM(A1)",
    "\tindented": "'\tindented",
    "'quoted": "''quoted",
    "plain 'text'": "plain 'text'",
}


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_observations_csv_to_stdout_has_the_import_columns(tracker: Invoke) -> None:
    result = tracker("export", "observations")
    assert result.exit_code == 0
    reader = csv.reader(io.StringIO(result.stdout))
    assert next(reader) == OBSERVATION_COLUMNS
    listed = json.loads(tracker("list", "--as-of", "2025-12-31", "--json").stdout)
    # Every value is exported; a listing leaves out the indicators of closed programmes.
    assert len(list(reader)) == 172 and len(listed) == 160


def test_export_to_a_private_file(tracker: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    path.chmod(0o644)
    result = tracker("export", "observations", "-o", str(path))
    assert result.exit_code == 0
    assert result.stderr.strip() == f"wrote 172 observations to {path} (csv)"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # A file is written with a BOM, so that Excel on a Chinese desktop reads it as UTF-8.
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert path.read_text(encoding="utf-8-sig").startswith(",".join(OBSERVATION_COLUMNS) + "\n")


def test_export_filters_like_list(tracker: Invoke) -> None:
    tieling = rows_of(tracker("export", "observations", "--region", "铁岭").stdout)
    assert tieling and {r["region"] for r in tieling} == {"铁岭"}
    listed = json.loads(tracker("list", "--region", "铁岭", "--json").stdout)
    codes = {r["code"] for r in rows_of(tracker("export", "indicators", "--region", "铁岭").stdout)}
    assert codes == {i["code"] for i in listed}
    tracker("flag", CODE, "--reason", "低于计划")
    flagged = rows_of(tracker("export", "observations", "--flagged").stdout)
    assert {r["indicator"] for r in flagged} == {CODE}
    found = rows_of(
        tracker("export", "indicators", "--search", "班列", "--status", "逾期未报").stdout
    )
    assert {r["code"] for r in found} == {CODE}
    # The ranking target states no deadline: an open commitment, never overdue.
    found = rows_of(
        tracker("export", "indicators", "--search", "班列", "--status", "开放承诺").stdout
    )
    assert {r["code"] for r in found} == {"SY-OPEN-CRE-NATIONAL-RANK"}


def test_formula_cells_are_neutralised_in_csv_and_numbers_stay_numbers(
    tracker: Invoke, tmp_path: Path
) -> None:
    for i, note in enumerate(HOSTILE):
        recorded = tracker("record", CODE, "-5", "-p", f"2025-{i + 1:02d}", "--note", note)
        assert recorded.exit_code == 0
    rows = [r for r in rows_of(tracker("export", "observations").stdout) if r["kind"] == "actual"]
    mine = [r for r in rows if r["indicator"] == CODE]
    assert {r["note"] for r in mine} == set(HOSTILE.values())
    assert {r["value"] for r in mine} == {"-5"}  # a negative number is not neutralised


def test_formula_cells_are_neutralised_in_xlsx_and_numbers_stay_numbers(
    tracker: Invoke, tmp_path: Path
) -> None:
    for i, note in enumerate(HOSTILE):
        tracker("record", CODE, "-5.5", "-p", f"2025-{i + 1:02d}", "--note", note)
    path = tmp_path / "out.xlsx"
    result = tracker("export", "observations", "-o", str(path))
    assert result.exit_code == 0 and "(xlsx)" in result.stderr
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header == OBSERVATION_COLUMNS
    value_at, note_at = header.index("value"), header.index("note")
    mine = [row for row in sheet.iter_rows(min_row=2) if row[0].value == CODE]
    notes = {row[note_at].value for row in mine if row[value_at].value == -5.5}
    # The text as recorded, with no visible apostrophe: Excel's quotePrefix style keeps it
    # from being run (and the cell is text, never a formula).
    assert notes == set(HOSTILE)
    noted = [row[note_at] for row in mine if row[value_at].value == -5.5]
    assert len(noted) == len(HOSTILE) and {c.data_type for c in noted} == {"s"}  # never "f"
    protected = {c.value for c in noted if c.quotePrefix}
    assert protected == {note for note, csv_cell in HOSTILE.items() if csv_cell != note}
    relative_at = header.index("relative_to")
    rows = list(sheet.iter_rows(min_row=2))
    values = [row[value_at].value for row in rows]
    # Only a target relative to another series has no value of its own.
    assert [v for v in values if not isinstance(v, (int, float))] == [
        None for row in rows if row[relative_at].value
    ]


def test_json_export_keeps_values_as_exact_decimal_strings(tracker: Invoke) -> None:
    tracker("record", CODE, "6.1万", "-p", "2025-06")
    tracker("record", CODE, "0.30000000000000004", "-p", "2025-07")
    data = json.loads(tracker("export", "observations", "--format", "json").stdout)
    mine = {r["period"]: r for r in data if r["indicator"] == CODE and r["kind"] == "actual"}
    assert mine["2025-06"]["value"] == "61000" and list(mine["2025-06"]) == OBSERVATION_COLUMNS
    assert mine["2025-07"]["value"] == "0.30000000000000004"
    indicators = json.loads(tracker("export", "indicators", "-f", "json").stdout)
    assert len(indicators) == 176 and list(indicators[0]) == INDICATOR_COLUMNS


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["observations", "--format", "xlsx"], 2, "an xlsx workbook needs a file"),
        (["observations", "--format", "pdf"], 2, "expected csv, xlsx or json"),
        (["indicators", "-o", "no/such/dir/x.csv"], 2, "no such directory"),
        (["indicators", "--status", "bad"], 2, "expected one of off_track"),
        (["observations", "--region", "火星"], 1, "no region named '火星'"),
    ],
)
def test_export_refusals(
    tracker: Invoke, tmp_path: Path, args: list[str], code: int, needle: str
) -> None:
    result = tracker("export", *args)
    assert result.exit_code == code
    assert needle in result.stderr


def test_export_onto_a_directory_is_refused(tracker: Invoke, tmp_path: Path) -> None:
    (tmp_path / "folder.csv").mkdir()
    result = tracker("export", "observations", "-o", str(tmp_path / "folder.csv"))
    assert result.exit_code == 1
    assert "cannot write" in one_line(result)


def stored(url: str) -> dict[str, list[tuple[object, ...]]]:
    """What a store says, without ids, versions and stamps: definitions and current values."""
    engine = sa.create_engine(url)
    with engine.connect() as c:
        indicators = c.execute(
            sa.text(
                "SELECT code, name, name_en, unit, direction, region_code, pillar_code,"
                " frequency, description, measure FROM indicator ORDER BY code"
            )
        ).all()
        departments = c.execute(
            sa.text(
                "SELECT i.code, d.role, d.position, dep.name FROM indicator_department d"
                " JOIN indicator i ON i.id = d.indicator_id"
                " JOIN department dep ON dep.id = d.department_id ORDER BY 1, 2, 3"
            )
        ).all()
        observations = c.execute(
            sa.text(
                "SELECT i.code, o.kind, o.period, o.precision, o.period_start, o.period_end,"
                " o.value, o.comparator, o.source_doc, o.quote, o.note, o.programme,"
                " o.deadline_basis, o.relative_to, o.quarantine FROM observation o"
                " JOIN indicator i ON i.id = o.indicator_id WHERE o.state = 'current'"
                " ORDER BY 1, 2, 3"
            )
        ).all()
    engine.dispose()
    return {
        "indicators": [tuple(r) for r in indicators],
        "departments": [tuple(r) for r in departments],
        "observations": [tuple(r) for r in observations],
    }


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_into_an_empty_store_reproduces_the_data(
    tracker: Invoke, db_url: str, tmp_path: Path, suffix: str
) -> None:
    # Beyond the seed: values people typed, formula-like and quoted text, a new definition.
    tracker(
        "indicator",
        "add",
        "TL-X-1",
        "--name",
        "=铁岭试点",
        "--direction",
        "decrease",
        "--region",
        "铁岭",
        "--pillar",
        "交通共联",
        "--unit",
        "万人次",
        "--lead",
        "铁岭市交通运输局",
        "--responsible",
        "-某局",
        "--description",
        "@说明",
    )
    tracker("record", "TL-X-1", "-3.25", "-p", "2025年上半年", "--note", "=SUM(A1)")
    tracker("record", "TL-X-1", "4500人次", "-p", "2025Q3", "--note", "'引号")
    tracker(
        "record",
        "TL-X-1",
        "1",
        "-p",
        "2026",
        "-k",
        "target",
        "--comparator",
        "<=",
        "--note",
        '第一行\n第二行, 含逗号和"引号"',
    )
    tracker("record", CODE, "1,613", "-p", "2025-06-30", "--quote", "+全年1613列")
    tracker("record", CODE, "1700", "-p", "2025-06-30")  # supersedes: only the current one travels
    ind_file, obs_file = tmp_path / f"ind.{suffix}", tmp_path / f"obs.{suffix}"
    assert tracker("export", "indicators", "-o", str(ind_file)).exit_code == 0
    assert tracker("export", "observations", "-o", str(obs_file)).exit_code == 0

    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert tracker("init", "--reference-only", db=empty).exit_code == 0
    first = tracker("import", str(ind_file), db=empty)
    assert first.exit_code == 0, first.output
    assert "new 177, changed 0" in first.stdout
    second = tracker("import", str(obs_file), "--accept-outliers", db=empty)
    assert second.exit_code == 0, second.output
    assert "new 176, changed 0, unchanged 0" in second.stdout

    assert stored(empty) == stored(db_url)
    again = tracker("export", "observations", db=empty).stdout
    assert again == tracker("export", "observations").stdout
    # And the exported files read back into the original store change nothing.
    before = dump(db_url)
    assert "nothing changed" in tracker("import", str(ind_file)).stdout
    assert "nothing changed" in tracker("import", str(obs_file)).stdout
    assert dump(db_url) == before


def test_xlsx_export_writes_control_characters_as_escapes_that_import_back(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    assert tracker("record", CODE, "5", "-p", "2025-06", "--note", "第一段").exit_code == 0
    # A vertical tab pasted from Word, and an ESC, stored before the input checks existed.
    engine = make_engine(db_url, create=False)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE observation SET note = :n WHERE note = '第一段'"),
            {"n": "第一段\x0b第二段\x1b[2J"},
        )
    engine.dispose()
    path = tmp_path / "out.xlsx"
    result = tracker("export", "observations", "-o", str(path))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    notes = [row[header.index("note")].value for row in sheet.iter_rows(min_row=2)]
    assert "第一段\\x0b第二段\\x1b[2J" in notes
    again = tracker("import", str(path))
    assert again.exit_code == 0, again.output
    assert "changed 1" in again.stdout  # the note, now its escapes as text; nothing else
