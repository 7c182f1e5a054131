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
from operator import itemgetter

from tracker.domain.columns import Fields
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
from tracker.importers.raw import ExactText

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


# A figure's key for the check against repeats: (code, kind, period), as plain text (a tuple
# holding an enum member stays tracked by the collector, which walks a million of them).
Key = tuple[str, str, str]
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
        found = self.codes.get(cells[i_code]) or self.code_of(cells[i_code])
        kind = self.kinds.get(cells[i_kind]) or self.kind_of(cells[i_kind])
        period = self.periods.get(cells[i_period]) or self.period_of(cells[i_period])
        if found is None or kind is None or period is None:
            return None
        others = self.pick(cells)
        if self.protected and ExactText in (type(others[3]), type(others[4]), type(others[5])):
            return None
        details = self.details.get(others) or self.details_of(others)
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

    def details_of(self, cells: tuple[object, ...]) -> Details | None:
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

    def code_of(self, cell: object) -> tuple[str, IndicatorUnit] | None:
        if type(cell) is not str:
            return None
        code = normalize_text(cell).upper()
        known = self.indicators.get(code)
        if not code or known is None:
            return None
        self.codes[cell] = (code, known)
        return code, known

    def kind_of(self, cell: object) -> Kind | None:
        if type(cell) is not str:
            return None
        kind = KIND_WORDS.get(normalize_text(cell).lower())
        if kind is not None:
            self.kinds[cell] = kind
        return kind

    def period_of(self, cell: object) -> Period | None:
        if type(cell) is not str or AMBIGUOUS_PERIOD.match(cell):
            return None
        try:
            period = parse_period(cell)
        except ValidationError:
            return None
        self.periods[cell] = period
        return period


def _text(cell: object) -> str | None:
    """A text cell (quote, note, source) as parse_row reads one without a problem; None for
    anything else."""
    if type(cell) is not str:
        return None
    text = cell.strip()
    if len(text) > MAX_TEXT or CONTROL.search(text) is not None:
        return None
    return text
