"""Periods as documents and people write them (`2025`, `2025年6月`, `2025Q2`) with precision."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from tracker.domain.numbers import normalize_text
from tracker.domain.vocab import Precision
from tracker.errors import ValidationError


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: canonical text (`2025`, `2025-06`, `2025-06-30`) and its precision."""

    text: str
    precision: Precision

    @property
    def end(self) -> date:
        """The last day the period covers; targets fall due on it, actuals are dated by it."""
        year = int(self.text[:4])
        if self.precision is Precision.YEAR:
            return date(year, 12, 31)
        month = int(self.text[5:7])
        if self.precision is Precision.MONTH:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, int(self.text[8:10]))

    def __str__(self) -> str:
        return self.text


_HALF = {"上半年": 6, "下半年": 12, "h1": 6, "h2": 12}
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
)
_QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4}

EXPECTED = "expected e.g. 2025, 2025-06, 2025-06-30, 2025年6月, 2025年上半年 or 2025Q2"


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
            return _checked(year, quarter * 3, None, value)
        return _checked(year, _HALF[match[2]], None, value)
    raise ValidationError(f"{value!r} is not a period ({EXPECTED})")


def day(value: date) -> Period:
    """The period of one calendar day."""
    return Period(value.isoformat(), Precision.DAY)


def _checked(year: int, month: int | None, dom: int | None, shown: object) -> Period:
    if not 1900 <= year <= 2200:
        raise ValidationError(f"{shown!r}: year {year} is outside 1900-2200")
    if month is None:
        return Period(f"{year:04d}", Precision.YEAR)
    if not 1 <= month <= 12:
        raise ValidationError(f"{shown!r}: month {month} is not 1-12")
    if dom is None:
        return Period(f"{year:04d}-{month:02d}", Precision.MONTH)
    try:
        return day(date(year, month, dom))
    except ValueError as exc:
        raise ValidationError(f"{shown!r}: {exc}") from exc


def years_between(start: date, end: date) -> float:
    """Fractional years from start to end (negative when end is earlier)."""
    return (end - start).days / 365.25
