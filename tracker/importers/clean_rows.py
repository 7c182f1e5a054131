"""The quick way through an observations file's clean rows: each distinct cell read once.

A file repeats its codes, kinds, periods, comparators, documents and notes thousands of times,
and most of its values are plain numbers; only rows that `observation_row.parse_row` would
accept as they are take this way, and they give the same entry (tests/unit/test_clean_rows.py
holds the two ways to the same results on random files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence, Set
from decimal import Decimal
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from tracker.domain.columns import Fields, ObservationColumns
from tracker.domain.numbers import normalize_text, stored_value_is
from tracker.domain.periods import Period, parse_period
from tracker.domain.schemas import ObservationCreate
from tracker.domain.text import CONTROL
from tracker.domain.vocab import COMPARATOR_WORDS, KIND_WORDS, Comparator, Kind
from tracker.errors import RowError, ValidationError
from tracker.importers.observation_row import (
    AMBIGUOUS_PERIOD,
    MAX_TEXT,
    SOURCE_LIMIT,
    IndicatorUnit,
    Stored,
    default_comparator,
    value_in_unit,
)
from tracker.importers.raw import ExactText, Row

# A number written as its stored form (no exponent, no leading or trailing zeros, no `-0`),
# with thousands separators or not: the number is its digits, read by Decimal at once.
PLAIN = re.compile(
    r"-?(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,17})(?:\.[0-9]*[1-9])?|-?0\.[0-9]*[1-9]|0"
)
PLAIN_LENGTH = 24  # below parse_value's limits: 18 digits before the point, 24 in all
# A column of plain numbers, one to a line (possessive: a miss is not retried row by row).
PLAINS = re.compile(f"(?:{PLAIN.pattern})(?:\n(?:{PLAIN.pattern}))*+")


def quick_value(text: str, unit: str) -> Decimal | None:
    """The value `parse_value(text, unit)` reads from a plain number (`1613`, `1,613.5`, and
    `87.5%` into a unit of `%`); None for anything else, which parse_value must read."""
    if len(text) > PLAIN_LENGTH:
        return None
    if text[-1:] == "%" and unit == "%":
        text = text[:-1]
    if PLAIN.fullmatch(text) is None:
        return None
    return Decimal(text.replace(",", "") if "," in text else text)


# A figure's key for the check against repeats: (code, kind, period), as plain text (a tuple
# holding an enum member stays tracked by the collector, which walks a million of them).
Key = tuple[str, str, str]
T = TypeVar("T")
KIND_TEXT = {kind: kind.value for kind in Kind}
NO_EXTRA = (None, None, None, None)  # programme, deadline basis, relative_to, quarantine
# What a row's other cells read as: its unit (normalised), comparator, source document,
# quote, note and source (the file's name where the row names none), and the columns a
# stored row holds after its value when it says the same.
Details = tuple[str, Comparator | None, str | None, str, str, str, tuple[object, ...]]
REMEMBERED = 100_000  # distinct combinations of those cells kept (free text need not be)


class CleanRows:
    """The common case quickly: a row of text cells that are all valid.

    Each distinct cell is read once (with the functions `parse_row` uses) and remembered. A
    row with anything else in it (a problem, a workbook number or date) gets None and goes
    through `parse_row`, which finds and reports every problem.
    """

    def __init__(
        self,
        positions: Mapping[str, int],
        indicators: Mapping[str, IndicatorUnit],
        documents: Set[str],
        source: str,
        stored: Stored | None = None,
        protected: bool = True,
    ) -> None:
        self.indicators, self.documents, self.source = indicators, documents, source
        # Text an export protected equals, and hashes as, the same text unprotected, but is
        # taken as written: its rows cannot use what was remembered for unprotected ones.
        self.protected = protected
        self.stored = stored or None  # nothing stored: no row can be unchanged
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
        self.optional = optional
        # A column the file lacks reads as '': the last cell of the row with '' added to it.
        getter = itemgetter(*[-1 if i is None else i for i in optional])
        self.pick: Callable[[Sequence[object]], tuple[object, ...]] = (
            getter if None not in optional else lambda cells: getter((*cells, ""))
        )
        self.codes: dict[object, tuple[str, IndicatorUnit]] = {}
        self.kinds: dict[object, Kind] = {}
        self.periods: dict[object, Period] = {}
        self.details: dict[tuple[object, ...], Details] = {}

    def parse(
        self, line: int, cells: Sequence[object]
    ) -> tuple[Key, ObservationCreate | None] | None:
        """The row's key and entry; the entry is None when the row says what is stored (its
        value written as stored, or another way that reads as the same number). None when
        `parse_row` must look at the row."""
        found = self.read(line, cells)
        if found is None:
            return None
        key, fields = found
        return key, None if fields is None else self.entry(line, fields)

    @staticmethod
    def entry(line: int, fields: Fields) -> ObservationCreate:
        """The entry of a clean row's fields."""
        kind, period, value, comparator, source_doc, source, quote, note = fields
        return ObservationCreate(
            kind=kind,
            period=period,
            value=value,
            comparator=comparator,
            source_doc=source_doc,
            source=source,
            quote=quote,
            note=note,
            line=line,
        )

    def read(self, line: int, cells: Sequence[object]) -> tuple[Key, Fields | None] | None:
        """What `parse` gives, the entry as its fields (for `ObservationColumns`)."""
        i_code, i_kind, i_period, i_value = self.required
        found = self.codes.get(cells[i_code]) or self._code(cells[i_code])
        kind = self.kinds.get(cells[i_kind]) or self._kind(cells[i_kind])
        period = self.periods.get(cells[i_period]) or self._period(cells[i_period])
        if found is None or kind is None or period is None:
            return None
        others = self.pick(cells)
        if self.protected and ExactText in (type(others[3]), type(others[4]), type(others[5])):
            return None
        details = self.details.get(others) or self._details(others)
        if details is None:
            return None
        code, known = found
        unit, comparator, source_doc, quote, note, source, tail = details
        if comparator is None and kind is Kind.TARGET:
            comparator = default_comparator(kind, known.direction)
            tail = (comparator, *tail[1:])
        key = (code, KIND_TEXT[kind], period.text)
        # The value is in the indicator's unit when the row names no other.
        own_unit = not unit or unit == known.unit
        value_cell = cells[i_value]
        held = None
        if self.stored is not None:
            # What is stored for this figure, when all but the value reads as this row's.
            held = self.stored.get((known.id, key[1], key[2]))
            if held is not None and held[2:] != tail:
                held = None
            if own_unit and held is not None and held[1] == value_cell:
                return key, None  # the very text stored, in its unit
        value = None
        if own_unit and type(value_cell) is str:
            value = quick_value(value_cell, known.unit)
        if value is None:
            problems: list[RowError] = []
            value = value_in_unit(value_cell, unit, known.unit, line, problems)
            if value is None or problems:
                return None
        if held is not None and stored_value_is(held[1], value):
            return key, None  # the same number written another way
        return key, (kind, period, value, comparator, source_doc, source, quote, note)

    def read_chunk(
        self, rows: Sequence[Row], width: int, blank: Sequence[int], seen: Mapping[Key, int]
    ) -> tuple[dict[Key, int], ObservationColumns] | None:
        """The figures of `rows` (key: line) and their columns, read a column at a time, when
        every row is one that `read` takes and gives fields for, none repeats a figure (of
        `seen` or of the others) and none is stored; None otherwise, and the rows are read one
        by one. A row must have `width` cells, those at `blank` ''."""
        numbers, cells = zip(*rows, strict=True)
        if min(map(len, cells)) < width:
            return None
        by_column = list(zip(*cells, strict=False))  # the shortest row's length: `width` or more
        if any(set(by_column[i]) != {""} for i in blank):
            return None
        i_code, i_kind, i_period, i_value = self.required
        present = [by_column[i] for i in (*self.required, *self.optional) if i is not None]
        if self.protected and any(ExactText in set(map(type, column)) for column in present):
            return None  # text an export protected is taken as written: row by row
        found = _each(self.codes, self._code, by_column[i_code])
        kinds = _each(self.kinds, self._kind, by_column[i_kind])
        periods = _each(self.periods, self._period, by_column[i_period])
        if found is None or kinds is None or periods is None:
            return None
        codes = list(map(itemgetter(0), found))
        knowns = list(map(itemgetter(1), found))
        kind_texts = list(map(KIND_TEXT.__getitem__, kinds))
        period_texts = list(map(attrgetter("text"), periods))
        ids = map(attrgetter("id"), knowns)
        if self.stored is not None and not self.stored.keys().isdisjoint(
            zip(ids, kind_texts, period_texts, strict=True)
        ):
            return None  # a figure with a stored value: row by row, which compares the two
        figures = dict(zip(zip(codes, kind_texts, period_texts, strict=True), numbers, strict=True))
        if len(figures) < len(rows) or not seen.keys().isdisjoint(figures):
            return None  # a repeated figure: row by row, which names the line it repeats
        others = [repeat("", len(rows)) if i is None else by_column[i] for i in self.optional]
        details = _each(self.details, self._details, list(zip(*others, strict=True)))
        if details is None:
            return None
        units = [known.unit for known in knowns]
        named = list(map(itemgetter(0), details))
        values = _values(by_column[i_value], named, units, numbers)
        if values is None:
            return None
        comparators = list(map(itemgetter(1), details))
        if None in comparators:  # a target's comparator by its indicator's direction
            directions = map(attrgetter("direction"), knowns)
            each = list(zip(comparators, kinds, directions, strict=True))
            chosen = {c: c[0] or default_comparator(c[1], c[2]) for c in set(each)}
            comparators = list(map(chosen.__getitem__, each))
        lines: list[int | None] = list(numbers)
        columns = ObservationColumns(
            codes=codes,
            kinds=kinds,
            periods=periods,
            values=values,
            comparators=comparators,
            source_docs=list(map(itemgetter(2), details)),
            sources=list(map(itemgetter(5), details)),
            quotes=list(map(itemgetter(3), details)),
            notes=list(map(itemgetter(4), details)),
            lines=lines,
        )
        return figures, columns

    def _details(self, cells: tuple[object, ...]) -> Details | None:
        """What the row's other cells read as, when `parse_row` accepts them as they are."""
        unit, written, doc, quote, note, source = cells
        if type(unit) is not str or type(written) is not str or type(doc) is not str:
            return None
        comparator = None
        if written_text := normalize_text(written):
            comparator = COMPARATOR_WORDS.get(written_text)
            if comparator is None:
                return None
        source_doc = normalize_text(doc) or None
        if source_doc is not None and source_doc not in self.documents:
            return None
        texts = [_text(cell) for cell in (quote, note, source)]
        if texts[0] is None or texts[1] is None or texts[2] is None:
            return None
        if len(texts[2]) > SOURCE_LIMIT:
            return None
        tail = (comparator, source_doc, texts[0], texts[1], *NO_EXTRA)
        found = (normalize_text(unit), *tail[:4], texts[2] or self.source, tail)
        if len(self.details) < REMEMBERED:
            self.details[cells] = found
        return found

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


def _each(
    cache: Mapping[Any, T], read: Callable[[Any], T | None], column: Sequence[Hashable]
) -> list[T] | None:
    """`cache.get(cell) or read(cell)` for every cell of `column`, each distinct cell read once;
    None when any reads as nothing."""
    found: dict[Hashable, T] = {}
    for cell in set(column):
        value = cache.get(cell) or read(cell)
        if value is None:
            return None
        found[cell] = value
    return list(map(found.__getitem__, column))


def _values(
    texts: Sequence[object], named: Sequence[str], units: Sequence[str], lines: Sequence[int]
) -> list[Decimal | None] | None:
    """The value of each text cell in its indicator's unit (`units`; the row names `named` or
    none), as `read` reads it: plain numbers in their indicator's unit all at once, the others
    one by one; None when any is not a text cell or not a number in a unit it converts from."""
    if set(map(type, texts)) != {str}:
        return None
    plain: list[str] = list(texts)  # type: ignore[arg-type]  # all str, as checked
    long = max(map(len, plain)) > PLAIN_LENGTH  # quick_value leaves such text to parse_value
    if "%" in set(units) and "%" in "".join(plain):
        plain = [
            text[:-1] if unit == "%" and text[-1:] == "%" else text
            for text, unit in zip(plain, units, strict=True)
        ]
    joined = "\n".join(plain)
    pairs = set(zip(named, units, strict=True))
    foreign = {(unit, own) for unit, own in pairs if unit and unit != own}
    # One number to a line: a cell holding a line break is not a column of numbers.
    if foreign or long or joined.count("\n") != len(plain) - 1 or PLAINS.fullmatch(joined) is None:
        # Read one by one: a value in another unit, and any not a plain number.
        others = [
            i
            for i, (match, pair) in enumerate(
                zip(map(PLAIN.fullmatch, plain), zip(named, units, strict=True), strict=True)
            )
            if match is None or pair in foreign or long and len(texts[i]) > PLAIN_LENGTH  # type: ignore[arg-type]
        ]
        read: dict[int, Decimal] = {}
        for i in others:
            problems: list[RowError] = []
            value = value_in_unit(texts[i], named[i], units[i], lines[i], problems)
            if value is None or problems:
                return None
            read[i] = value
            plain[i] = "0"
        if "," in joined:
            plain = [text.replace(",", "") for text in plain]
        values: list[Decimal | None] = list(map(Decimal, plain))
        for i, value in read.items():
            values[i] = value
        return values
    if "," in joined:
        plain = [text.replace(",", "") for text in plain]
    return list(map(Decimal, plain))


def _text(cell: object) -> str | None:
    """A text cell (quote, note, source) as parse_row reads one without a problem; None for
    anything else."""
    if type(cell) is not str:
        return None
    text = cell.strip()
    if len(text) > MAX_TEXT or CONTROL.search(text) is not None:
        return None
    return text
