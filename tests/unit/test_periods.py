"""Periods as documents and people write them, with their precision and last day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tracker.domain.periods import parse_period
from tracker.domain.vocab import Precision
from tracker.errors import ValidationError

Y, M, D = Precision.YEAR, Precision.MONTH, Precision.DAY


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
        ("2025Q2", "2025-06", M, date(2025, 6, 30)),
        ("2025 q4", "2025-12", M, date(2025, 12, 31)),
        ("2025-Q1", "2025-03", M, date(2025, 3, 31)),
        ("2025年第二季度", "2025-06", M, date(2025, 6, 30)),
        ("2025第3季度", "2025-09", M, date(2025, 9, 30)),
        ("2025年上半年", "2025-06", M, date(2025, 6, 30)),
        ("2025年下半年", "2025-12", M, date(2025, 12, 31)),
        ("2025H1", "2025-06", M, date(2025, 6, 30)),
    ],
)
def test_parse_period(written: str, text: str, precision: Precision, end: date) -> None:
    period = parse_period(written)
    assert (period.text, period.precision, period.end) == (text, precision, end)


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
