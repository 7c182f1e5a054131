"""`tracker due`: the reminders list on the shell, as JSON, and into a file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

from tests.cli.conftest import Invoke, one_line
from tests.conftest import table_counts

CODE = "SY-OPEN-CRE-TRAINS"
AS_OF = ("--as-of", "2026-03-01")


def due_codes(tracker: Invoke, *args: str) -> list[str]:
    result = tracker("due", *AS_OF, "--json", *args)
    assert result.exit_code == 0, result.output
    return [item["code"] for item in json.loads(result.stdout)]


def test_a_figure_is_owed_until_it_is_recorded(tracker: Invoke) -> None:
    before = due_codes(tracker, "--region", "沈阳")
    assert CODE in before
    item = next(i for i in json.loads(tracker("due", *AS_OF, "--json").stdout) if i["code"] == CODE)
    assert item["due"] == "2025" and item["last_reported"] is None and item["region"] == "SY"
    assert tracker("record", CODE, "1300", "-p", "2025").exit_code == 0
    after = due_codes(tracker, "--region", "沈阳")
    assert CODE not in after and len(after) == len(before) - 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_list_fits_80_columns_and_names_the_date_and_region(tracker: Invoke, lang: str) -> None:
    result = tracker("due", "--as-of", "2025-12-31", "--region", "铁岭", "--lang", lang)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "2025-12-31" in lines[0] and "铁岭" in lines[0]
    assert max(cell_len(line) for line in lines) <= 80
    assert "TL2021-T02" in result.stdout


def test_nothing_owed_says_so(tracker: Invoke) -> None:
    # The Tieling programmes have ended by then: their indicators owe nothing more.
    result = tracker("due", *AS_OF, "--region", "铁岭", "--lang", "en")
    assert result.exit_code == 0
    assert "0 still lack" in result.stdout and "Every figure due has been reported" in result.stdout


def test_the_list_is_written_to_xlsx_and_csv(tracker: Invoke, tmp_path: Path) -> None:
    codes = due_codes(tracker, "--region", "SY")
    book = tmp_path / "沈阳-催报.xlsx"
    result = tracker("due", *AS_OF, "--region", "SY", "-o", str(book))
    assert result.exit_code == 0 and str(len(codes)) in result.stderr
    sheet = load_workbook(book)["due"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("编码", "指标", "应报时期")
    assert [row[0] for row in values[1:]] == codes
    sheet_csv = tmp_path / "due.csv"
    assert tracker("due", *AS_OF, "--lang", "en", "-o", str(sheet_csv)).exit_code == 0
    read = list(csv.reader(sheet_csv.read_text("utf-8-sig").splitlines()))
    assert read[0][:3] == ["Code", "Indicator", "Due"]
    assert [row[0] for row in read[1:]] == due_codes(tracker)


def test_a_file_of_another_kind_is_refused_and_nothing_written(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    before = table_counts(db_url)
    result = tracker("due", "-o", str(tmp_path / "due.txt"))
    assert result.exit_code == 1
    assert "due.txt" in one_line(result) and ".csv or .xlsx" in one_line(result)
    assert not (tmp_path / "due.txt").exists() and table_counts(db_url) == before
