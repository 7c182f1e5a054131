"""The quick way through an observations file's clean rows: each distinct cell read once.

A file repeats its codes, kinds, periods, comparators, documents and notes thousands of times,
and most of its values are plain numbers; only rows that `observation_row.parse_row` would
accept as they are take this way, and they give the same entry (tests/unit/test_clean_rows.py
holds the two ways to the same results on random files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence, Set
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from typing import Final, NamedTuple

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

# A number written as its stored form (no exponent, no leading or trailing zeros, no `-0`),
# with thousands separators or not: the number is its digits, read by Decimal at once.
PLAIN = re.compile(
    r"-?(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,17})(?:\.[0-9]*[1-9])?|-?0\.[0-9]*[1-9]|0"
)
PLAIN_LENGTH = 24  # below parse_value's limits: 18 digits before the point, 24 in all


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


class _Unseen(Enum):
    """A cell not read yet, or one that `parse_row` must look at (an enum, so mypy narrows)."""

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
    ) -> None:
        self.indicators, self.documents, self.source = indicators, documents, source
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
        # A column the file lacks reads as '': the last cell of the row with '' added to it.
        getter = itemgetter(*[-1 if i is None else i for i in optional])
        self.pick: Callable[[Sequence[object]], tuple[object, ...]] = (
            getter if None not in optional else lambda cells: getter([*cells, ""])
        )
        self.codes: dict[object, tuple[str, IndicatorUnit]] = {}
        self.kinds: dict[object, Kind] = {}
        self.periods: dict[object, Period] = {}
        # A comparator or document cell that parse_row accepts, and what it reads as.
        self.comparators: dict[tuple[object, Kind], Comparator | None] = {}
        self.sources: dict[object, str | None] = {}
        self.texts: dict[object, str] = {}

    def parse(
        self, line: int, cells: Sequence[object]
    ) -> tuple[str, ObservationCreate] | Unchanged | None:
        """The row's entry, Unchanged when it says what is stored (its value written as stored,
        or another way that reads as the same number), or None when `parse_row` must look
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
        # The value is in the indicator's unit when the row names no other.
        own_unit = not unit or normalize_text(unit) == known.unit
        value_cell = cells[i_value]
        same = None
        if self.stored is not None:
            same = self._stored_row(
                known, kind, period, comparator, source_doc, quote_text, note_text
            )
            if own_unit and same is not None and same[1] == value_cell:
                return Unchanged(code, kind, period.text)  # the very text stored, in its unit
        value = None
        if own_unit and type(value_cell) is str:
            value = quick_value(value_cell, known.unit)
        if value is None:
            problems: list[RowError] = []
            value = value_in_unit(value_cell, unit, known.unit, line, problems)
            if value is None or problems:
                return None
        if same is not None and stored_value_is(same[1], value):
            return Unchanged(code, kind, period.text)  # the same number written another way
        if comparator is None:
            comparator = default_comparator(kind, known.direction)
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
        if comparator is None:
            comparator = default_comparator(kind, known.direction)
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
