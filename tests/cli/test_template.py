"""`tracker template`: the workbook a city fills in, and its way back through `tracker import`."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.conftest import Invoke
from tests.conftest import dump

FIRST = "TL2021-GOAL-2025"  # the first of 铁岭's indicators by code, in %
SECOND = "TL2021-GOAL-2035"


def test_the_template_lists_the_region_with_an_open_value_column(
    tracker: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "铁岭-2025-06.xlsx"
    result = tracker("template", "--region", "铁岭", "--period", "2025-06", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert "23 个指标" in result.stdout
    book = load_workbook(path)
    assert book.sheetnames == ["填报", "说明"]
    sheet = book["填报"]
    header = [c.value for c in sheet[3]]
    assert header == [
        "指标编码",
        "指标名称",
        "单位",
        "最近实际值",
        "最近实际期",
        "目标值",
        "目标期限",
        "状态",
        "本期数值（2025年6月）",
        "来源",
        "备注",
    ]
    codes = [sheet.cell(row, 1).value for row in range(4, sheet.max_row + 1)]
    assert len(codes) == 23 and codes[:2] == [FIRST, SECOND]
    assert all(str(code).startswith("TL") for code in codes)
    assert (sheet["F4"].value, sheet["G4"].value, sheet["H4"].value) == (100, "2025", "数据不足")
    assert sheet.freeze_panes == "C4"
    assert sheet.protection.sheet
    assert sheet["A4"].protection.locked and sheet["H4"].protection.locked
    assert not any(sheet.cell(4, column).protection.locked for column in (9, 10, 11))
    (check,) = sheet.data_validations.dataValidation
    assert check.type == "decimal" and str(check.sqref) == "I4:I26"
    assert "本期数值（2025年6月）" in book["说明"]["A3"].value


def test_a_filled_template_imports_back_only_its_filled_cells(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "铁岭-2025-06.xlsx"
    tracker("template", "--region", "铁岭", "--period", "2025-06", "-o", str(path))
    before = dump(db_url)
    empty = tracker("import", str(path))
    assert empty.exit_code == 0, empty.output
    assert "new 0, changed 0, unchanged 0" in empty.stdout
    assert dump(db_url) == before
    book = load_workbook(path)
    sheet = book["填报"]
    sheet["I4"] = 40
    sheet["J4"] = "市发改委"
    sheet["K4"] = "上半年"
    sheet["I5"] = "12.5%"
    book.save(path)
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert "new 2" in result.stdout
    rows = json.loads(tracker("history", FIRST, "--json").stdout)
    assert [
        (o["period"], o["value"], o["source"], o["note"]) for o in rows if o["kind"] == "actual"
    ] == [("2025-06", "40", "市发改委", "上半年")]
    second = json.loads(tracker("history", SECOND, "--json").stdout)
    assert [(o["period"], o["value"], o["source"]) for o in second if o["kind"] == "actual"] == [
        ("2025-06", "12.5", "铁岭-2025-06.xlsx 2025-06")
    ]
    after = dump(db_url)
    assert "nothing changed" in tracker("import", str(path)).stdout
    assert dump(db_url) == after


def test_a_period_that_is_not_one_is_a_usage_error(tracker: Invoke, tmp_path: Path) -> None:
    result = tracker("template", "--region", "铁岭", "--period", "2025年13月")
    assert result.exit_code == 2
    assert "month 13 is not 1-12" in result.output


def test_a_pillar_narrows_the_template(tracker: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    result = tracker(
        "template",
        "--region",
        "沈阳",
        "--pillar",
        "对外开放",
        "--period",
        "2025Q2",
        "-o",
        str(path),
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path)["填报"]
    codes = [sheet.cell(row, 1).value for row in range(4, sheet.max_row + 1)]
    assert "SY-OPEN-CRE-TRAINS" in codes and all("-OPEN-" in str(c) for c in codes)
    assert sheet["I3"].value == "本期数值（2025Q2）"


def test_the_template_is_private_and_a_missing_folder_is_refused(
    tracker: Invoke, tmp_path: Path
) -> None:
    import stat

    path = tmp_path / "t.xlsx"
    assert tracker("template", "--region", "铁岭", "-o", str(path)).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    missing = tracker("template", "--region", "铁岭", "-o", str(tmp_path / "no" / "t.xlsx"))
    assert missing.exit_code == 1 and "no such directory" in missing.stderr
