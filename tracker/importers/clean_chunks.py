"""Clean rows a chunk at a time: each column of a thousand rows read at once.

`CleanRows.read` takes a clean row in a few dictionary lookups; a million of them still cost
seconds of Python. A chunk whose rows are all clean is read here column by column instead:
each distinct cell once (with CleanRows' own readers and what they remember), then every row
by lookups and maps that run in C, and the values of plain numbers in one regular expression.
A chunk with anything else in it (a problem, a repeated figure, a mix of stored and new
figures) gets None and goes row by row, which finds and reports every problem
(tests/unit/test_clean_rows.py holds the two ways to the same results on random files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from decimal import Decimal
from itertools import repeat
from operator import attrgetter, eq, itemgetter
from typing import Any, TypeVar

from tracker.domain.columns import ObservationColumns
from tracker.domain.numbers import stored_value_is
from tracker.domain.vocab import Comparator
from tracker.errors import RowError
from tracker.importers.clean_rows import (
    KIND_TEXT,
    NO_EXTRA,
    PLAIN,
    PLAIN_LENGTH,
    CleanRows,
    Details,
    Key,
)
from tracker.importers.observation_row import default_comparator, value_in_unit
from tracker.importers.raw import ExactText, Row

T = TypeVar("T")
# A column of plain numbers, one to a line (possessive: a miss is not retried row by row).
PLAINS = re.compile(f"(?:{PLAIN.pattern})(?:\n(?:{PLAIN.pattern}))*+")


def read_chunk(
    clean: CleanRows,
    rows: Sequence[Row],
    width: int,
    blank: Sequence[int],
    seen: Mapping[Key, int],
) -> tuple[dict[Key, int], ObservationColumns | None] | None:
    """The figures of `rows` (key: line) and their columns, read a column at a time, when
    every row is one that `clean.read` takes, none repeats a figure (of `seen` or of the others)
    and either none is stored or every one says what is stored (then the columns are None:
    nothing to write). None otherwise, and the rows are read one by one. A row must have
    `width` cells, those at `blank` ''."""
    numbers, cells = zip(*rows, strict=True)
    if min(map(len, cells)) < width:
        return None
    by_column = list(zip(*cells, strict=False))  # the shortest row's length: `width` or more
    if any(set(by_column[i]) != {""} for i in blank):
        return None
    i_code, i_kind, i_period, i_value = clean.required
    present = [by_column[i] for i in (*clean.required, *clean.optional) if i is not None]
    if clean.protected and any(ExactText in set(map(type, column)) for column in present):
        return None  # text an export protected is taken as written: row by row
    found = _each(clean.codes, clean.code_of, by_column[i_code])
    kinds = _each(clean.kinds, clean.kind_of, by_column[i_kind])
    periods = _each(clean.periods, clean.period_of, by_column[i_period])
    if found is None or kinds is None or periods is None:
        return None
    codes = list(map(itemgetter(0), found))
    knowns = list(map(itemgetter(1), found))
    kind_texts = list(map(KIND_TEXT.__getitem__, kinds))
    period_texts = list(map(attrgetter("text"), periods))
    held: list[Any] | None = None  # what is stored for each row's figure
    if clean.stored is not None:
        ids = map(attrgetter("id"), knowns)
        held = list(map(clean.stored.get, zip(ids, kind_texts, period_texts, strict=True)))
        new = held.count(None)
        if new == len(held):
            held = None
        elif new:
            return None  # some figures stored, some not: row by row
    figures = dict(zip(zip(codes, kind_texts, period_texts, strict=True), numbers, strict=True))
    if len(figures) < len(rows) or not seen.keys().isdisjoint(figures):
        return None  # a repeated figure: row by row, which names the line it repeats
    others = [repeat("", len(rows)) if i is None else by_column[i] for i in clean.optional]
    details = _each(clean.details, clean.details_of, list(zip(*others, strict=True)))
    if details is None:
        return None
    units = [known.unit for known in knowns]
    named = list(map(itemgetter(0), details))
    comparators = list(map(itemgetter(1), details))
    if None in comparators:  # a target's comparator by its indicator's direction
        directions = map(attrgetter("direction"), knowns)
        each = list(zip(comparators, kinds, directions, strict=True))
        chosen = {c: c[0] or default_comparator(c[1], c[2]) for c in set(each)}
        comparators = list(map(chosen.__getitem__, each))
    if held is not None:  # every figure stored: counted when every row says what is stored
        said = _said(held, details, comparators, by_column[i_value], named, units, numbers)
        return (figures, None) if said else None
    values = _values(by_column[i_value], named, units, numbers)
    if values is None:
        return None
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


def _said(
    held: Sequence[Any],
    details: Sequence[Details],
    comparators: Sequence[Comparator | None],
    cells: Sequence[object],
    named: Sequence[str],
    units: Sequence[str],
    lines: Sequence[int],
) -> bool:
    """Whether every row says what is `held` for its figure, as `read` decides it: the same
    comparator, document, quote and note and none of the rare columns, and the value's very
    text in its indicator's unit or a number equal to the stored one."""
    tails = zip(
        comparators,
        map(itemgetter(2), details),
        map(itemgetter(3), details),
        map(itemgetter(4), details),
        *(repeat(None, len(held)) for _ in NO_EXTRA),
        strict=True,
    )
    if not all(map(eq, map(itemgetter(slice(2, None)), held), tails)):
        return False
    stored = list(map(itemgetter(1), held))
    other = [
        i
        for i, same in enumerate(map(eq, stored, cells))
        if not same or named[i] and named[i] != units[i]
    ]
    if not other:
        return True
    values = _values(
        [cells[i] for i in other],
        [named[i] for i in other],
        [units[i] for i in other],
        [lines[i] for i in other],
    )
    if values is None:
        return False
    return all(
        value is not None and stored_value_is(stored[i], value)
        for i, value in zip(other, values, strict=True)
    )


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
    read: dict[int, Decimal] = {}  # the values read one by one, by position
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
        for i in others:
            problems: list[RowError] = []
            value = value_in_unit(texts[i], named[i], units[i], lines[i], problems)
            if value is None or problems:
                return None
            read[i] = value
            plain[i] = "0"  # a placeholder, replaced below
    if "," in joined:
        plain = [text.replace(",", "") for text in plain]
    values: list[Decimal | None] = list(map(Decimal, plain))
    for i, value in read.items():
        values[i] = value
    return values
