"""Values as people write them, read into exact decimals in the indicator's unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.numbers import (
    canonical,
    chinese_numeral,
    format_decimal,
    parse_value,
    split_unit,
)
from tracker.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("87.5", "%", "87.5"),
        ("87.5%", "%", "87.5"),
        ("１２．５％", "%", "12.5"),  # full-width digits, point and percent sign
        ("1,613", "万人次", "1613"),  # a bare number is in the indicator's unit
        ("１，６１３", "", "1613"),
        ("1，613", "个", "1613"),  # a full-width comma as thousands separator
        ("6.1万", "个", "61000"),
        ("6.1万", "万个", "6.1"),
        ("6.1万个", "万个", "6.1"),
        ("61000个", "万个", "6.1"),  # the unit's base converts too
        ("2.5亿", "万人次", "25000"),
        ("1.2万亿元", "亿元", "12000"),
        ("1万亿", "万亿元", "1"),
        ("4", "亿吨", "4"),
        ("负3", "个", "-3"),
        ("-3", "", "-3"),
        ("－３", "", "-3"),  # full-width minus
        ("+5", "", "5"),
        (".5", "", "0.5"),
        ("0", "%", "0"),
        ("  42  ", "", "42"),
        ("21个", "个", "21"),
        ("6.10", "", "6.1"),
    ],
)
def test_parse_value(text: str, unit: str, expected: str) -> None:
    assert parse_value(text, unit) == Decimal(expected)
    assert format_decimal(parse_value(text, unit)) == expected


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("", "", "a number is required"),
        ("   ", "个", "a number is required"),
        ("abc", "", "'abc' is not a number"),
        ("1,2345", "", "'1,2345' is not a number"),  # thousands groups have 3 digits
        ("12,34", "个", "'12,34' is not a number"),
        ("1.2.3", "", "'1.2.3' is not a number"),
        ("5公里", "", "cannot be converted into a number without a unit"),
        ("NaN", "", "is not a number"),
        ("inf", "", "is not a number"),
        ("--5", "", "is not a number"),
        ("87.5%", "个", "is a percentage but the unit is 个"),
        ("5公里", "个", "unit '公里' cannot be converted into '个'"),
        ("5万", "%", "a magnitude such as 万 cannot apply to a percentage"),
        ("1e400", "", "without an exponent"),
        ("1E5", "个", "without an exponent"),
        ("1" * 19, "", "is too large"),
        ("0." + "1" * 30, "", "more than 24 significant digits"),
        ("1" * 65, "", "at most 64 characters"),
        ("1000000万亿", "个", "is too large"),
    ],
)
def test_parse_value_refuses(text: str, unit: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(".", r"\.")):
        parse_value(text, unit)


@pytest.mark.parametrize(
    ("unit", "factor", "base"),
    [
        ("万人次", 10**4, "人次"),
        ("%", 1, "%"),
        ("万", 1, "万"),
        ("亿元", 10**8, "元"),
        ("万亿元", 10**12, "元"),
        ("个", 1, "个"),
        ("", 1, ""),
    ],
)
def test_split_unit(unit: str, factor: int, base: str) -> None:
    assert split_unit(unit) == (Decimal(factor), base)


@pytest.mark.parametrize(
    ("value", "text"), [("6.10", "6.1"), ("1E+2", "100"), ("0.000", "0"), ("-0", "0")]
)
def test_canonical_form(value: str, text: str) -> None:
    assert format_decimal(canonical(Decimal(value))) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("五", 5),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三百六十", 360),
        ("两千", 2000),
        ("一千零五", 1005),
        ("五a", None),
        ("", None),
    ],
)
def test_chinese_numeral(text: str, value: int | None) -> None:
    assert chinese_numeral(text) == value
