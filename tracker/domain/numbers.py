"""Reading values as people write them (`6.1万`, `87.5%`, `１,６１３`) into exact decimals."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from tracker.errors import ValidationError

# Longest first: a unit such as 万亿元 must not be read as 万 + 亿元.
MAGNITUDES: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal(10) ** 12),
    ("千亿", Decimal(10) ** 11),
    ("百亿", Decimal(10) ** 10),
    ("千万", Decimal(10) ** 7),
    ("百万", Decimal(10) ** 6),
    ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
    ("千", Decimal(10) ** 3),
)

MAX_ABS = Decimal(10) ** 18
ONE = Decimal(1)
MAX_DIGITS = 24
MAX_TEXT = 64

_PLAIN = re.compile(r"-?[0-9]{1,18}(?:\.[0-9]+)?")
_NUMBER = re.compile(
    r"^(?P<sign>[-+]|负)?\s*(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(?P<rest>.*)$"
)


@lru_cache(maxsize=1024)  # an import asks about the same few units for every row
def split_unit(unit: str) -> tuple[Decimal, str]:
    """Split a unit into its magnitude and base: `万人次` -> (10000, `人次`), `%` -> (1, `%`)."""
    unit = normalize_text(unit)
    for prefix, factor in MAGNITUDES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return factor, unit[len(prefix) :]
    return Decimal(1), unit


def normalize_text(text: str) -> str:
    """NFKC-fold full-width digits and signs and trim; `１２．５％` -> `12.5%`."""
    if text.isascii():  # NFKC leaves ASCII as it is; most cells are ASCII
        return text.strip()
    return unicodedata.normalize("NFKC", text).strip()


def parse_value(text: str, unit: str = "") -> Decimal:
    """Read `text` as a value in `unit`; raise ValidationError saying what was expected.

    Accepts thousands separators, a trailing `%`, 万/亿/万亿 magnitudes, `负`/`-`, full-width
    forms, and a trailing unit word that matches the indicator's unit. Converts magnitudes into
    the indicator's unit: `6.1万` is 61000 in 个 and 6.1 in 万个.
    """
    if len(text) <= MAX_DIGITS and _PLAIN.fullmatch(text):
        # Most cells of a large file: a bare number, short and plain, read as the steps below
        # would read it (in the indicator's unit, within the size and digit limits).
        return canonical(Decimal(text))
    raw = normalize_text(text)
    if not raw:
        raise ValidationError.of("error.number_required")
    if len(raw) > MAX_TEXT:
        raise ValidationError.of("error.number_length", limit=MAX_TEXT)
    match = _NUMBER.match(raw.replace("，", ","))
    if match is None:
        raise ValidationError.of("error.not_a_number", shown=text)
    try:
        number = Decimal(match["num"].replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only decimals
        raise ValidationError.of("error.not_a_number", shown=text) from exc
    if match["sign"] in ("-", "负"):
        number = -number
    if not match["rest"].strip():
        # A bare number is written in the indicator's unit: 6.1 for 亿元 is 6.1 亿元.
        return check_decimal(number, text)
    if re.fullmatch(r"[eE][-+]?\d+", match["rest"].strip()):
        raise ValidationError.of("error.exponent", shown=text)
    if match["rest"][:1] in (",", ".") or match["rest"][:1].isdigit():
        raise ValidationError.of("error.separators", shown=text)
    factor, rest_base = _read_suffix(match["rest"].strip(), text)
    unit_factor, unit_base = split_unit(unit) if unit else (Decimal(1), "")
    if rest_base == "%" and unit_base != "%":
        key = "error.percentage" if unit else "error.percentage_no_unit"
        raise ValidationError.of(key, shown=text, unit=unit)
    if rest_base and rest_base not in ("%",) and rest_base != unit_base:
        # Also without a unit: `1,2345` or `5公里` must not quietly read as 1 or 5.
        key = "error.unit" if unit else "error.unit_none"
        raise ValidationError.of(key, shown=text, written=rest_base, unit=unit)
    if unit_base == "%" and factor != 1:
        raise ValidationError.of("error.magnitude_percent", shown=text)
    value = number * factor / unit_factor
    return check_decimal(value, text)


def check_decimal(value: Decimal, shown: str = "") -> Decimal:
    """Refuse NaN, infinities and values too large or too precise to store exactly."""
    label = shown or str(value)
    if not value.is_finite():
        raise ValidationError.of("error.not_finite", shown=label)
    if abs(value) >= MAX_ABS:
        raise ValidationError.of("error.too_large", shown=label)
    normalized = value.normalize()
    # The text holds every digit of the coefficient: a short one needs no count.
    if len(str(normalized)) > MAX_DIGITS and len(normalized.as_tuple().digits) > MAX_DIGITS:
        raise ValidationError.of("error.too_precise", shown=label, digits=MAX_DIGITS)
    return canonical(value)


def canonical(value: Decimal) -> Decimal:
    """The stored form: no exponent, no trailing zeros (`6.10` -> `6.1`, `1E+2` -> `100`)."""
    normalized = value.normalize()
    if normalized == 0:
        return Decimal(0)
    # An integer keeps its zeros (1E+2 -> 100); anything else is already in its shortest form.
    if normalized.is_finite() and normalized == normalized.to_integral_value():
        return normalized.quantize(ONE)
    return normalized


def stored_value_is(stored: object, value: Decimal) -> bool:
    """Whether a value as stored (canonical text on SQLite, NUMERIC elsewhere) is `value`."""
    if isinstance(stored, str):
        if stored == format(value, "f"):
            return True
        try:
            return Decimal(stored) == value
        except InvalidOperation:
            return False
    return bool(stored == value)


def format_decimal(value: Decimal) -> str:
    """Plain text of a stored value with no exponent: `61000`, `87.5`."""
    return format(canonical(value), "f")


def _read_suffix(rest: str, original: str) -> tuple[Decimal, str]:
    """Split what follows the digits into a magnitude and a base unit."""
    if not rest:
        return Decimal(1), ""
    for prefix, factor in MAGNITUDES:
        if rest.startswith(prefix):
            return factor, rest[len(prefix) :].strip()
    return Decimal(1), rest


CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral(text: str) -> int | None:
    """Read a small Chinese numeral (`五`, `十二`, `三百六十`); None when it is not one."""
    if not text or any(ch not in CHINESE_DIGITS and ch not in CHINESE_UNITS for ch in text):
        return None
    total, digit = 0, 0
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        else:
            total += (digit or 1) * CHINESE_UNITS[ch]
            digit = 0
    return total + digit
