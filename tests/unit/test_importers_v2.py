"""The seed format v2 columns as a user imports them: programmes, bounds on any kind, open
commitments, deadline bases, targets relative to another series, quarantine, measures, and
the programmes and milestones files; each problem named by line and column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.models import Pillar, Region
from tracker.domain.periods import OPEN
from tracker.domain.vocab import (
    Comparator,
    DeadlineBasis,
    Direction,
    Measure,
    MilestoneState,
    Precision,
)
from tracker.errors import ImportRefusedError, RowError
from tracker.importers.indicators import parse_indicators
from tracker.importers.milestones import parse_milestones
from tracker.importers.observations import IndicatorUnit, parse_observations
from tracker.importers.reference import parse_programmes
from tracker.importers.tables import read_csv_text

UNITS = {
    "SY-A": IndicatorUnit("个", Direction.INCREASE),
    "SY-GDP": IndicatorUnit("%", Direction.INCREASE),
    "LN-GDP": IndicatorUnit("%", Direction.INCREASE),
}
DOCS = {"001_doc"}
PROGRAMMES = {"P2025"}
HEADER = "indicator,kind,period,value,comparator,programme,deadline_basis,relative_to,quarantine\n"


def parse(text: str) -> tuple[list[tuple[str, object]], list[RowError]]:
    parsed = parse_observations(
        read_csv_text(text, "o.csv"), indicators=UNITS, documents=DOCS, programmes=PROGRAMMES
    )
    return parsed.entries, parsed.errors  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("kind", "written", "comparator"),
    [
        ("actual", "余", Comparator.GT),
        ("actual", "超过", Comparator.GT),
        ("actual", ">", Comparator.GT),
        ("actual", "以上", Comparator.GE),
        ("baseline", "近", Comparator.APPROX),
        ("actual", "约", Comparator.APPROX),
        ("actual", "~", Comparator.APPROX),
        ("target", "突破", Comparator.GT),
        ("target", "<", Comparator.LT),
        ("actual", "", None),
    ],
)
def test_every_kind_carries_a_bound(kind: str, written: str, comparator: Comparator) -> None:
    [(_, entry)], errors = parse(HEADER + f"SY-A,{kind},2024,1000,{written},,,,\n")
    assert errors == []
    assert entry.comparator == (comparator or (Comparator.GE if kind == "target" else None))  # type: ignore[attr-defined]


def test_the_new_columns_are_read_into_the_entry() -> None:
    entries, errors = parse(
        HEADER + "SY-A,target,2025,9,,P2025,plan_end,,\n"
        "SY-A,target,,12,,P2025,,,\n"
        "SY-GDP,target,2025,,,P2025,stated,LN-GDP,\n"
        "SY-A,actual,2024-01..2024-05,106031,,,,,一个城市五个月逾十万笔:数量级存疑\n"
    )
    assert errors == []
    [plan_end, open_one, relative, held] = [e for _, e in entries]
    assert (plan_end.programme, plan_end.deadline_basis) == ("P2025", DeadlineBasis.PLAN_END)  # type: ignore[attr-defined]
    assert open_one.period is OPEN and open_one.deadline_basis is None  # type: ignore[attr-defined]
    assert (relative.relative_to, relative.value) == ("LN-GDP", None)  # type: ignore[attr-defined]
    assert held.period.precision is Precision.RANGE  # type: ignore[attr-defined]
    assert held.quarantine == "一个城市五个月逾十万笔:数量级存疑"  # type: ignore[attr-defined]
    assert held.value == Decimal(106031)  # type: ignore[attr-defined]


def test_chinese_column_names_are_read() -> None:
    [(_, entry)], errors = parse(
        "指标编码,类型,时期,数值,比较符,所属规划,期限依据,参照指标,待核原因\n"
        "SY-A,目标,2025年上半年,9,不低于,P2025,假定,,\n"
    )
    assert errors == []
    assert (entry.period.text, entry.deadline_basis) == ("2025H1", DeadlineBasis.ASSUMED)  # type: ignore[attr-defined]


def test_every_new_column_error_is_reported_with_its_row() -> None:
    _, errors = parse(
        HEADER + "SY-A,target,2025,9,,NOPE,,,\n"  # 2
        "SY-A,target,2026,9,,,someday,,\n"  # 3
        "SY-A,actual,2026,9,,,stated,,\n"  # 4
        "SY-A,target,,9,,,plan_end,,\n"  # 5
        "SY-A,actual,2027,,,,,LN-GDP,\n"  # 6
        "SY-A,target,2027,,,,,SY-ZZ,\n"  # 7
        "SY-A,target,2028,5,,,,LN-GDP,\n"  # 8
        "SY-A,baseline,,5,,,,,\n"  # 9
        "SY-A,target,2029,,,,,,\n"  # 10
    )
    assert [(e.line, e.column, e.message) for e in errors] == [
        (2, "programme", "unknown programme code; add it to programmes.csv first"),
        (3, "deadline_basis", "expected stated, plan_end or assumed"),
        (4, "deadline_basis", "only a target has a deadline basis"),
        (5, "deadline_basis", "a target with no period has no deadline"),
        (6, "relative_to", "only a target is defined against another series"),
        (7, "relative_to", "unknown indicator code"),
        (8, "value", "a target relative to another series has no value"),
        (9, "period", "only a target may have no period (an open commitment, with no deadline)"),
        (10, "value", "a number is required"),
    ]


def test_an_indicator_names_its_measure() -> None:
    table = read_csv_text(
        "code,name,direction,region,pillar,measure\n"
        "TL-A,甲,increase,铁岭,交通共联,\n"
        "TL-B,乙,increase,铁岭,交通共联,增速\n"
        "TL-C,丙,decrease,铁岭,交通共联,rank\n"
        "TL-D,丁,increase,铁岭,交通共联,speed\n",
        "defs.csv",
    )
    regions = [Region(code="TL", name="铁岭", name_en="Tieling", level="city")]
    pillars = [Pillar(code="transport", name="交通共联", name_en="Transport")]
    parsed = parse_indicators(table, regions=regions, pillars=pillars)
    assert [s.measure for s in parsed.specs] == [Measure.LEVEL, Measure.RATE, Measure.RANK]
    assert [(e.line, e.column) for e in parsed.errors] == [(5, "measure")]


def test_programmes_are_read_with_their_spans() -> None:
    table = read_csv_text(
        "code,name,name_en,document,start,end\n"
        "SYEZ-2016,沈阳经济区工作方案,Work plan,001_doc,2016,2018\n"
        "TL-2021,铁岭实施意见,,,2021-06,2035年\n"
        "OPEN,长期,,,2024,\n",
        "programmes.csv",
    )
    found = parse_programmes(table, documents=DOCS)
    assert [(p.code, p.start_period, p.end_period, p.document) for p in found] == [
        ("SYEZ-2016", "2016", "2018", "001_doc"),
        ("TL-2021", "2021-06", "2035", None),
        ("OPEN", "2024", "", None),
    ]


def test_a_bad_programmes_file_names_line_and_column() -> None:
    table = read_csv_text(
        "code,name,name_en,document,start,end\n"
        "A,甲,,no_doc,2016,2018\n"
        "B,,,,2016,sometime\n"
        "A,丙,,,2020,2019\n",
        "programmes.csv",
    )
    with pytest.raises(ImportRefusedError) as caught:
        parse_programmes(table, documents=DOCS)
    assert [(e.line, e.column) for e in caught.value.errors] == [
        (2, "document"),
        (3, "name"),
        (3, "end"),
        (4, "code"),
        (4, "end"),
    ]


def test_milestones_are_read_and_refused_by_row() -> None:
    table = read_csv_text(
        "indicator,deliverable,state,period,source_doc,quote,note\n"
        "TL-AIR,西丰通用机场,开工,2023,001_doc,西丰通用机场开工,\n"  # 2
        "TL-AIR,昌图通用机场,planned,,,,\n"  # 3
        "TL-AIR,调兵山通用机场,建成,,,,\n"  # 4: a completed one needs a date
        "TL-AIR,西丰通用机场,demolished,2024,,,\n"  # 5
        "SY-A,某项目,completed,2024,,,\n"  # 6: not a milestone indicator
        "TL-AIR,西丰通用机场,开工,2023,001_doc,另一句,\n",  # 7: repeats line 2
        "milestones.csv",
    )
    parsed = parse_milestones(
        table,
        indicators={"TL-AIR": Direction.MILESTONE, "SY-A": Direction.INCREASE},
        documents=DOCS,
    )
    assert [(e.deliverable, e.state, e.period.text) for e in parsed.entries] == [
        ("西丰通用机场", MilestoneState.STARTED, "2023"),
        ("昌图通用机场", MilestoneState.PLANNED, ""),
    ]
    assert [(e.line, e.column) for e in parsed.errors] == [
        (4, "period"),
        (5, "state"),
        (6, "indicator"),
        (7, "state"),
    ]
