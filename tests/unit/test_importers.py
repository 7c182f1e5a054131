"""Importers: files into typed rows and exact row errors; a refused file writes nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import dump
from tracker import services
from tracker.domain.models import Pillar, Region
from tracker.domain.vocab import Comparator, Direction, Frequency, Kind, Precision
from tracker.errors import ImportRefusedError, RowError, TrackerError
from tracker.importers.indicators import parse_indicators
from tracker.importers.observations import IndicatorUnit, parse_observations
from tracker.importers.tables import RawTable, read_csv_text, read_table, unneutralize

UNITS = {
    "SY-A": IndicatorUnit("个", Direction.INCREASE),
    "SY-B": IndicatorUnit("万个", Direction.INCREASE),
    "SY-C": IndicatorUnit("%", Direction.DECREASE),
    "SY-D": IndicatorUnit("人次", Direction.INCREASE),
}
DOCS = {"001_doc"}
REGIONS = [
    Region(code="LN", name="辽宁省", name_en="Liaoning Province", level="province"),
    Region(code="TL", name="铁岭", name_en="Tieling", parent_code="LN", level="city"),
]
PILLARS = [Pillar(code="transport", name="交通共联", name_en="Connected transport")]
OBS_CSV = "indicator,kind,period,value\nSY-A,actual,2025-06,5\nSY-B,target,2026,6.1万\n"


def observations(
    text: str, source: str = "f.csv"
) -> tuple[list[tuple[str, object]], list[RowError]]:
    parsed = parse_observations(
        read_csv_text(text, source), indicators=UNITS, documents=DOCS, source=source
    )
    return parsed.entries, parsed.errors  # type: ignore[return-value]


def one(text: str) -> object:
    entries, errors = observations(text)
    assert errors == []
    assert len(entries) == 1
    return entries[0][1]


# -- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "found"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")],
)
def test_each_encoding_is_recognised_without_being_told(
    tmp_path: Path, encoding: str, found: str
) -> None:
    text = "指标编码,类型,时期,数值,备注\nSY-A,实际,2025年6月,5,铁岭市统计局\n"
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.encoding == found
    assert table.header == ["指标编码", "类型", "时期", "数值", "备注"]
    assert [(line, list(cells)) for line, cells in table.rows] == [
        (2, ["SY-A", "实际", "2025年6月", "5", "铁岭市统计局"])
    ]


def test_a_bom_is_dropped_from_the_header_even_when_the_encoding_is_given(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(OBS_CSV.encode("utf-8-sig"))
    assert read_table(path, encoding="utf-8").header[0] == "indicator"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"indicator,kind\nSY-A,\x81\x30\xff\xff\n",
            "line 2: byte 20 is neither UTF-8 nor GB18030",
        ),
        ("indicator\n".encode("utf-16"), "line 1: the file is UTF-16"),
        (b"indicator,kind\nSY-A,a\x00b\n", "line 2: contains a NUL byte"),
        (b"", "the file is empty"),
        (b'indicator,note\nSY-A,"never closed\nSY-B,x\n', "line 2: unexpected end of data"),
        (b'indicator,note\nSY-A,"q"x\n', "line 2: ',' expected after"),
    ],
)
def test_files_that_are_not_readable_text_are_refused(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    with pytest.raises(TrackerError, match=message):
        read_table(path)


def test_a_wrong_encoding_given_is_reported_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("indicator,note\nSY-A,备注\n".encode("gb18030"))
    with pytest.raises(TrackerError, match=r"line 2: cannot be read as utf-8"):
        read_table(path, encoding="utf-8")


# -- header language --------------------------------------------------------------------------


def test_english_and_chinese_observation_headers_read_the_same() -> None:
    english = one(
        "indicator,kind,period,value,unit,comparator,source_doc,quote,note\n"
        "SY-C,target,2025,5,%,<=,001_doc,原文,备注\n"
    )
    chinese = one(
        "指标编码,类型,时期,数值,单位,比较符,来源文件,原文,备注\n"
        "SY-C,目标值,2025年,5%,%,不超过,001_doc,原文,备注\n"
    )
    assert english == chinese
    assert english.comparator is Comparator.LE  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("基期", Kind.BASELINE),
        ("基准值", Kind.BASELINE),
        ("目标", Kind.TARGET),
        ("实际", Kind.ACTUAL),
        ("完成值", Kind.ACTUAL),
        ("Actual", Kind.ACTUAL),
    ],
)
def test_kinds_in_either_language(word: str, kind: Kind) -> None:
    assert one(f"indicator,kind,period,value\nSY-A,{word},2025,5\n").kind is kind  # type: ignore[attr-defined]


def test_chinese_indicator_headers_and_words() -> None:
    table = read_csv_text(
        "指标编码,指标名称,英文名称,单位,方向,地区,领域,牵头单位,责任单位,频率,说明\n"
        "tl-bus,铁沈公交线路,Bus lines,条,逆向,铁岭市,Connected transport,"
        "甲局、乙局,丙局;丁局,季度,说明\n",
        "defs.csv",
    )
    parsed = parse_indicators(table, regions=REGIONS, pillars=PILLARS)
    assert parsed.errors == []
    (spec,) = parsed.specs
    assert (spec.code, spec.name, spec.name_en, spec.unit) == (
        "TL-BUS",
        "铁沈公交线路",
        "Bus lines",
        "条",
    )
    assert (spec.direction, spec.frequency) == (Direction.DECREASE, Frequency.QUARTERLY)
    assert (spec.region_code, spec.pillar_code) == ("TL", "transport")
    assert (spec.lead, spec.responsible) == (("甲局", "乙局"), ("丙局", "丁局"))


# -- value forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "value", "unit", "stored"),
    [
        ("SY-A", "5", "", "5"),
        ("SY-A", "１，６１３", "", "1613"),
        ("SY-A", "1,613", "", "1613"),
        ("SY-A", "6.1万", "", "61000"),
        ("SY-B", "6.1万", "", "6.1"),
        ("SY-B", "6.1", "", "6.1"),
        ("SY-B", "61000", "个", "6.1"),  # the row's unit column converts
        ("SY-D", "3.1", "万人次", "31000"),
        ("SY-D", "2.5亿", "", "250000000"),
        ("SY-D", "1.2万亿", "", "1200000000000"),
        ("SY-A", "负3", "", "-3"),
        ("SY-A", "-3", "", "-3"),
        ("SY-C", "87.5%", "", "87.5"),
        ("SY-C", "８７．５％", "%", "87.5"),
        ("SY-A", "'-3", "", "-3"),  # an exported, neutralised cell reads back
    ],
)
def test_value_forms(code: str, value: str, unit: str, stored: str) -> None:
    entry = one(f"indicator,kind,period,value,unit\n{code},actual,2025,{_cell(value)},{unit}\n")
    assert entry.value == Decimal(stored)  # type: ignore[attr-defined]


def _cell(text: str) -> str:
    return f'"{text}"' if "," in text else text


# -- period forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "text", "precision"),
    [
        ("2025", "2025", Precision.YEAR),
        ("2025-06", "2025-06", Precision.MONTH),
        ("2025/6/30", "2025-06-30", Precision.DAY),
        ("2025年6月", "2025-06", Precision.MONTH),
        ("2025年上半年", "2025H1", Precision.HALF),
        ("2025Q2", "2025Q2", Precision.QUARTER),
        ("２０２５年第三季度", "2025Q3", Precision.QUARTER),
        ("2025年1-6月", "2025-01..2025-06", Precision.RANGE),
        ("2024-01..2024-05", "2024-01..2024-05", Precision.RANGE),
    ],
)
def test_period_forms(written: str, text: str, precision: Precision) -> None:
    entry = one(f"indicator,kind,period,value\nSY-A,actual,{written},5\n")
    assert (entry.period.text, entry.period.precision) == (text, precision)  # type: ignore[attr-defined]


def test_xlsx_cells_keep_their_types(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["指标编码", "类型", "时期", "数值", "备注"])
    sheet.append(["SY-A", "实际", datetime(2025, 6, 30), 21, "'=SUM(A1)"])
    sheet.append(["SY-A", "实际", 2024, 19.5, None])
    sheet.append([None, None, None, None, None])
    sheet.append(["SY-A", "目标", date(2025, 12, 31), "30", "全年"])
    book.save(tmp_path / "f.xlsx")
    table = read_table(tmp_path / "f.xlsx")
    assert table.encoding == "xlsx"
    assert [line for line, _ in table.rows] == [2, 3, 5]  # the sheet's own row numbers
    parsed = parse_observations(table, indicators=UNITS, documents=DOCS)
    assert parsed.errors == []
    got = [(e.period.text, e.value, e.note) for _, e in parsed.entries]
    assert got == [
        ("2025-06-30", Decimal(21), "=SUM(A1)"),
        ("2024", Decimal("19.5"), ""),
        ("2025-12-31", Decimal(30), "全年"),
    ]


def test_a_workbook_number_with_decimals_is_not_guessed_as_a_period(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["indicator", "kind", "period", "value"])
    book.active.append(["SY-A", "actual", 2025.1, 5])
    book.save(tmp_path / "f.xlsx")
    parsed = parse_observations(read_table(tmp_path / "f.xlsx"), indicators=UNITS, documents=DOCS)
    assert parsed.errors == [
        RowError(2, "period", "2025.1", "a number with decimals is ambiguous; write e.g. 2025-10")
    ]


# -- every error kind, with the exact rows ----------------------------------------------------

BAD_OBSERVATIONS = (
    "indicator,kind,period,value,unit,comparator,source_doc,quote,note\n"
    "SY-A,actual,2025,5,,,,,\n"  # 2: fine
    ",actual,2025,5,,,,,\n"  # 3
    "SY-Z,actual,2025,5,,,,,\n"  # 4
    "SY-A,sometimes,2025,5,,,,,\n"  # 5
    "SY-A,actual,2025-13,5,,,,,\n"  # 6
    "SY-A,target,2026,5,,about,,,\n"  # 7
    "SY-A,actual,,5,,,,,\n"  # 8
    "SY-A,actual,2027,lots,,,,,\n"  # 9
    "SY-A,actual,2028,5%,,,,,\n"  # 10
    "SY-A,actual,2029,5,公里,,,,\n"  # 11
    "SY-A,actual,2030,5,,,no_such_doc,,\n"  # 12
    f"SY-A,actual,2031,5,,,,{'长' * 4001},\n"  # 13
    "SY-A,actual,2025,6,,,,,\n"  # 14: repeats line 2
)


def test_every_observation_error_kind_is_reported_with_its_row() -> None:
    entries, errors = observations(BAD_OBSERVATIONS)
    assert [code for code, _ in entries] == ["SY-A"]
    assert errors == [
        RowError(3, "indicator", "", "an indicator code is required"),
        RowError(
            4,
            "indicator",
            "SY-Z",
            "unknown indicator code; add it first (tracker indicator add or an indicators file)",
        ),
        RowError(5, "kind", "sometimes", "expected baseline, target or actual (基期, 目标, 实际)"),
        RowError(6, "period", "2025-13", "'2025-13': month 13 is not 1-12"),
        RowError(
            7,
            "comparator",
            "about",
            "expected =, >, >=, <, <= or ~ (超过, 以上, 不低于, 低于, 不超过, 约, ...)",
        ),
        RowError(
            8,
            "period",
            "",
            "only a target may have no period (an open commitment, with no deadline)",
        ),
        RowError(
            9, "value", "lots", "'lots' is not a number (expected e.g. 87.5, 1,613, 6.1万, 87.5%)"
        ),
        RowError(10, "value", "5%", "'5%' is a percentage but the unit is 个"),
        RowError(
            11, "unit", "公里", "unit '公里' cannot be converted into the indicator's unit '个'"
        ),
        RowError(12, "source_doc", "no_such_doc", "unknown source document id"),
        RowError(13, "quote", "长" * 4001, "at most 4000 characters"),
        RowError(14, "period", "2025", "repeats line 2 (same indicator, kind and period)"),
    ]


def test_header_errors_are_reported_on_line_1() -> None:
    _, errors = observations("indicator,kind,kind,value,colour\nSY-A,actual,actual,5,red\n")
    assert errors == [
        RowError(1, "kind", "kind", "column 'kind' appears twice"),
        RowError(
            1,
            "colour",
            "colour",
            "unknown column; expected one of comparator, deadline_basis, indicator,"
            " kind, name, note, period, pillar, programme, quarantine, quote, region,"
            " relative_to, source, source_doc, unit, value",
        ),
        RowError(1, "period", "", "required column 'period' is missing"),
    ]


def test_every_indicator_error_kind_is_reported_with_its_row() -> None:
    table = read_csv_text(
        "code,name,direction,region,pillar,frequency,unit\n"
        "TL-A,甲,increase,铁岭,交通共联,annual,个\n"  # 2: fine
        "tl a!,乙,increase,铁岭,交通共联,annual,个\n"  # 3
        "TL-A,丙,increase,铁岭,交通共联,annual,个\n"  # 4: repeats line 2
        "TL-C,,increase,铁岭,交通共联,annual,个\n"  # 5
        "TL-D,丁,sideways,铁岭,交通共联,annual,个\n"  # 6
        "TL-E,戊,increase,火星,交通共联,annual,个\n"  # 7
        "TL-F,己,increase,铁岭,nowhere,annual,个\n"  # 8
        "TL-G,庚,increase,铁岭,交通共联,hourly,个\n"  # 9
        f"TL-H,辛,increase,铁岭,交通共联,annual,{'个' * 41}\n",  # 10
        "defs.csv",
    )
    parsed = parse_indicators(table, regions=REGIONS, pillars=PILLARS)
    assert [s.code for s in parsed.specs] == ["TL-A"]
    assert parsed.errors == [
        RowError(
            3,
            "code",
            "tl a!",
            "expected letters, digits and hyphens, e.g. SYMC-ECO-GOOD-AIR-DAYS (at most 40)",
        ),
        RowError(4, "code", "TL-A", "repeats line 2"),
        RowError(5, "name", "", "a Chinese name is required"),
        RowError(
            6,
            "direction",
            "sideways",
            "expected increase, decrease or milestone (正向, 逆向, 里程碑)",
        ),
        RowError(7, "region", "火星", "no region named '火星'"),
        RowError(8, "pillar", "nowhere", "no pillar named 'nowhere'"),
        RowError(9, "frequency", "hourly", "expected monthly, quarterly, annual or once"),
        RowError(10, "unit", "个" * 41, "at most 40 characters"),
    ]


def test_a_refused_import_reports_the_rows_and_writes_nothing(
    store: services.Store, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator,kind,period,value\n"
        "SY-OPEN-CRE-TRAINS,actual,2025-06,620\n"
        "SY-OPEN-CRE-TRAINS,actual,2025-07,七百\n"
        "SY-NOPE,actual,2025-07,700\n",
        encoding="utf-8",
    )
    before = dump(db_url)
    with pytest.raises(ImportRefusedError) as refused:
        services.import_file(store, path, actor="tester")
    assert [(e.line, e.column, e.value) for e in refused.value.errors] == [
        (3, "value", "七百"),
        (4, "indicator", "SY-NOPE"),
    ]
    assert refused.value.total == 2
    assert dump(db_url) == before


def test_a_refused_indicators_file_writes_nothing(
    store: services.Store, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "defs.csv"
    path.write_text(
        "code,name,direction,region,pillar\nTL-NEW,新,increase,铁岭,交通共联\n"
        "TL-BAD,坏,increase,火星,交通共联\n",
        encoding="utf-8",
    )
    before = dump(db_url)
    with pytest.raises(ImportRefusedError) as refused:
        services.import_file(store, path, actor="tester")
    assert [(e.line, e.column) for e in refused.value.errors] == [(3, "region")]
    assert dump(db_url) == before


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'+1", "+1"),
        ("'-2", "-2"),
        ("'@x", "@x"),
        ("''a", "'a"),
        ("'\tx", "\tx"),
        ("'abc", "'abc"),
        ("=raw", "=raw"),
        ("", ""),
    ],
)
def test_unneutralize(cell: str, read: str) -> None:
    assert unneutralize(cell) == read


def test_multi_line_cells_keep_the_line_they_start_on() -> None:
    table = read_csv_text('indicator,note\nSY-A,"one\ntwo"\nSY-B,x\n', "f.csv")
    assert [line for line, _ in table.rows] == [2, 4]


def test_rows_short_of_cells_are_read_as_blank() -> None:
    table: RawTable = read_csv_text("indicator,kind,period,value,note\nSY-A,actual,2025,5\n", "f")
    parsed = parse_observations(table, indicators=UNITS, documents=DOCS)
    assert parsed.errors == [] and parsed.entries[0][1].note == ""
