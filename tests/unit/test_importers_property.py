"""No input file makes the importer crash: it is read or refused with a TrackerError, and a refused
file leaves the store exactly as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import dump
from tracker import services
from tracker.domain.models import Pillar, Region
from tracker.domain.vocab import Direction
from tracker.errors import TrackerError
from tracker.importers import layouts
from tracker.importers.indicators import parse_indicators
from tracker.importers.observations import IndicatorUnit, parse_observations
from tracker.importers.tables import read_table, unneutralize

CODES = ["SY-OPEN-CRE-TRAINS", "SYMC-PLAN-GDP-SHARE-LN", "SYMC-TRANS-SHENFU-LRT-RIDERSHIP"]
HOSTILE = st.sampled_from(
    [
        "\x00",
        "\x00\x00abc",
        "=1+2",
        "=cmd|' /C calc'!A0",
        "+SUM(A1)",
        "-2+3",
        "@SUM(A1)",
        "'; DROP TABLE observation; --",
        "1); DELETE FROM indicator; --",
        "1e400",
        "-1e400",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "9" * 40,
        "0." + "0" * 60 + "1",
        "１２３",
        "6.1万",
        "负0",
        "\r\n",
        "\r",
        '"',
        '""',
        "\t",
        "\ufeff",
        "\u202e",
        "𠀀" * 10,
        "x" * (1 << 20) + "y",
        "2025-02-30",
        "99999",
        "2025Q9",
        "",
        " ",
        "'",
        "''=x",
    ]
)
# Periods as people write them, and the ones refused (2025.1 is January or October).
PERIODS = [
    "2025",
    "2025-06",
    "2025年上半年",
    "2025Q2",
    "2025年第二季度",
    "2025年二季度",
    "2025H1",
    "2025年1-6月",
    "2024-01..2024-05",
    "2025 年 6 月",
    "2025.1",
    "2025年13月",
]
CELLS = st.one_of(HOSTILE, st.text(max_size=30), st.sampled_from(CODES), st.integers().map(str))
UNITS = {
    code: IndicatorUnit(unit, Direction.INCREASE)
    for code, unit in zip(CODES, ["列", "%", "万人次"], strict=True)
}
REGIONS = [Region(code="TL", name="铁岭", name_en="Tieling", level="city")]
PILLARS = [Pillar(code="transport", name="交通共联", name_en="Connected transport")]


def parse_anything(path: Path) -> None:
    """Read and parse a file both ways, and as the layouts find it (header under a title,
    totals and notes, a wide table); only TrackerError may come out."""
    try:
        table = read_table(path)
    except TrackerError:
        return
    parse_observations(table, indicators=UNITS, documents={"001_429e4e3d7d47d75c"})
    parse_indicators(table, regions=REGIONS, pillars=PILLARS)
    try:
        found = read_table(path, is_header=layouts.is_header)
        shape = layouts.shape_of(found)
    except TrackerError:
        return
    layout = layouts.Layout(shape, header_line=found.header_line)
    layouts.drop_non_data(found, layout)
    if shape == "wide":
        names = {"中欧班列(沈阳)开行数量": [CODES[0]], "重名": CODES[1:]}
        found, _ = layouts.widen_to_long(found, layout, names=names, source="f")
    else:
        layouts.prepare_long(found, layout)
    parse_observations(found, indicators=UNITS, documents={"001_429e4e3d7d47d75c"})


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_the_importer(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("bytes") / "f.csv"
    path.write_bytes(data)
    parse_anything(path)


@settings(max_examples=150, deadline=None)
@given(
    header=st.lists(
        st.sampled_from(
            [
                "indicator",
                "kind",
                "period",
                "value",
                "unit",
                "note",
                "指标编码",
                "类型",
                "时期",
                "数值",
                "code",
                "name",
                "direction",
                "region",
                "pillar",
            ]
        )
        | CELLS,
        min_size=1,
        max_size=8,
    ),
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=6),
)
def test_hostile_cells_never_crash_the_parsers(tmp_path_factory, header, rows) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("cells") / "f.csv"
    path.write_text(csv_text(header, rows), encoding="utf-8")
    parse_anything(path)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(CODES) | CELLS,
            st.sampled_from(["actual", "target", "实际"]) | CELLS,
            st.sampled_from(PERIODS) | CELLS,
            st.sampled_from(["620", "6.1万", "87.5%"]) | CELLS,
            CELLS,
        ),
        min_size=1,
        max_size=5,
    ),
    dry_run=st.booleans(),
)
def test_a_store_import_either_succeeds_or_changes_nothing(
    store: services.Store, db_url: str, tmp_path: Path, rows, dry_run: bool
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hostile.csv"
    path.write_text(
        csv_text(["indicator", "kind", "period", "value", "note"], [list(r) for r in rows]),
        encoding="utf-8",
    )
    before = dump(db_url)
    try:
        services.import_file(store, path, actor="tester", dry_run=dry_run)
    except TrackerError:
        assert dump(db_url) == before
        return
    if dry_run:
        assert dump(db_url) == before


@given(text=st.text(max_size=40))
def test_neutralising_then_reading_back_is_the_identity(text: str) -> None:
    assert unneutralize(services.neutralize(text)) == text
    assert not services.neutralize(text).startswith(services.FORMULA_START)


XLSX_CELLS = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.datetimes(),
    st.booleans(),
    # openpyxl refuses control characters in a cell; everything else may come in.
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    HOSTILE.filter(lambda s: not any(ord(c) < 32 for c in s) and len(s) < 32767),
)


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(st.lists(XLSX_CELLS, min_size=4, max_size=6), max_size=5),
    header=st.sampled_from(
        [["indicator", "kind", "period", "value"], ["指标编码", "类型", "时期", "数值", "单位"]]
    ),
)
def test_hostile_workbooks_never_crash_the_parsers(tmp_path_factory, rows, header) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    path = tmp_path_factory.mktemp("xlsx") / "f.xlsx"
    book.save(path)
    parse_anything(path)


def fits_a_cell(text: str) -> bool:
    """Whether openpyxl can write the text (no control characters, not too long)."""
    return not any(ord(c) < 32 for c in text) and len(text) < 32767


WIDE_HEADERS = st.sampled_from(
    [
        "序号",
        "指标编码",
        "指标名称",
        "单位",
        "备注",
        "2023年",
        "2024年(万人次)",
        "2025年目标",
        "基期（2020年）",
        "本期数值（2025年6月）",
        "2025Q2",
        "2025年1-6月",
        "数值（亿元）",
    ]
)
WIDE_CELLS = st.one_of(
    CELLS, st.sampled_from(["合计", "小计", "注：数据来源", "—", "中欧班列(沈阳)开行数量", "重名"])
)


@settings(max_examples=60, deadline=None)
@given(
    title=st.lists(CELLS, max_size=2),
    header=st.lists(WIDE_HEADERS | CELLS, min_size=1, max_size=7),
    rows=st.lists(st.lists(WIDE_CELLS, max_size=8), max_size=6),
    separator=st.sampled_from([",", ";", "\t"]),
)
def test_titles_wide_tables_and_odd_separators_never_crash(  # type: ignore[no-untyped-def]
    tmp_path_factory, title, header, rows, separator
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", delimiter=separator)
    for line in title:
        writer.writerow([line])
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("wide") / "f.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    parse_anything(path)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(
        st.tuples(
            (st.sampled_from(CODES) | WIDE_CELLS).filter(fits_a_cell),
            (st.sampled_from(["620", "6.1万", "87.5%", "−3", ""]) | CELLS).filter(fits_a_cell),
            st.sampled_from(["1", "2", "", "x"]),
        ),
        min_size=1,
        max_size=5,
    ),
    periods=st.lists(st.sampled_from(PERIODS[:10]), min_size=1, max_size=2, unique=True),
    number_format=st.sampled_from(["General", "0.0%", '0.0"%"', "yyyy-mm", "@"]),
    dry_run=st.booleans(),
)
def test_a_wide_workbook_import_either_succeeds_or_changes_nothing(
    store: services.Store,
    db_url: str,
    tmp_path: Path,
    rows,
    periods,
    number_format: str,
    dry_run: bool,
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2025年6月调度表"])
    sheet.append(["指标编码", *periods, "备注"])
    for code, value, note in rows:
        number: object = value
        try:
            number = float(value)
        except ValueError:
            pass
        sheet.append([code, *([number] * len(periods)), note])
        for column in range(2, 2 + len(periods)):
            sheet.cell(sheet.max_row, column).number_format = number_format
    path = tmp_path / "wide.xlsx"
    book.save(path)
    before = dump(db_url)
    try:
        services.import_file(store, path, actor="tester", dry_run=dry_run)
    except TrackerError:
        assert dump(db_url) == before
        return
    if dry_run:
        assert dump(db_url) == before
