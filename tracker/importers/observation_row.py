"""One row of an observations file checked in full: every problem in it found and named by
column, or the typed entry it makes."""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from tracker.domain.numbers import check_decimal, normalize_text, parse_value, split_unit
from tracker.domain.periods import OPEN, parse_period
from tracker.domain.schemas import OBSERVATION_LIMITS, ObservationCreate
from tracker.domain.text import text_problem
from tracker.domain.vocab import (
    COMPARATOR_WORDS,
    DEADLINE_BASIS_WORDS,
    KIND_WORDS,
    Comparator,
    Direction,
    Kind,
)
from tracker.errors import RowError, ValidationError
from tracker.importers.raw import cell_text, exact_text

# Columns the quick way (clean_rows) does not read: a row with any of them filled comes here.
EXTRA = ("programme", "deadline_basis", "relative_to", "quarantine")
OPEN_PERIOD_NOTE = "only a target may have no period (an open commitment, with no deadline)"
MAX_TEXT = max(limit or 0 for limit in OBSERVATION_LIMITS.values())
SOURCE_LIMIT = OBSERVATION_LIMITS["source"] or MAX_TEXT
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


def default_comparator(kind: Kind, direction: Direction) -> Comparator | None:
    """A target written without a comparator is met at or above (at or below, for an indicator
    meant to decrease) its value; other kinds have none."""
    if kind is not Kind.TARGET:
        return None
    return Comparator.LE if direction is Direction.DECREASE else Comparator.GE


def parse_row(
    line: int,
    row: dict[str, object],
    indicators: Mapping[str, IndicatorUnit],
    documents: Set[str],
    source: str,
    errors: list[RowError],
    programmes: Set[str] = frozenset(),
) -> tuple[str, ObservationCreate] | None:
    """The row's entry, or None with every problem in it added to `errors`."""

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
        unit = cell_text(row.get("unit", ""))
        value = value_in_unit(row["value"], unit, known.unit, line, errors)
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
    if comparator is None:
        comparator = default_comparator(kind, known.direction)
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


def value_in_unit(
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
