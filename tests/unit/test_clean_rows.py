"""The quick way through clean rows gives exactly what the full row check gives, on any file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.numbers import parse_value
from tracker.domain.vocab import Direction
from tracker.errors import ValidationError
from tracker.importers import observations
from tracker.importers.clean_chunks import read_chunk
from tracker.importers.clean_rows import quick_value
from tracker.importers.observations import CleanRows, IndicatorUnit, parse_observations
from tracker.importers.tables import ExactText, RawTable

INDICATORS = {
    "A-1": IndicatorUnit("万人次", Direction.INCREASE),
    "B-2": IndicatorUnit("%", Direction.DECREASE),
    "C-3": IndicatorUnit("", Direction.MILESTONE),
}
DOCUMENTS = {"doc1", "doc2"}
# Valid and invalid forms of every column, as people and spreadsheets write them.
CELLS = {
    "indicator": ["A-1", " a-1 ", "B-2", "C-3", "Ｂ-2", "", "X-9", Decimal(1)],
    "kind": ["actual", "ACTUAL", "实际", "target", "目标", "baseline", "基期", "", "forecast"],
    "period": [
        "2025",
        "2025-06",
        "2025年6月",
        "2025Q2",
        "2025年上半年",
        "2025/6/30",
        "",
        "June",
        "2025-13",
        Decimal("2025"),
        Decimal("2025.1"),
        date(2025, 6, 30),
    ],
    "value": [
        "1",
        "1.50",
        "-3",
        "1,613",
        "6.1万",
        "87.5%",
        "１２．５",
        "",
        "abc",
        "1e5",
        "5公里",
        Decimal("2.5"),
        "1,2345",
        "99999999999999999999",
        "1,234.50",
        "0.5",
        "-0",
        "007",
        "-1,234,567.89",
        "12.5%",
        "1,23",
    ],
    "unit": ["", "人次", "万人次", "%", "公里", " 万人次 "],
    "comparator": ["", ">=", "不低于", "<=", "≤", "about", " = "],
    "source_doc": ["", "doc1", " doc2 ", "doc9"],
    "quote": ["", "原文", "  spaced  ", "x" * 4001, ExactText("  spaced  "), ExactText("=A1")],
    "note": ["", "月报", " note ", ExactText(" note ")],
    "source": ["", "s.csv", " 来源 "],
}
HEADERS = [
    ["indicator", "kind", "period", "value"],
    ["indicator", "kind", "period", "value", "unit", "comparator", "source_doc", "quote", "note"],
    ["note", "value", "period", "kind", "indicator", "source", "unit"],
    ["指标编码", "类型", "时期", "数值", "单位", "比较符", "来源文件", "原文", "备注", "来源"],
]
ALIAS = {
    "指标编码": "indicator",
    "类型": "kind",
    "时期": "period",
    "数值": "value",
    "单位": "unit",
    "比较符": "comparator",
    "来源文件": "source_doc",
    "原文": "quote",
    "备注": "note",
    "来源": "source",
}


@st.composite
def tables(draw: st.DrawFn) -> RawTable:
    """A table of random rows, some clean, some not, some short, some repeating."""
    header = draw(st.sampled_from(HEADERS))
    rows = []
    for line in range(2, 2 + draw(st.integers(1, 25))):
        cells: list[object] = [draw(st.sampled_from(CELLS[ALIAS.get(h, h)])) for h in header]
        if draw(st.integers(0, 9)) == 0:
            cells = cells[: draw(st.integers(0, len(cells)))]
        rows.append((line, cells))
    if len(rows) > 2 and draw(st.booleans()):
        rows.append((rows[-1][0] + 1, list(rows[0][1])))  # a repeated figure
    # As a CSV reader marks it: only a file with protected text may hold any.
    protected = any(type(c) is ExactText for _, cells in rows for c in cells)
    return RawTable("t.csv", header, rows, "utf-8", protected=protected)


def parsed(table: RawTable) -> tuple[object, object]:
    """Entries (with their lines and their values as stored: 1.5 and 1.50 are equal Decimals)
    and errors, comparable."""
    result = parse_observations(table, indicators=INDICATORS, documents=DOCUMENTS, source="f.csv")
    return [
        (c, e, e.line, None if e.value is None else format(e.value, "f")) for c, e in result.entries
    ], result.errors


@settings(max_examples=300, deadline=None)
@given(tables())
def test_the_quick_way_changes_no_entry_and_no_error(table: RawTable) -> None:
    quick = parsed(table)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(observations.CleanRows, "read", lambda self, line, cells: None)
        full = parsed(table)
    assert quick == full


# Messy numbers: digits with separators in and out of place, signs, points, percent and
# magnitude signs, full-width forms and spaces.
MESSY = (
    st.text(alphabet="0123456789,.-+%万 ０１，．－e", max_size=30)
    | st.from_regex(r"-?[0-9]{1,3}(,[0-9]{3}){0,8}(\.[0-9]{0,4})?%?", fullmatch=True)
    | st.from_regex(r"-?[0-9]{15,24}(\.[0-9]{1,8})?", fullmatch=True)  # near the limits
)


@settings(max_examples=2000, deadline=None)
@given(MESSY, st.sampled_from(["", "%", "万人次", "人次", "亿元"]))
def test_a_plain_number_reads_as_parse_value_reads_it(text: str, unit: str) -> None:
    quick = quick_value(text, unit)
    if quick is None:
        return  # left to parse_value
    try:
        full = parse_value(text, unit)
    except ValidationError as exc:
        raise AssertionError(f"{text!r} in {unit!r}: read as {quick}, refused: {exc}") from None
    assert format(quick, "f") == format(full, "f")


def test_clean_rows_take_the_quick_way() -> None:
    header = ["indicator", "kind", "period", "value", "unit", "comparator", "note"]
    positions = {name: i for i, name in enumerate(header)}
    clean = CleanRows(positions, INDICATORS, DOCUMENTS, "f.csv")
    entry = clean.parse(3, ["a-1", "target", "2025年6月", "6.1万", "人次", "不低于", "月报"])
    assert entry is not None
    (code, _, _), obs = entry
    assert obs is not None
    assert (code, obs.value, obs.period.text, obs.comparator, obs.note, obs.source, obs.line) == (
        "A-1",
        Decimal("6.1"),
        "2025-06",
        ">=",
        "月报",
        "f.csv",
        3,
    )
    # A bound on an actual ("1000余", "80%以上") is kept as written (issue 12).
    bounded = clean.parse(4, ["A-1", "actual", "2025", "1", "", "余", ""])
    assert bounded is not None and bounded[1] is not None and bounded[1].comparator == ">"
    assert clean.parse(5, ["A-1", "actual", "2025", "1", "", "大约", ""]) is None


# What a stored row holds after its note: programme, deadline basis, relative_to, quarantine.
NO_EXTRA = (None, None, None, None)

# The same indicators with the ids that key what is stored.
KEYED = {
    code: IndicatorUnit(u.unit, u.direction, number)
    for number, (code, u) in enumerate(INDICATORS.items(), start=1)
}


def stored_as(
    entry: observations.ObservationCreate, code: str
) -> tuple[tuple[int, str, str], tuple[object, ...]]:
    """How `entry` reads back from a SQLite store: its key and stored columns."""
    comparator = entry.comparator.value if entry.comparator else None
    value = format(entry.value, "f")
    return (KEYED[code].id, entry.kind.value, entry.period.text), (
        0,
        value,
        comparator,
        entry.source_doc,
        entry.quote,
        entry.note,
        entry.programme,
        entry.deadline_basis,
        entry.relative_to,
        entry.quarantine,
    )


@settings(max_examples=300, deadline=None)
@given(tables(), st.data())
def test_rows_counted_unchanged_say_exactly_what_is_stored(
    table: RawTable, data: st.DataObject
) -> None:
    everything = parse_observations(table, indicators=KEYED, documents=DOCUMENTS, source="f.csv")
    stored: dict[tuple[int, str, str], tuple[object, ...]] = {}
    for code, entry in everything.entries:
        key, columns = stored_as(entry, code)
        change = data.draw(
            st.sampled_from(["same", "same", "value", "quote", "comparator", "absent"])
        )
        if change == "value":
            columns = (0, "7", *columns[2:]) if columns[1] != "7" else (0, "8", *columns[2:])
        elif change == "quote":
            columns = (*columns[:4], columns[4] + "改", *columns[5:])
        elif change == "comparator":
            columns = (*columns[:2], "=" if columns[2] != "=" else ">=", *columns[3:])
        if change != "absent":
            stored[key] = columns
    against = parse_observations(
        table, indicators=KEYED, documents=DOCUMENTS, source="f.csv", stored=stored
    )
    assert against.errors == everything.errors
    kept = {(c, e.kind, e.period.text): e for c, e in against.entries}
    assert len(kept) + against.unchanged == len(everything.entries)
    for code, entry in everything.entries:
        key = (code, entry.kind, entry.period.text)
        if key in kept:
            assert kept[key] == entry
        else:  # counted unchanged: it is what is stored, to the last column
            assert stored_as(entry, code) in stored.items()


def test_a_row_repeating_the_store_is_counted_and_its_changes_are_not() -> None:
    header = ["indicator", "kind", "period", "value", "unit", "comparator", "quote"]
    stored = {
        (1, "actual", "2025-06"): (9, "1613", None, None, "原文", "", *NO_EXTRA),
        (1, "target", "2025"): (10, "2000", ">=", None, "", "", *NO_EXTRA),
    }
    rows = [
        (2, ["A-1", "actual", "2025-06", "1613", "", "", "原文"]),  # the same
        (3, ["A-1", "target", "2025", "2000", "", "", ""]),  # the direction's comparator
        (4, ["A-1", "actual", "2025-06", "1613", "", "", "原文"]),  # repeats line 2
    ]
    result = parse_observations(
        RawTable("t.csv", header, rows, "utf-8"),
        indicators=KEYED,
        documents=DOCUMENTS,
        stored=stored,
    )
    assert (result.unchanged, result.entries) == (2, [])
    assert [(e.line, e.column) for e in result.errors] == [(4, "period")]
    changed = [
        (2, ["A-1", "actual", "2025-06", "1613", "", "", "另一句"]),  # another quote
        (3, ["A-1", "target", "2025", "2000", "", "<=", ""]),  # another comparator
        (4, ["A-1", "actual", "2025-07", "1613", "", "", ""]),  # nothing stored for it
        (5, ["A-1", "baseline", "2025-06", "1613", "", "", "原文"]),  # another kind
    ]
    result = parse_observations(
        RawTable("t.csv", header, changed, "utf-8"),
        indicators=KEYED,
        documents=DOCUMENTS,
        stored=stored,
    )
    assert result.unchanged == 0 and [e.line for _, e in result.entries] == [2, 3, 4, 5]
    # In another unit the same digits are another value: 1613 人次 is 0.1613 万人次.
    other = {(1, "actual", "2025"): (9, "1613", None, None, "", "", *NO_EXTRA)}
    row = [(2, ["A-1", "actual", "2025", "1613", "人次", "", ""])]
    result = parse_observations(
        RawTable("t.csv", header, row, "utf-8"),
        indicators=KEYED,
        documents=DOCUMENTS,
        stored=other,
    )
    assert result.unchanged == 0 and [e.value for _, e in result.entries] == [Decimal("0.1613")]


def test_the_stored_number_written_another_way_is_unchanged() -> None:
    header = ["indicator", "kind", "period", "value", "unit"]
    stored = {(1, "actual", "2025"): (9, "1613", None, None, "", "", *NO_EXTRA)}
    rows = [
        (2, ["A-1", "actual", "2025", "1,613", ""]),
        (3, ["A-1", "actual", "2025", "16130000", "人次"]),  # the same, in another unit
        (4, ["A-1", "actual", "2025", "1613.0", "万人次"]),
        (5, ["A-1", "actual", "2025", "1,614", ""]),  # another number
    ]
    for line, cells in rows:
        result = parse_observations(
            RawTable("t.csv", header, [(line, cells)], "utf-8"),
            indicators=KEYED,
            documents=DOCUMENTS,
            stored=stored,
        )
        assert not result.errors
        assert (result.unchanged, len(result.entries)) == ((0, 1) if line == 5 else (1, 0))


def test_protected_text_is_taken_as_written_after_the_same_text_unprotected() -> None:
    header = ["indicator", "kind", "period", "value", "quote"]
    rows: list[tuple[int, list[object]]] = [
        (2, ["A-1", "actual", "2025-01", "1", " 原文 "]),  # trimmed
        (3, ["A-1", "actual", "2025-02", "1", ExactText(" 原文 ")]),  # as an export wrote it
    ]
    result = parse_observations(
        RawTable("t.csv", header, list(rows), "utf-8", protected=True),
        indicators=INDICATORS,
        documents=DOCUMENTS,
    )
    assert [e.quote for _, e in result.entries] == ["原文", " 原文 "]


def columns_of(table: RawTable, stored: dict[tuple[int, str, str], tuple[object, ...]]) -> object:
    """A columnar parse's rows (values as stored), errors and count of unchanged rows."""
    result = parse_observations(
        table,
        indicators=KEYED,
        documents=DOCUMENTS,
        source="f.csv",
        stored=stored,
        columnar=True,
    )
    assert result.columns is not None and not result.entries
    rows = [
        (code, entry, entry.line, None if entry.value is None else format(entry.value, "f"))
        for code, entry in result.columns.entries()
    ]
    return rows, result.errors, result.unchanged


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(1, 6), st.data())
def test_chunks_read_a_column_at_a_time_give_what_rows_read_one_by_one_give(
    table: RawTable, chunk: int, data: st.DataObject
) -> None:
    # Some figures stored already, as the rows say them or otherwise.
    everything = parse_observations(table, indicators=KEYED, documents=DOCUMENTS, source="f.csv")
    stored = {}
    for code, entry in everything.entries:
        key, columns = stored_as(entry, code)
        change = data.draw(st.sampled_from(["same", "same", "value", "quote", "absent"]))
        if change == "value":
            columns = (0, "7", *columns[2:]) if columns[1] != "7" else (0, "8", *columns[2:])
        elif change == "quote":
            columns = (*columns[:4], columns[4] + "改", *columns[5:])
        if change != "absent":
            stored[key] = columns
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(observations, "CHUNK", chunk)
        by_chunk = columns_of(table, stored)
        patch.setattr(observations, "read_chunk", lambda *args: None)
        by_row = columns_of(table, stored)
    assert by_chunk == by_row


def test_a_clean_chunk_is_read_a_column_at_a_time() -> None:
    header = ["indicator", "kind", "period", "value", "unit", "comparator", "note"]
    rows: list[tuple[int, list[object]]] = [
        (2, ["A-1", "target", "2025", "1,613", "", "", "月报"]),
        (3, ["B-2", "actual", "2025-06", "87.5%", "", "", ""]),
        (4, ["a-1", "actual", "2025-06", "１２．５", "", "", ""]),  # full width: read alone
        (5, ["A-1", "actual", "2025-07", "1613", "人次", "", ""]),  # another unit: read alone
    ]
    positions = {name: i for i, name in enumerate(header)}
    clean = CleanRows(positions, INDICATORS, DOCUMENTS, "f.csv")
    read = read_chunk(clean, rows, len(header), [], {})
    assert read is not None
    figures, columns = read
    assert figures[("A-1", "target", "2025")] == 2
    assert [format(v, "f") for v in columns.values if v is not None] == [
        "1613",
        "87.5",
        "12.5",
        "0.1613",
    ]
    assert columns.comparators[0] == ">=" and columns.lines == [2, 3, 4, 5]
    # A chunk with a row the quick way does not take, or repeating a figure, is read row by row.
    odd = (6, ["A-1", "forecast", "2025", "1", "", "", ""])
    assert read_chunk(clean, [*rows, odd], len(header), [], {}) is None
    assert read_chunk(clean, rows, len(header), [], {("B-2", "actual", "2025-06"): 9}) is None


def test_a_chunk_of_stored_figures_is_counted_only_when_every_row_says_what_is_stored() -> None:
    header = ["indicator", "kind", "period", "value", "quote"]
    positions = {name: i for i, name in enumerate(header)}
    rows: list[tuple[int, list[object]]] = [
        (2, ["A-1", "actual", "2025", "1,613", "原文"]),  # the stored number, written another way
        (3, ["B-2", "actual", "2025", "87.5%", ""]),
    ]
    stored: dict[tuple[int, str, str], tuple[object, ...]] = {
        (1, "actual", "2025"): (9, "1613", None, None, "原文", "", *NO_EXTRA),
        (2, "actual", "2025"): (10, "87.5", None, None, "", "", *NO_EXTRA),
    }
    clean = CleanRows(positions, KEYED, DOCUMENTS, "f.csv", stored)
    assert read_chunk(clean, rows, len(header), [], {}) == (
        {("A-1", "actual", "2025"): 2, ("B-2", "actual", "2025"): 3},
        None,
    )
    for changed in (
        {**stored, (1, "actual", "2025"): (9, "1613", None, None, "另一句", "", *NO_EXTRA)},
        {**stored, (2, "actual", "2025"): (10, "87.6", None, None, "", "", *NO_EXTRA)},
    ):
        clean = CleanRows(positions, KEYED, DOCUMENTS, "f.csv", changed)
        assert read_chunk(clean, rows, len(header), [], {}) is None  # row by row
