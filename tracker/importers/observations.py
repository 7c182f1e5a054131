"""Observations in long form (`indicator, kind, period, value, ...`) into typed entries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from typing import Final, NamedTuple, cast

from tracker.domain.numbers import (
    check_decimal,
    normalize_text,
    parse_value,
    split_unit,
    stored_value_is,
)
from tracker.domain.periods import OPEN, Period, parse_period
from tracker.domain.schemas import OBSERVATION_LIMITS, ObservationCreate
from tracker.domain.text import CONTROL, text_problem
from tracker.domain.vocab import (
    COMPARATOR_WORDS,
    DEADLINE_BASIS_WORDS,
    KIND_WORDS,
    Comparator,
    Direction,
    Kind,
)
from tracker.errors import RowError, ValidationError
from tracker.importers.raw import RawTable, Row, cell_text, cells_of, exact_text, map_header

ALIASES = {
    "indicator": "indicator",
    "code": "indicator",
    "指标编码": "indicator",
    "指标代码": "indicator",
    "编码": "indicator",
    "kind": "kind",
    "类型": "kind",
    "类别": "kind",
    "period": "period",
    "时期": "period",
    "期间": "period",
    "日期": "period",
    "年份": "period",
    "value": "value",
    "数值": "value",
    "值": "value",
    "unit": "unit",
    "单位": "unit",
    "comparator": "comparator",
    "比较": "comparator",
    "比较符": "comparator",
    "source_doc": "source_doc",
    "来源文件": "source_doc",
    "来源文档": "source_doc",
    "文件": "source_doc",
    "source": "source",
    "来源": "source",
    "quote": "quote",
    "原文": "quote",
    "引文": "quote",
    "note": "note",
    "备注": "note",
    "name": "name",
    "指标名称": "name",
    "名称": "name",
    "region": "region",
    "地区": "region",
    "区域": "region",
    "pillar": "pillar",
    "领域": "pillar",
    "板块": "pillar",
    "programme": "programme",
    "program": "programme",
    "规划": "programme",
    "方案": "programme",
    "所属规划": "programme",
    "deadline_basis": "deadline_basis",
    "期限依据": "deadline_basis",
    "relative_to": "relative_to",
    "参照指标": "relative_to",
    "相对于": "relative_to",
    "quarantine": "quarantine",
    "待核": "quarantine",
    "待核原因": "quarantine",
}
# Columns the fast path does not read: a row with any of them filled goes through _parse_row.
EXTRA = ("programme", "deadline_basis", "relative_to", "quarantine")
REQUIRED = ("indicator", "kind", "period", "value")
OPEN_PERIOD_NOTE = "only a target may have no period (an open commitment, with no deadline)"
MAX_TEXT = max(limit or 0 for limit in OBSERVATION_LIMITS.values())
SOURCE_LIMIT = OBSERVATION_LIMITS["source"] or MAX_TEXT
PROGRESS_EVERY = 1000
# `2025.1`: January, or October as Excel writes 2025.10 into a CSV.
AMBIGUOUS_PERIOD = re.compile(r"^\s*\d{4}\.1\s*$")
MINUS = "\u2212"  # the minus sign a copy from a web page or Word brings: read as `-`


@dataclass(frozen=True)
class IndicatorUnit:
    """What the importer needs to know of an existing indicator."""

    unit: str
    direction: Direction
    id: int = 0  # its key in `stored` (see parse_observations)


# What is stored now, by (indicator id, kind, period text): (observation id, value, comparator,
# source document, quote, note, programme, deadline basis, relative_to, quarantine), the
# value as the database returns it.
Stored = Mapping[tuple[int, str, str], tuple[object, ...]]


@dataclass
class ParsedObservations:
    """Typed entries by indicator code, and every problem found, by line."""

    entries: list[tuple[str, ObservationCreate]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unchanged: int = 0  # rows that say exactly what is stored (only counted with `stored`)


def parse_observations(
    table: RawTable,
    *,
    indicators: Mapping[str, IndicatorUnit],
    documents: Set[str],
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
    consume: bool = False,
    stored: Stored | None = None,
    programmes: Set[str] = frozenset(),
) -> ParsedObservations:
    """Validate every row; collect all errors rather than stopping at the first.

    `progress(done, total)` is called every PROGRESS_EVERY rows (for a progress bar). With
    `consume`, each row leaves `table.rows` as it is read, so that a large file's cells and
    its entries are never all in memory at once (the table is empty afterwards). With
    `stored` (what is stored now), a row that says what is stored is counted as unchanged
    rather than made into an entry; one whose value is the stored value's very text is
    counted without reading its number again.
    """
    result = ParsedObservations()
    positions, header_errors = map_header(table, ALIASES, REQUIRED)
    result.errors.extend(header_errors)
    if any(e.line == 1 and "required" in e.message for e in header_errors):
        return result
    seen: dict[tuple[str, Kind, str], int] = {}
    total = len(table.rows)
    mapped = list(positions.items())
    width = max(positions.values(), default=-1) + 1
    clean = CleanRows(positions, indicators, documents, source, stored)
    extra = [positions[key] for key in EXTRA if key in positions]
    for done, (line, cells) in enumerate(_rows(table, consume), start=1):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
        plain = len(cells) >= width and not any(cells[i] != "" for i in extra)
        entry = clean.parse(line, cells) if plain else None
        if isinstance(entry, Unchanged):
            key = (entry.code, entry.kind, entry.period)
            if key in seen:
                result.errors.append(
                    RowError(
                        line,
                        "period",
                        entry.period,
                        f"repeats line {seen[key]} (same indicator, kind and period)",
                    )
                )
                continue
            seen[key] = line
            result.unchanged += 1
            continue
        if entry is None:
            if len(cells) >= width:
                row = {key: cells[index] for key, index in mapped}
            else:
                row = dict(cells_of(cells, positions))  # a short row: the missing cells are ''
            errors_before = len(result.errors)
            entry = _parse_row(line, row, indicators, documents, source, result.errors, programmes)
            if entry is None or len(result.errors) > errors_before:
                continue
        code, obs = entry
        key = (code, obs.kind, obs.period.text)
        if key in seen:
            result.errors.append(
                RowError(
                    line,
                    "period",
                    obs.period.text,
                    f"repeats line {seen[key]} (same indicator, kind and period)",
                )
            )
            continue
        seen[key] = line
        result.entries.append(entry)
    return result


def indicator_codes(table: RawTable) -> set[str]:
    """The indicator codes a table names, read as the parser reads them (to look up what is
    stored for them before parsing)."""
    positions, _ = map_header(table, ALIASES, REQUIRED)
    at = positions.get("indicator")
    if at is None:
        return set()
    cells = {cells[at] for _, cells in table.rows if len(cells) > at}
    return {normalize_text(cell).upper() for cell in cells if type(cell) is str}


def _rows(table: RawTable, consume: bool) -> Iterator[Row]:
    """The table's rows in order; taken out of it one by one when `consume`."""
    if not consume:
        yield from table.rows
        return
    rows = table.rows
    rows.reverse()
    while rows:
        yield rows.pop()


class _Unseen(Enum):
    """A cell not read yet, or one that `_parse_row` must look at (an enum, so mypy narrows)."""

    UNSEEN = 0


UNSEEN: Final = _Unseen.UNSEEN
NO_EXTRA = (None, None, None, None)  # programme, deadline basis, relative_to, quarantine


class Unchanged(NamedTuple):
    """A row that says exactly what is stored: its key, for the check against repeats (a
    tuple: a million are made on a re-import, and a frozen dataclass costs twice as much)."""

    code: str
    kind: Kind
    period: str


class CleanRows:
    """The common case quickly: a row of text cells that are all valid.

    A file repeats its codes, kinds, periods, comparators, documents and notes thousands of
    times; each distinct cell is read here once (with the same functions `_parse_row` uses)
    and remembered. A row with anything else in it (a problem, a workbook number or date)
    gets None and goes through `_parse_row`, which finds and reports every problem: only rows
    that `_parse_row` would accept as they are take this way, and they give the same entry.
    """

    def __init__(
        self,
        positions: Mapping[str, int],
        indicators: Mapping[str, IndicatorUnit],
        documents: Set[str],
        source: str,
        stored: Stored | None = None,
    ) -> None:
        self.indicators, self.documents, self.source = indicators, documents, source
        self.stored = stored
        self.required = (
            positions["indicator"],
            positions["kind"],
            positions["period"],
            positions["value"],
        )
        optional = [
            positions.get(key)
            for key in ("unit", "comparator", "source_doc", "quote", "note", "source")
        ]
        # A column the file lacks reads as '': the last cell of the row with '' added to it.
        getter = itemgetter(*[-1 if i is None else i for i in optional])
        self.pick: Callable[[Sequence[object]], tuple[object, ...]] = (
            getter if None not in optional else lambda cells: getter([*cells, ""])
        )
        self.codes: dict[object, tuple[str, IndicatorUnit]] = {}
        self.kinds: dict[object, Kind] = {}
        self.periods: dict[object, Period] = {}
        # A comparator or document cell that _parse_row accepts, and what it reads as.
        self.comparators: dict[tuple[object, Kind], Comparator | None] = {}
        self.sources: dict[object, str | None] = {}
        self.texts: dict[object, str] = {}

    def parse(
        self, line: int, cells: Sequence[object]
    ) -> tuple[str, ObservationCreate] | Unchanged | None:
        """The row's entry, Unchanged when it says what is stored (its value written as stored,
        or another way that reads as the same number), or None when `_parse_row` must look
        at it."""
        i_code, i_kind, i_period, i_value = self.required
        found = self.codes.get(cells[i_code]) or self._code(cells[i_code])
        kind = self.kinds.get(cells[i_kind]) or self._kind(cells[i_kind])
        period = self.periods.get(cells[i_period]) or self._period(cells[i_period])
        if found is None or kind is None or period is None:
            return None
        code, known = found
        unit, written, doc, quote, note, written_source = self.pick(cells)
        comparator = self.comparators.get((written, kind), UNSEEN)
        if comparator is UNSEEN and (comparator := self._comparator(written, kind)) is UNSEEN:
            return None
        source_doc = self.sources.get(doc, UNSEEN)
        if source_doc is UNSEEN and (source_doc := self._source_doc(doc)) is UNSEEN:
            return None
        quote_text = self.texts.get(quote)
        note_text = self.texts.get(note)
        source_text = self.texts.get(written_source)
        if quote_text is None or note_text is None or source_text is None:
            quote_text, note_text = self._text(quote), self._text(note)
            source_text = self._text(written_source)
            if quote_text is None or note_text is None or source_text is None:
                return None
        if len(source_text) > SOURCE_LIMIT:
            return None
        if type(unit) is not str:
            return None
        same = None
        if self.stored is not None:
            same = self._stored_row(
                known, kind, period, comparator, source_doc, quote_text, note_text
            )
            as_stored = same is not None and same[1] == cells[i_value]
            if as_stored and (not unit or normalize_text(unit) == known.unit):
                return Unchanged(code, kind, period.text)  # the very text stored, in its unit
        problems: list[RowError] = []
        value = _value(cells[i_value], unit, known.unit, line, problems)
        if value is None or problems:
            return None
        if same is not None and stored_value_is(same[1], value):
            return Unchanged(code, kind, period.text)  # the same number written another way
        if kind is Kind.TARGET and comparator is None:
            comparator = Comparator.LE if known.direction is Direction.DECREASE else Comparator.GE
        return code, ObservationCreate(
            kind=kind,
            period=period,
            value=value,
            comparator=comparator,
            source_doc=source_doc,
            source=source_text or self.source,
            quote=quote_text,
            note=note_text,
            line=line,
        )

    def _stored_row(
        self,
        known: IndicatorUnit,
        kind: Kind,
        period: Period,
        comparator: object,
        source_doc: object,
        quote: str,
        note: str,
    ) -> tuple[object, ...] | None:
        """What is stored for this row's figure when everything but the value reads as this
        row's (comparator, document, quote, note); None otherwise."""
        assert self.stored is not None
        # Kinds and comparators are str enums: they equal, and hash as, the stored texts.
        found = self.stored.get((known.id, kind, period.text))
        if found is None:
            return None
        if kind is Kind.TARGET and comparator is None:
            comparator = Comparator.LE if known.direction is Direction.DECREASE else Comparator.GE
        return found if found[2:] == (comparator, source_doc, quote, note, *NO_EXTRA) else None

    def _code(self, cell: object) -> tuple[str, IndicatorUnit] | None:
        if type(cell) is not str:
            return None
        code = normalize_text(cell).upper()
        known = self.indicators.get(code)
        if not code or known is None:
            return None
        self.codes[cell] = (code, known)
        return code, known

    def _kind(self, cell: object) -> Kind | None:
        if type(cell) is not str:
            return None
        kind = KIND_WORDS.get(normalize_text(cell).lower())
        if kind is not None:
            self.kinds[cell] = kind
        return kind

    def _period(self, cell: object) -> Period | None:
        if type(cell) is not str or AMBIGUOUS_PERIOD.match(cell):
            return None
        try:
            period = parse_period(cell)
        except ValidationError:
            return None
        self.periods[cell] = period
        return period

    def _comparator(self, cell: object, kind: Kind) -> Comparator | None | _Unseen:
        if type(cell) is not str:
            return UNSEEN
        text = normalize_text(cell)
        comparator = COMPARATOR_WORDS.get(text) if text else None
        if text and comparator is None:
            return UNSEEN
        self.comparators[(cell, kind)] = comparator
        return comparator

    def _source_doc(self, cell: object) -> str | None | _Unseen:
        if type(cell) is not str:
            return UNSEEN
        source_doc = normalize_text(cell) or None
        if source_doc is not None and source_doc not in self.documents:
            return UNSEEN
        self.sources[cell] = source_doc
        return source_doc

    def _text(self, cell: object) -> str | None:
        if type(cell) is not str:
            return None
        text = cell.strip()
        if len(text) > MAX_TEXT or CONTROL.search(text) is not None:
            return None
        if len(self.texts) < 100_000:  # notes repeat; free text need not be remembered
            self.texts[cell] = text
        return text


def _parse_row(
    line: int,
    row: dict[str, object],
    indicators: Mapping[str, IndicatorUnit],
    documents: Set[str],
    source: str,
    errors: list[RowError],
    programmes: Set[str] = frozenset(),
) -> tuple[str, ObservationCreate] | None:
    def fail(column: str, value: object, message: str) -> None:
        errors.append(RowError(line, column, cell_text(value), message))

    code = normalize_text(cell_text(row["indicator"])).upper()
    known = indicators.get(code)
    if not code:
        fail("indicator", "", "an indicator code is required")
    elif known is None:
        fail(
            "indicator",
            code,
            "unknown indicator code; add it first (tracker indicator add or an indicators file)",
        )
    kind = KIND_WORDS.get(normalize_text(cell_text(row["kind"])).lower())
    if kind is None:
        fail("kind", row["kind"], "expected baseline, target or actual (基期, 目标, 实际)")
    period = None
    raw_period = cast("str | date | Decimal", row["period"])
    if isinstance(raw_period, str) and not normalize_text(raw_period):
        if kind is Kind.TARGET:
            period = OPEN
        elif kind is not None:
            fail("period", raw_period, OPEN_PERIOD_NOTE)
    elif (isinstance(raw_period, Decimal) and raw_period != raw_period.to_integral_value()) or (
        isinstance(raw_period, str) and AMBIGUOUS_PERIOD.match(raw_period)
    ):
        # A workbook number such as 2025.1 could be January or October (Excel writes 2025.10
        # as 2025.1 into a CSV): refuse, do not guess.
        fail("period", raw_period, "a number with decimals is ambiguous; write e.g. 2025-10")
    else:
        try:
            period = parse_period(
                raw_period if not isinstance(raw_period, Decimal) else format(raw_period, "f")
            )
        except ValidationError as exc:
            fail("period", raw_period, str(exc))
    comparator = None
    comparator_text = normalize_text(cell_text(row.get("comparator", "")))
    if comparator_text:
        comparator = COMPARATOR_WORDS.get(comparator_text)
        if comparator is None:
            fail(
                "comparator",
                comparator_text,
                "expected =, >, >=, <, <= or ~ (超过, 以上, 不低于, 低于, 不超过, 约, ...)",
            )
    extra = {k: normalize_text(cell_text(row.get(k, ""))) for k in EXTRA}
    programme = extra["programme"] or None
    if programme is not None and programme not in programmes:
        fail("programme", programme, "unknown programme code; add it to programmes.csv first")
    basis = None
    if extra["deadline_basis"]:
        basis = DEADLINE_BASIS_WORDS.get(extra["deadline_basis"].lower())
        if basis is None:
            fail("deadline_basis", extra["deadline_basis"], "expected stated, plan_end or assumed")
        elif kind is not None and kind is not Kind.TARGET:
            fail("deadline_basis", extra["deadline_basis"], "only a target has a deadline basis")
        elif period is OPEN:
            fail(
                "deadline_basis", extra["deadline_basis"], "a target with no period has no deadline"
            )
    relative_to = extra["relative_to"].upper() or None
    if relative_to is not None:
        if kind is not None and kind is not Kind.TARGET:
            fail("relative_to", relative_to, "only a target is defined against another series")
        elif relative_to not in indicators:
            fail("relative_to", relative_to, "unknown indicator code")
        elif relative_to == code:
            fail("relative_to", relative_to, "a target cannot be defined against its own series")
    quarantine = cell_text(row.get("quarantine", "")).strip() or None
    value = None
    if relative_to is not None:
        if cell_text(row["value"]).strip():
            fail("value", row["value"], "a target relative to another series has no value")
    elif known is not None:
        value = _value(row["value"], cell_text(row.get("unit", "")), known.unit, line, errors)
    source_doc = normalize_text(cell_text(row.get("source_doc", ""))) or None
    if source_doc is not None and source_doc not in documents:
        fail("source_doc", source_doc, "unknown source document id")
    texts = {k: exact_text(row.get(k, "")) for k in ("quote", "note", "source")}
    for key, text in texts.items():
        if (problem := text_problem(text, OBSERVATION_LIMITS[key])) is not None:
            fail(key, text, problem)
    if known is None or kind is None or period is None:
        return None
    if value is None and relative_to is None:
        return None
    if kind is Kind.TARGET and comparator is None:
        comparator = Comparator.LE if known.direction is Direction.DECREASE else Comparator.GE
    return code, ObservationCreate(
        kind=kind,
        period=period,
        value=value,
        comparator=comparator,
        source_doc=source_doc,
        source=texts["source"] or source,
        quote=texts["quote"],
        note=texts["note"],
        line=line,
        programme=programme,
        deadline_basis=basis,
        relative_to=relative_to,
        quarantine=quarantine,
    )


def _value(
    cell: object, row_unit: str, unit: str, line: int, errors: list[RowError]
) -> Decimal | None:
    """The cell's value in the indicator's unit; a unit that cannot be converted is an error."""
    row_unit = normalize_text(row_unit)
    written_in = row_unit or unit
    try:
        if isinstance(cell, Decimal):
            value = check_decimal(cell)
        else:
            text = str(cell)
            value = parse_value(text.replace(MINUS, "-") if MINUS in text else text, written_in)
    except ValidationError as exc:
        errors.append(RowError(line, "value", cell_text(cell), str(exc)))
        return None
    if written_in == unit:
        return value
    try:
        return convert(value, written_in, unit)
    except ValidationError as exc:
        errors.append(RowError(line, "unit", row_unit, str(exc)))
        return None


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert between units that differ only by magnitude (万人次 -> 人次)."""
    from_factor, from_base = split_unit(from_unit)
    to_factor, to_base = split_unit(to_unit)
    if from_base != to_base:
        raise ValidationError(
            f"unit {from_unit!r} cannot be converted into the indicator's unit {to_unit!r}"
        )
    return check_decimal(value * from_factor / to_factor)
