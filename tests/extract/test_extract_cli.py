"""`tracker extract`: candidates as CSV or JSON in the import format, nothing written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.cli.test_help import loaded_modules
from tracker.cli.main import app
from tracker.extract.candidates import COLUMNS
from tracker.importers.observations import ALIASES

SEED = Path(__file__).resolve().parents[2] / "seed_data"
REPLY = SEED / "documents" / "000_cb4f7902fb00548b.txt"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_the_csv_has_the_import_columns_and_the_guesses(tmp_path: Path) -> None:
    out = tmp_path / "candidates.csv"
    missing = tmp_path / "no.db"
    result = run("extract", str(REPLY), "-o", str(out), "--db", f"sqlite:///{missing}")
    assert result.exit_code == 0, result.stderr
    assert not missing.exists()  # an extract writes to no store, and makes none
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    header = list(rows[0])
    assert header == list(COLUMNS)
    assert {"indicator", "kind", "period", "value", "quote"} <= set(header)
    assert set(header) - {"deliverable", "state", "pillar"} - {
        "name",
        "confidence",
        "reason",
    } <= set(ALIASES)
    firms = [r for r in rows if r["value"] == "1000"]
    assert firms[0] == {**firms[0], "kind": "actual", "period": "2024-06-13", "comparator": ">"}
    # one line a document: its id, its count of candidates and its title
    count = len(rows)
    assert f"000_cb4f7902fb00548b:{count} 条候选" in result.stderr


def test_names_are_matched_against_the_indicators(tmp_path: Path) -> None:
    result = run("extract", str(REPLY), "--indicators", str(SEED / "indicators.csv"))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    doctors = next(r for r in rows if r["value"] == "4492")
    assert doctors["indicator"] == "SYMC-PLAT-TELEMED-DOCTORS"
    assert "指标 SYMC-PLAT-TELEMED-DOCTORS: 名称" in doctors["reason"]
    english = run(
        "extract", str(REPLY), "--indicators", str(SEED / "indicators.csv"), "--lang", "en"
    )
    rows = list(csv.DictReader(io.StringIO(english.stdout)))
    reason = next(r for r in rows if r["value"] == "4492")["reason"]
    assert "indicator SYMC-PLAT-TELEMED-DOCTORS: name" in reason
    assert 0 < float(doctors["confidence"]) <= 1


def test_the_date_option_rereads_the_periods(tmp_path: Path) -> None:
    result = run("extract", str(REPLY), "--date", "2025-03-01")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert next(r for r in rows if r["value"] == "1000")["period"] == "2025-03-01"
    assert next(r for r in rows if r["value"] == "207")["period"] == "2025-01..2025-03-01"


def test_json_keeps_the_paragraphs_for_highlighting(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    assert run("extract", str(REPLY), "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text("utf-8"))
    doc = data["documents"][0]
    assert (doc["written"], doc["published"]) == ("2024-06-13", "2024-08-29")
    first = data["candidates"][0]
    paragraph = doc["paragraphs"][first["paragraph"]]
    assert first["quote"] in paragraph


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "13/06/2024"], "is not a date (YYYY-MM-DD)"),
        (["-o", "out.xlsx"], "expected a .csv or .json file"),
    ],
)
def test_bad_options_are_one_line_usage_errors(args: list[str], message: str) -> None:
    result = run("extract", str(REPLY), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_unreadable_document_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "reply.docx"
    bad.write_bytes(b"not a zip")
    result = run("extract", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}: cannot be read")


def test_help_loads_none_of_the_document_readers(tmp_path: Path) -> None:
    names = loaded_modules(["--help"], tmp_path)
    assert not names & {"rapidfuzz", "docx", "pypdf", "tomllib"}


def test_the_json_reads_back_as_the_same_candidates(tmp_path: Path) -> None:
    from tracker.extract.intake import extract
    from tracker.extract.output import from_json, to_json

    documents, candidates = extract([REPLY])
    again_docs, again = from_json(to_json(documents, candidates), "c.json")
    assert [c.row() for c in again] == [c.row() for c in candidates]
    assert again_docs[0].paragraphs == documents[0].paragraphs
    assert again_docs[0].written == documents[0].written


def test_review_needs_an_existing_store_and_one_document(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = run("review", str(REPLY), "--db", f"sqlite:///{missing}")
    assert result.exit_code == 1 and "no tracker store" in result.stderr
    assert not missing.exists()
    two = tmp_path / "two.json"
    assert (
        run(
            "extract",
            str(REPLY),
            str(SEED / "documents" / "001_429e4e3d7d47d75c.txt"),
            "-o",
            str(two),
        ).exit_code
        == 0
    )
    from tracker.services.seeding import create_store

    store, _ = create_store(f"sqlite:///{tmp_path / 's.db'}", figures=False)
    store.engine.dispose()
    result = run("review", str(two), "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1
    assert result.stderr == f"error: {two}: expected one document, found 2\n"
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    result = run("review", str(broken), "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1 and "not a candidates file of tracker extract" in result.stderr
