"""`tracker import` of the workbooks cities send back: title rows, wide tables, totals and
notes, units in headers, Excel's percent and date formats, several sheets, odd separators."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.cli.conftest import Invoke, one_line, write
from tests.conftest import dump

CODE = "SY-OPEN-CRE-TRAINS"  # 列, no actual in the seed data
SHARE = "SYMC-PLAN-GDP-SHARE-LN"  # %, no actual
RIDERS = "SYMC-TRANS-SHENFU-LRT-RIDERSHIP"  # 万人次; actual 2.5 on 2024-06-03
RIDERS_NAME = "沈抚城际轻轨日均客流量"


def history(tracker: Invoke, code: str) -> set[tuple[str, str, str]]:
    rows = json.loads(tracker("history", code, "--json").stdout)
    return {(o["kind"], o["period"], o["value"]) for o in rows if o["state"] == "current"}


def save(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def test_a_title_row_and_a_unit_line_above_the_header_are_skipped_and_reported(
    tracker: Invoke, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["2025年6月沈阳现代化都市圈重点指标调度表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["填报单位：沈阳市发改委", None, "单位：列"])
    sheet.append(["指标编码", "类型", "时期", "数值"])
    sheet.append([CODE, "实际", "2025年6月", 620])
    path = save(book, tmp_path / "调度表.xlsx")
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert "1 rows read; new 1" in result.stdout
    assert "header on line 3; skipped line(s) 1, 2 above it" in result.stdout
    assert ("actual", "2025-06", "620") in history(tracker, CODE)


def test_a_wide_table_is_one_observation_per_filled_cell(tracker: Invoke, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["序号", "指标编码", "指标名称", "单位", "2023年", "2024年", "2025Q2", "2025年1-6月"]
    )
    sheet.append([1, CODE, "中欧班列(沈阳)开行数量", "列", 800, 1000, None, "—"])
    sheet.append([2, SHARE, "都市圈经济总量占辽宁比重", "%", None, 46.9, 47.1, None])
    sheet.append(["一、交通共联"])  # a section heading: no figure, no error
    sheet.append([None, None, None, None, "=SUM(E2:E3)"])
    path = save(book, tmp_path / "wide.xlsx")
    dry = tracker("import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "wide table: a column per period (2023年, 2024年, 2025Q2, 2025年1-6月)" in dry.stdout
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert "new 4" in result.stdout
    assert {("actual", "2023", "800"), ("actual", "2024", "1000")} <= history(tracker, CODE)
    assert {("actual", "2024", "46.9"), ("actual", "2025Q2", "47.1")} <= history(tracker, SHARE)


def test_a_wide_table_by_name_with_units_and_kinds_in_its_headers(
    tracker: Invoke, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["指标名称", "2024年(人次)", "2025年目标（万人次）"])
    sheet.append([RIDERS_NAME, 26000, 3])
    sheet.append(["合计", 26000, 3])
    sheet.append(["注：数据来源于沈阳市交通运输局"])
    path = save(book, tmp_path / "by-name.xlsx")
    result = tracker("import", str(path), "--accept-outliers")
    assert result.exit_code == 0, result.output
    assert "rows that are not data, skipped: note 1, total 1" in result.stdout
    found = history(tracker, RIDERS)
    assert ("actual", "2024", "2.6") in found  # 26000 人次 in 万人次
    assert ("target", "2025", "3") in found


def test_an_unknown_name_in_a_wide_table_is_refused_and_nothing_written(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["指标名称", "2024年"])
    sheet.append(["不存在的指标", 5])
    path = save(book, tmp_path / "unknown.xlsx")
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert "line 2, column '指标名称', value '不存在的指标': no indicator has this name" in (
        result.stderr
    )
    assert dump(db_url) == before


def test_a_percent_formatted_cell_is_the_percentage_excel_shows(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "kind", "period", "value"])
    sheet.append([SHARE, "actual", "2024", 0.469])
    sheet["D2"].number_format = "0.0%"
    sheet.append([CODE, "actual", "2024", 0.5])
    sheet["D3"].number_format = "0%"
    path = save(book, tmp_path / "pct.xlsx")
    before = dump(db_url)
    # A percentage for a count of trains is refused, not stored as 0.5 列.
    refused = tracker("import", str(path), "--accept-outliers")
    assert refused.exit_code == 1 and "line 3, column 'value'" in refused.stderr
    assert dump(db_url) == before
    sheet.delete_rows(3)
    save(book, path)
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert ("actual", "2024", "46.9") in history(tracker, SHARE)


@pytest.mark.parametrize(
    ("number_format", "period"),
    [
        ('yyyy"年"m"月"', "2025-06"),
        ("yyyy-mm", "2025-06"),
        ('yyyy"年"', "2025"),
        ("yyyy-mm-dd", "2025-06-01"),
        ("yyyy/m/d", "2025-06-01"),
    ],
)
def test_a_date_cells_number_format_decides_its_period(
    tracker: Invoke, tmp_path: Path, number_format: str, period: str
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "kind", "period", "value"])
    sheet.append([CODE, "actual", datetime(2025, 6, 1), 620])
    sheet["C2"].number_format = number_format
    path = save(book, tmp_path / "dates.xlsx")
    assert tracker("import", str(path)).exit_code == 0
    assert ("actual", period, "620") in history(tracker, CODE)
    # The same month typed in a CSV later is the same figure, not a second June value.
    if period == "2025-06":
        again = write(
            tmp_path / "again.csv", f"indicator,kind,period,value\n{CODE},actual,2025年6月,620\n"
        )
        assert "new 0, changed 0, unchanged 1" in tracker("import", str(again)).stdout


def test_a_float_artefact_is_read_as_excel_shows_it(tracker: Invoke, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "kind", "period", "value"])
    sheet.append([SHARE, "actual", "2024", 0.1 + 0.2])
    path = save(book, tmp_path / "float.xlsx")
    assert tracker("import", str(path)).exit_code == 0
    assert ("actual", "2024", "0.3") in history(tracker, SHARE)


def test_a_unit_in_the_value_header_converts_the_values(tracker: Invoke, tmp_path: Path) -> None:
    path = write(
        tmp_path / "unit.csv",
        f"指标编码,类型,时期,数值（人次）\n{RIDERS},实际,2024-07,26000\n",
    )
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert ("actual", "2024-07", "2.6") in history(tracker, RIDERS)


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(
    tracker: Invoke, tmp_path: Path, separator: str
) -> None:
    lines = ["indicator", "kind", "period", "value"], [CODE, "actual", "2025-06", "620"]
    path = write(tmp_path / "semi.csv", "".join(separator.join(r) + "\n" for r in lines))
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert ("actual", "2025-06", "620") in history(tracker, CODE)


def test_a_file_of_no_shape_names_its_headers_and_what_each_shape_needs(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "odd.csv", "城市,人口\n沈阳,900\n")
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    line = one_line(result)
    assert "headers found: 城市, 人口" in line
    assert "observations need indicator, kind, period, value" in line
    assert "a wide table needs 指标编码 or 指标名称" in line
    assert dump(db_url) == before


def test_several_data_sheets_need_sheet_and_say_which(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    book = Workbook()
    for name in ("沈阳", "铁岭"):
        sheet = book.create_sheet(name)
        sheet.append(["indicator", "kind", "period", "value"])
        sheet.append([CODE, "actual", "2025-06", 620])
    del book["Sheet"]
    path = save(book, tmp_path / "two.xlsx")
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert one_line(result).endswith(
        "several sheets hold a table (沈阳, 铁岭); choose one with --sheet"
    )
    assert dump(db_url) == before


def test_a_file_mixing_utf8_and_gb18030_is_refused_at_its_first_bad_line(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"indicator,kind,period,value,unit,comparator,source_doc,quote,note\n"
        + f"{CODE},actual,2025-05,600,,,,,备注\n".encode()
        + f"{CODE},actual,2025-06,620,,,,,备注\n".encode("gb18030")
    )
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert one_line(result) == (
        f"error: {path}: line 3: is not UTF-8, but line 2 is: the file mixes encodings"
        " (UTF-8 and GB18030?); save it again in one encoding (CSV UTF-8)"
    )
    assert dump(db_url) == before


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2025 年 6 月", "2025-06"),
        ("2025年第二季度", "2025Q2"),
        ("2025年二季度", "2025Q2"),
        ("2025年上半年", "2025H1"),
        ("2025年1-6月", "2025-01..2025-06"),
    ],
)
def test_periods_as_people_write_them(
    tracker: Invoke, tmp_path: Path, period: str, expected: str
) -> None:
    path = write(tmp_path / "p.csv", f"indicator,kind,period,value\n{CODE},actual,{period},620\n")
    assert tracker("import", str(path)).exit_code == 0
    assert ("actual", expected, "620") in history(tracker, CODE)


def test_a_csv_period_like_2025_1_is_refused_as_ambiguous(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "p.csv", f"indicator,kind,period,value\n{CODE},actual,2025.1,620\n")
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert "line 2, column 'period', value '2025.1': a number with decimals is ambiguous" in (
        result.stderr
    )
    assert dump(db_url) == before


def test_the_unicode_minus_is_a_minus(tracker: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path / "m.csv", f"indicator,kind,period,value\n{SHARE},actual,2024,−3\n")
    assert tracker("import", str(path)).exit_code == 0
    assert ("actual", "2024", "-3") in history(tracker, SHARE)


def test_a_period_error_quotes_what_was_written(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "p.csv", f"indicator,kind,period,value\n{CODE},actual,2025 年 13 月,1\n"
    )
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert "'2025 年 13 月': month 13 is not 1-12" in result.stderr


def test_import_dash_reads_standard_input(tracker: Invoke, db_url: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tracker.cli.main import app

    text = f"indicator,kind,period,value\n{CODE},actual,2025-06,620\n"
    result = CliRunner().invoke(app, ["import", "-", "--db", db_url], input=text.encode())
    assert result.exit_code == 0, result.output
    assert ("actual", "2025-06", "620") in history(tracker, CODE)


def test_dry_run_limit_caps_the_listed_changes(tracker: Invoke, tmp_path: Path) -> None:
    rows = "".join(f"{CODE},actual,2025-{m:02d},{600 + m}\n" for m in range(1, 7))
    path = write(tmp_path / "six.csv", "indicator,kind,period,value\n" + rows)
    every = tracker("import", str(path), "--dry-run")
    assert every.stdout.count("would change: new") == 6
    some = tracker("import", str(path), "--dry-run", "--limit", "2")
    assert some.stdout.count("would change: new") == 2


def test_an_indicators_file_cannot_change_a_unit_under_stored_values(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    tracker("record", CODE, "620", "-p", "2025-06")
    path = write(
        tmp_path / "defs.csv",
        "指标编码,指标名称,单位,方向,地区,领域\n"
        f"{CODE},中欧班列(沈阳)开行数量,万列,正向,沈阳,对外开放\n",
    )
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert (
        f"line 2, column 'unit', value '万列': {CODE} has 2 observation(s) stored in '列';"
        " changing the unit to '万列' would change what they mean"
    ) in result.stderr
    assert dump(db_url) == before


def test_the_outlier_check_compares_a_month_with_months_only(
    tracker: Invoke, tmp_path: Path
) -> None:
    tracker("record", CODE, "1000", "-p", "2024")
    monthly = write(tmp_path / "m.csv", f"indicator,kind,period,value\n{CODE},actual,2025-06,80\n")
    result = tracker("import", str(monthly))
    assert result.exit_code == 0, result.output
    assert "0 warning(s)" in result.stdout
    jump = write(tmp_path / "j.csv", f"indicator,kind,period,value\n{CODE},actual,2025-07,8000\n")
    refused = tracker("import", str(jump))
    assert (
        refused.exit_code == 1 and "a 100-fold change from the latest actual 80" in refused.stderr
    )


def test_a_refusal_for_outliers_lists_the_twenty_worst_and_the_count(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    tracker("record", CODE, "10", "-p", "2024-12")
    rows = "".join(f"{CODE},actual,2025-{m:02d},{10 ** (2 + m % 3) + m}\n" for m in range(1, 13))
    rows += "".join(f"{CODE},actual,2023-{m:02d},{-5000 - m}\n" for m in range(1, 13))
    path = write(tmp_path / "odd.csv", "indicator,kind,period,value\n" + rows)
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {path}: 24 suspicious value(s)")
    listed = [line for line in lines if line.startswith(f"  {path}: line ")]
    assert len(listed) == 20 and lines[-1] == "  ... and 4 more"
    # Worst first: the largest jumps, each value quoted with its sign.
    assert "value '10011': a 1001-fold change" in listed[0]
    assert any("value '-5012': a negative count (-5012 列)" in line for line in listed)
    assert not any("value '103'" in line for line in listed)  # a 10-fold one, not the worst
    assert dump(db_url) == before


def test_the_real_import_names_what_it_changed_field_by_field(
    tracker: Invoke, tmp_path: Path
) -> None:
    header = "indicator,kind,period,value,unit,comparator,source_doc,quote,note\n"
    tracker(
        "import", str(write(tmp_path / "a.csv", header + f"{CODE},actual,2025-06,620,,,,,旧\n"))
    )
    fixed = write(tmp_path / "b.csv", header + f"{CODE},actual,2025-06,630,,,,,新\n")
    result = tracker("import", str(fixed))
    assert result.exit_code == 0, result.output
    assert f"  changed: changed {CODE} actual 2025-06: 620 -> 630; note '旧' -> '新'" in (
        result.stdout
    )


def test_the_seed_figures_raise_no_warning_in_a_store_of_their_definitions(
    tracker: Invoke, tmp_path: Path
) -> None:
    figures, definitions = tmp_path / "obs.csv", tmp_path / "ind.csv"
    assert tracker("export", "observations", "-o", str(figures)).exit_code == 0
    assert tracker("export", "indicators", "-o", str(definitions)).exit_code == 0
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert tracker("init", "--reference-only", db=empty).exit_code == 0
    assert tracker("import", str(definitions), db=empty).exit_code == 0
    result = tracker("import", str(figures), "--dry-run", "--limit", "1", db=empty)
    assert result.exit_code == 0, result.output
    assert " 0 warning(s);" in result.stdout  # a growth rate of 153 % is no share above 100


@pytest.mark.parametrize(
    ("code", "value", "reason"),
    [
        (CODE, "-3", "a negative count (-3 列)"),
        (RIDERS, "120000000000000", "implausibly large (120000000000000 万人次)"),
    ],
)
def test_implausible_values_are_held_back(
    tracker: Invoke, db_url: str, tmp_path: Path, code: str, value: str, reason: str
) -> None:
    path = write(
        tmp_path / "odd.csv", f"indicator,kind,period,value\n{code},actual,2025-06,{value}\n"
    )
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert reason in result.stderr
    assert dump(db_url) == before


def test_a_csv_with_a_title_line_and_semicolons(tracker: Invoke, tmp_path: Path) -> None:
    path = write(
        tmp_path / "title.csv",
        "2025年6月沈阳重点指标调度表;;;\n填报单位：沈阳市发改委;;;\n"
        f"指标编码;类型;时期;数值\n{CODE};实际;2025年6月;620\n",
        encoding="gb18030",
    )
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert "(observations, gb18030): 1 rows read; new 1" in result.stdout
    assert "header on line 3; skipped line(s) 1, 2 above it" in result.stdout
    assert ("actual", "2025-06", "620") in history(tracker, CODE)


def test_a_wide_header_typed_as_a_month_date_is_that_month(tracker: Invoke, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["指标编码", datetime(2025, 5, 1), datetime(2025, 6, 1)])
    sheet["B1"].number_format = 'yyyy"年"m"月"'
    sheet["C1"].number_format = "yyyy-mm"
    sheet.append([CODE, 500, 620])
    path = save(book, tmp_path / "months.xlsx")
    result = tracker("import", str(path))
    assert result.exit_code == 0, result.output
    assert {("actual", "2025-05", "500"), ("actual", "2025-06", "620")} <= history(tracker, CODE)


def test_import_dash_reads_a_workbook_from_standard_input(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from tracker.cli.main import app

    book = Workbook()
    book.active.append(["指标编码", "2025年6月"])
    book.active.append([CODE, 620])
    path = save(book, tmp_path / "in.xlsx")
    result = CliRunner().invoke(app, ["import", "-", "--db", db_url], input=path.read_bytes())
    assert result.exit_code == 0, result.output
    assert ("actual", "2025-06", "620") in history(tracker, CODE)


def test_an_error_in_a_wide_table_names_the_sheets_column(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    book = Workbook()
    book.active.append(["指标编码", "2024年", "2025年6月"])
    book.active.append([CODE, 800, "六百"])
    path = save(book, tmp_path / "bad.xlsx")
    before = dump(db_url)
    result = tracker("import", str(path))
    assert result.exit_code == 1
    assert "line 2, column '2025年6月', value '六百':" in result.stderr
    assert dump(db_url) == before


def test_a_dry_run_into_a_closed_pipe_ends_quietly(
    tracker: Invoke, db_url: str, tmp_path: Path
) -> None:
    import subprocess
    import sys

    rows = "".join(
        f"{CODE},actual,{y}-{m:02d},600\n" for y in range(1950, 2200) for m in range(1, 13)
    )
    path = write(tmp_path / "big.csv", "indicator,kind,period,value\n" + rows)
    command = Path(sys.executable).parent / "tracker"
    done = subprocess.run(
        [
            "bash",
            "-c",
            f'"{command}" import "{path}" --dry-run --db "{db_url}" | head -c 10 >/dev/null;'
            ' exit "${PIPESTATUS[0]}"',
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # No traceback (the progress bar leaves a blank line on a stderr that is not a terminal).
    assert (done.returncode, done.stderr.strip()) == (0, "")
