"""Periods as documents and people write them, with their precision and last day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tracker.domain.periods import parse_period
from tracker.domain.vocab import Precision
from tracker.errors import ValidationError

Y, M, D = Precision.YEAR, Precision.MONTH, Precision.DAY
Q, H, R = Precision.QUARTER, Precision.HALF, Precision.RANGE


@pytest.mark.parametrize(
    ("written", "text", "precision", "end"),
    [
        ("2025", "2025", Y, date(2025, 12, 31)),
        ("2025年", "2025", Y, date(2025, 12, 31)),
        ("2025年底", "2025", Y, date(2025, 12, 31)),
        ("2025年度", "2025", Y, date(2025, 12, 31)),
        ("２０２５", "2025", Y, date(2025, 12, 31)),
        ("2025-06", "2025-06", M, date(2025, 6, 30)),
        ("2025/6", "2025-06", M, date(2025, 6, 30)),
        ("2025.6", "2025-06", M, date(2025, 6, 30)),
        ("2025年6月", "2025-06", M, date(2025, 6, 30)),
        ("2025年6月底", "2025-06", M, date(2025, 6, 30)),
        ("２０２５年６月", "2025-06", M, date(2025, 6, 30)),
        ("2024-02", "2024-02", M, date(2024, 2, 29)),
        ("2025/6/30", "2025-06-30", D, date(2025, 6, 30)),
        ("2025-06-30", "2025-06-30", D, date(2025, 6, 30)),
        ("2025.6.3", "2025-06-03", D, date(2025, 6, 3)),
        ("2025年6月30日", "2025-06-30", D, date(2025, 6, 30)),
        ("2025-06-30 00:00:00", "2025-06-30", D, date(2025, 6, 30)),
        ("2025Q2", "2025Q2", Q, date(2025, 6, 30)),
        ("2025 q4", "2025Q4", Q, date(2025, 12, 31)),
        ("2025-Q1", "2025Q1", Q, date(2025, 3, 31)),
        ("2025年第二季度", "2025Q2", Q, date(2025, 6, 30)),
        ("2025第3季度", "2025Q3", Q, date(2025, 9, 30)),
        ("2025年上半年", "2025H1", H, date(2025, 6, 30)),
        ("2025年下半年", "2025H2", H, date(2025, 12, 31)),
        ("2025H1", "2025H1", H, date(2025, 6, 30)),
        ("2024-01..2024-05", "2024-01..2024-05", R, date(2024, 5, 31)),
        ("2025年1-6月", "2025-01..2025-06", R, date(2025, 6, 30)),
        ("2024年1月-5月", "2024-01..2024-05", R, date(2024, 5, 31)),
        ("2024-01 至 2024-05", "2024-01..2024-05", R, date(2024, 5, 31)),
        ("2023..2025", "2023..2025", R, date(2025, 12, 31)),
        ("2024-01-15..2024-03-31", "2024-01-15..2024-03-31", R, date(2024, 3, 31)),
    ],
)
def test_parse_period(written: str, text: str, precision: Precision, end: date) -> None:
    period = parse_period(written)
    assert (period.text, period.precision, period.end) == (text, precision, end)


@pytest.mark.parametrize(
    ("written", "start"),
    [
        ("2025", None),
        ("2025-06", None),
        ("2025-06-30", None),
        ("2025Q2", date(2025, 4, 1)),
        ("2025H2", date(2025, 7, 1)),
        ("2024-01..2024-05", date(2024, 1, 1)),
        ("2025年1-6月", date(2025, 1, 1)),
    ],
)
def test_a_quarter_half_year_or_range_has_a_start_and_a_point_has_none(
    written: str, start: date | None
) -> None:
    """A quarter is not June: it covers April to June, and a year-to-date figure covers
    January to its last month; a point is dated by its end alone."""
    assert parse_period(written).start == start


def test_excel_dates_are_days() -> None:
    assert parse_period(date(2025, 6, 30)).text == "2025-06-30"
    assert parse_period(datetime(2025, 6, 30, 15, 30)).text == "2025-06-30"
    assert parse_period(datetime(2025, 6, 30)).precision is D


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2025-13", "month 13 is not 1-12"),
        ("2025年0月", "month 0 is not 1-12"),
        ("1800", "year 1800 is outside 1900-2200"),
        ("2025-02-30", "day is out of range"),
        ("2025Q5", "is not a period"),
        ("next year", "is not a period"),
        ("", "is not a period"),
        ("25", "is not a period"),
        ("2025年13季度", "is not a period"),
        ("2024-05..2024-01", "must end after it starts"),
        ("2025Q1..2025Q2", "runs from a year, month or day"),
        ("2024-01..", "is not a period"),
    ],
)
def test_parse_period_refuses(written: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_period(written)


def test_the_refusal_names_the_forms_expected() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_period("June")
    for form in ("2025-06", "2025年6月", "2025年上半年", "2025Q2"):
        assert form in str(caught.value)
