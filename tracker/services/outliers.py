"""Values that look wrong before they are written: a share above 100 %, a negative count, an
implausibly large figure, a ten-fold change against the latest actual of the same length. An
import holds them back; `tracker record` says so."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Context, Decimal
from typing import Any

from sqlmodel import Session

from tracker.domain.columns import ObservationColumns
from tracker.domain.models import Indicator
from tracker.domain.numbers import format_decimal, split_unit, stored_value_is
from tracker.domain.periods import parse_period
from tracker.domain.schemas import ObservationCreate
from tracker.domain.vocab import Kind
from tracker.errors import RowError, ValidationError
from tracker.i18n import Phrase, phrase
from tracker.storage import bulk


def outliers(
    session: Session,
    indicators: dict[str, Indicator],
    entries: Iterable[tuple[str, ObservationCreate]] | ObservationColumns,
    *,
    stored: dict[Any, Any] | None = None,
) -> list[RowError]:
    """Suspicious actuals, worst first: a share above 100 %, or a ten-fold jump against the
    latest stored actual of the same period length (a month against a month, a year-to-date
    range against a range), so that monthly and yearly figures are not compared.

    A value already stored as it is raises no warning: re-importing a file stays quiet.
    `entries` are (code, entry) pairs or an import's columns; `stored` is
    `bulk.current_contents` of these indicators when the caller has read it.
    """
    columns = entries if isinstance(entries, ObservationColumns) else ObservationColumns.of(entries)
    # Only actuals are checked: a re-import that changes nothing has none to check.
    values = columns.values
    actuals = [
        i for i, kind in enumerate(columns.kinds) if kind is Kind.ACTUAL and values[i] is not None
    ]
    if not actuals:
        return []
    # Per indicator and per period once: a file repeats them for every row.
    facts = {
        code: (indicators[code].id or 0, indicators[code].unit, indicators[code].measure)
        for code in {columns.codes[i] for i in actuals}
    }
    wanted = {indicator_id for indicator_id, _, _ in facts.values()}
    if stored is None:
        stored = bulk.current_contents(session=session, indicator_ids=wanted)
    # The latest stored actual of each indicator for each period length: (end, value).
    latest: dict[tuple[int, str], tuple[Any, Decimal]] = {}
    for (indicator_id, kind, period_text), row in stored.items():
        if indicator_id not in wanted:
            continue
        if kind != Kind.ACTUAL.value or not period_text or row[1] is None:
            continue
        try:
            period = parse_period(period_text)
        except ValidationError:
            continue
        key = (indicator_id, _length(period))
        if key not in latest or latest[key][0] < period.end:
            latest[key] = (period.end, Decimal(str(row[1])))
    lengths: dict[Any, str] = {}
    found: list[tuple[Decimal, RowError]] = []
    codes, periods, lines = columns.codes, columns.periods, columns.lines
    actual = Kind.ACTUAL.value
    quiet = {code: quiet_range(unit, measure) for code, (_, unit, measure) in facts.items()}
    for i in actuals:
        value, period = values[i], periods[i]
        assert value is not None
        indicator_id, unit, measure = facts[codes[i]]
        old = stored.get((indicator_id, actual, period.text)) if stored else None
        if old is not None and stored_value_is(old[1], value):
            continue
        previous = None
        if latest:  # nothing stored to compare with: no period's length is needed
            length = lengths.get(period.text) or lengths.setdefault(period.text, _length(period))
            previous = latest.get((indicator_id, length))
        if previous is None:
            low, high = quiet[codes[i]]
            if low <= value <= high:
                continue  # nothing to compare it with, and nothing wrong with it alone
        reason = suspicious(value, unit, previous[1] if previous else None, measure)
        if reason:
            error = RowError(lines[i] or 0, "value", format_decimal(value), str(reason))
            found.append((_severity(value, previous[1] if previous else None), error))
    found.sort(key=lambda pair: (-pair[0], pair[1].line))
    return [error for _, error in found]


# A unit's magnitude and base, read once per unit (an import asks for every value).
unit_parts = functools.cache(split_unit)


def _length(period: Any) -> str:
    """What a period is compared with: its precision, and a range's number of months."""
    if period.start is None:
        return str(period.precision.value)
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    return f"{period.precision.value}:{months}"


def _severity(value: Decimal, previous: Decimal | None) -> Decimal:
    """How far off a suspicious value is: its ratio to the previous one either way, or to
    100 for a share above 100 % with nothing to compare."""
    if previous is None or previous == 0 or value == 0:
        return abs(value) / 100
    ratio = abs(value / previous)
    return ratio if ratio >= 1 else 1 / ratio


# Units that count things: a negative figure in one of them is a typing error.
COUNT_UNITS = frozenset(
    "个 家 条 项 次 场 人 位 所 列 亩 轮 批次 户次 家次 名 人次 笔 标箱 户 例 件 辆 座 架".split()
)
IMPLAUSIBLE = Decimal(10) ** 16  # in the unit's base (元, 人次): more than any economy holds
PRECISION = 40  # digits for the last value below IMPLAUSIBLE (values hold at most 24)


def quiet_range(unit: str, measure: str = "level") -> tuple[Decimal, Decimal]:
    """The values `suspicious` finds nothing wrong with when there is no previous one to
    compare with, lowest and highest: a share at most 100 %, a count at least 0, and below
    IMPLAUSIBLE either way (the limits themselves are implausible: just inside them)."""
    factor, base = unit_parts(unit)
    level = measure != "rate"
    limit = IMPLAUSIBLE / factor
    below = limit.next_minus(Context(prec=PRECISION))
    high = min(Decimal(100), below) if level and base == "%" else below
    low = Decimal(0) if level and base in COUNT_UNITS else below.copy_negate()  # `-` rounds
    return low, high


def suspicious(
    value: Decimal, unit: str, previous: Decimal | None, measure: str = "level"
) -> Phrase | None:
    """Why a new actual looks wrong, or None: a share above 100 %, a negative count, a figure
    larger than anything measured (1.2e17 亿元), or a ten-fold change. A rate of change
    (`measure` rate) may pass 100 % and fall below 0. `record` can ask the same. A phrase:
    `str` says it in English, `say(lang)` in either language."""
    factor, base = unit_parts(unit)
    level = measure != "rate"
    if level and base == "%" and value > 100:
        return phrase("outlier.percentage", value=format_decimal(value))
    if level and base in COUNT_UNITS and value < 0:
        return phrase("outlier.negative_count", value=format_decimal(value), unit=unit)
    if abs(value) * factor >= IMPLAUSIBLE:
        return phrase("outlier.implausible", value=format_decimal(value), unit=unit)
    if previous is not None and previous != 0 and value != 0:
        ratio = abs(value / previous)
        if ratio >= 10 or ratio <= Decimal("0.1"):
            shown = f"{ratio:.0f}" if ratio >= 100 else f"{ratio:.3g}"
            return phrase("outlier.fold", ratio=shown, previous=format_decimal(previous))
    return None
