"""Periods as documents and people write them (`2025`, `2025年6月`, `2025Q2`, `2025年1-6月`)
with their precision, first and last day.

A year, month or day is a point: a value is dated by its end. A quarter (`2025Q2`), a
half-year (`2025H1`) and a range (`2024-01..2024-05`, a year-to-date figure) are periods of
their own, with a start. An open period (no text) is a target's missing deadline.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from tracker.domain.numbers import normalize_text
from tracker.domain.vocab import Precision
from tracker.errors import ValidationError

POINTS = (Precision.YEAR, Precision.MONTH, Precision.DAY)


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: canonical text (`2025`, `2025-06`, `2025-06-30`, `2025Q2`, `2025H1`,
    `2024-01..2024-05`, or `` for no period) and its precision."""

    text: str
    precision: Precision

    @property
    def is_open(self) -> bool:
        """Whether this is no period at all (a target with no deadline)."""
        return not self.text

    @property
    def end(self) -> date:
        """The last day the period covers; targets fall due on it, actuals are dated by it."""
        return _end(self.text, self.precision)

    @property
    def first_day(self) -> date:
        """The first day the period covers (a year's is 1 January)."""
        return _first_day(self.text, self.precision)

    @property
    def start(self) -> date | None:
        """The first day of a quarter, half-year or range; None for a point (dated by its end)."""
        if self.precision in POINTS or self.is_open:
            return None
        return self.first_day

    def __str__(self) -> str:
        return self.text


OPEN = Period("", Precision.YEAR)  # no period: `is_open`; its end and start are never read


def stored_period(period: Period) -> tuple[str, str | None, date | None, date | None]:
    """The stored columns of a period: text, precision, start and end (NULL when open)."""
    if period.is_open:
        return "", None, None, None
    return period.text, period.precision.value, period.start, period.end


def stored_as_period(text: str, precision: str | None) -> Period:
    """The period of stored columns (the inverse of `stored_period`)."""
    return OPEN if not text or precision is None else Period(text, Precision(precision))


@lru_cache(maxsize=4096)
def _end(text: str, precision: Precision) -> date:
    if precision is Precision.RANGE:
        last = text.split("..")[1]
        return _end(last, _point_precision(last))
    year = int(text[:4])
    if precision is Precision.YEAR:
        return date(year, 12, 31)
    if precision is Precision.QUARTER:
        month = int(text[5]) * 3
        return date(year, month, calendar.monthrange(year, month)[1])
    if precision is Precision.HALF:
        return date(year, 6, 30) if text[5] == "1" else date(year, 12, 31)
    month = int(text[5:7])
    if precision is Precision.MONTH:
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, int(text[8:10]))


@lru_cache(maxsize=4096)
def _first_day(text: str, precision: Precision) -> date:
    if precision is Precision.RANGE:
        first = text.split("..")[0]
        return _first_day(first, _point_precision(first))
    year = int(text[:4])
    if precision is Precision.YEAR:
        return date(year, 1, 1)
    if precision is Precision.QUARTER:
        return date(year, int(text[5]) * 3 - 2, 1)
    if precision is Precision.HALF:
        return date(year, 1 if text[5] == "1" else 7, 1)
    if precision is Precision.MONTH:
        return date(year, int(text[5:7]), 1)
    return date.fromisoformat(text)


def _point_precision(text: str) -> Precision:
    return {4: Precision.YEAR, 7: Precision.MONTH}.get(len(text), Precision.DAY)


_HALF = {"上半年": 1, "下半年": 2, "h1": 1, "h2": 2}
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})(?:年|年底|年末|年度)?$"), "y"),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), "ym"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(?:份|底|末)?$"), "ym"),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]00:00(?::00)?)?$"), "ymd"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"), "ymd"),
    (re.compile(r"^(\d{4})\s*-?\s*q([1-4])$"), "q"),
    (re.compile(r"^(\d{4})年?第?([1-4一二三四])季度$"), "q"),
    (re.compile(r"^(\d{4})年?(上半年|下半年)$"), "h"),
    (re.compile(r"^(\d{4})\s*-?\s*(h1|h2)$"), "h"),
    (re.compile(r"^(\d{4})年(\d{1,2})月?\s*[-—–~至到]\s*(\d{1,2})月(?:份|底|末)?$"), "mm"),
)
_RANGE = re.compile(r"^(.+?)\s*(?:\.\.|至|到)\s*(.+)$")
_CJK_SPACE = re.compile(r"\s*([年月日季度半第])\s*")
_QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4}


def parse_period(value: str | date | datetime) -> Period:
    """Read a period; raise ValidationError naming the forms expected."""
    if type(value) is str:
        return _parse_text(value)
    return _parse(value)


@lru_cache(maxsize=4096)
def _parse_text(value: str) -> Period:
    # An import repeats a few dozen period texts a million times: each is read once.
    return _parse(value)


def _parse(value: str | date | datetime) -> Period:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return day(value)
    text = normalize_text(str(value)).lower()
    if " " in text:  # `2025 年 6 月`, as typed with spaces around the characters
        text = _CJK_SPACE.sub(r"\1", text)
    ranged = _RANGE.match(text) if "." in text or "至" in text or "到" in text else None
    if ranged is not None and not re.match(r"^\d{4}\.\d{1,2}(\.\d{1,2})?$", text):
        return _range(_point(ranged[1], value), _point(ranged[2], value), value)
    return _point(text, value)


def _point(text: str, value: object) -> Period:
    for pattern, form in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        year = int(match[1])
        if form == "y":
            return _checked(year, None, None, value)
        if form == "ym":
            return _checked(year, int(match[2]), None, value)
        if form == "ymd":
            return _checked(year, int(match[2]), int(match[3]), value)
        if form == "q":
            quarter = int(_QUARTER_WORDS.get(match[2], match[2]))
            _checked(year, None, None, value)
            return Period(f"{year:04d}Q{quarter}", Precision.QUARTER)
        if form == "mm":
            first = _checked(year, int(match[2]), None, value)
            return _range(first, _checked(year, int(match[3]), None, value), value)
        _checked(year, None, None, value)
        return Period(f"{year:04d}H{_HALF[match[2]]}", Precision.HALF)
    raise ValidationError.of("error.not_a_period", shown=str(value))


def _range(first: Period, last: Period, shown: object) -> Period:
    """The range from the start of `first` to the end of `last`, each a year, month or day."""
    if first.precision not in POINTS or last.precision not in POINTS:
        raise ValidationError.of("error.range_points", shown=str(shown))
    if last.end <= first.first_day:
        raise ValidationError.of("error.range_order", shown=str(shown))
    return Period(f"{first.text}..{last.text}", Precision.RANGE)


def day(value: date) -> Period:
    """The period of one calendar day."""
    return Period(value.isoformat(), Precision.DAY)


def _checked(year: int, month: int | None, dom: int | None, shown: object) -> Period:
    if not 1900 <= year <= 2200:
        raise ValidationError.of("error.year", shown=str(shown), year=year)
    if month is None:
        return Period(f"{year:04d}", Precision.YEAR)
    if not 1 <= month <= 12:
        raise ValidationError.of("error.month", shown=str(shown), month=month)
    if dom is None:
        return Period(f"{year:04d}-{month:02d}", Precision.MONTH)
    try:
        return day(date(year, month, dom))
    except ValueError as exc:
        raise ValidationError.of("error.day", shown=str(shown)) from exc


def years_between(start: date, end: date) -> float:
    """Fractional years from start to end (negative when end is earlier)."""
    return (end - start).days / 365.25
