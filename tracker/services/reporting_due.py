"""Not reported this period: the indicators still lacking the figure of the latest month,
quarter or year (by each one's reporting frequency) that has ended by a date; the list a
coordinator sends reminders from.

The period due is the latest whole period of the indicator's frequency ending on or before
the date (on 2025-12-01 a monthly indicator owes November, a quarterly one 2025Q3, an annual
one 2024). It is reported when a current actual (a month, a year, a quarter or a year-to-date
range) ends on or after the period's end. Indicators reported once, and those of programmes
that have ended, owe nothing. Values held for checking are counted beside each gap: someone
did report, and the figure waits to be checked rather than chased.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.periods import Period
from tracker.domain.status_board import IndicatorStatus
from tracker.domain.vocab import Frequency, Precision, Status
from tracker.services.status_board import read_status_board

if TYPE_CHECKING:
    from tracker.services.store import Store

DUE_COLUMNS = (
    "code",
    "name",
    "region",
    "frequency",
    "due",
    "last_reported",
    "held",
    "lead",
    "responsible",
)


def due_period(frequency: Frequency, as_of: date) -> Period | None:
    """The latest whole month, quarter or year ending on or before `as_of`; None for an
    indicator reported once."""
    year, month = as_of.year, as_of.month
    ends_month = _last_day(as_of)
    if frequency is Frequency.MONTHLY:
        if not ends_month:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return Period(f"{year}-{month:02d}", Precision.MONTH)
    if frequency is Frequency.QUARTERLY:
        quarter = (month - 1) // 3 + 1
        if not (ends_month and month % 3 == 0):
            year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        return Period(f"{year}Q{quarter}", Precision.QUARTER)
    if frequency is Frequency.ANNUAL:
        return Period(str(year if (month, as_of.day) == (12, 31) else year - 1), Precision.YEAR)
    return None


def _last_day(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


@dataclass(frozen=True)
class DueItem:
    """One indicator still owing its figure for `due`."""

    code: str
    name: str
    name_en: str
    region_code: str
    region: str
    region_en: str
    frequency: Frequency
    due: Period
    last_reported: date | None  # the end of the latest actual up to the date, if any
    last_period: str  # its period text (empty for a quarter or range, which has none kept)
    held: int  # values held for checking
    lead: tuple[str, ...]
    responsible: tuple[str, ...]


def not_reported(
    source: Store | str,
    *,
    as_of: date,
    region: str | None = None,
    include_closed: bool = False,
) -> list[DueItem]:
    """The indicators of `region` (with its sub-regions; all without it) that lack the figure
    due by `as_of`, by region then code."""
    board = read_status_board(source, as_of=as_of, region=region)
    return missing(board.statuses, as_of=as_of, include_closed=include_closed)


def missing(
    items: Iterable[IndicatorStatus], *, as_of: date, include_closed: bool = False
) -> list[DueItem]:
    """Of `items` (verdicts as of `as_of`), those lacking the figure due then."""
    found = []
    for item in items:
        row = item.row
        if item.verdict.status is Status.CLOSED and not include_closed:
            continue
        due = due_period(row.frequency, as_of)
        if due is None:
            continue
        facts = row.facts
        ends = [p.when for p in (*facts.actuals, facts.partial) if p is not None]
        last = max(ends) if ends else None
        if last is not None and last >= due.end:
            continue
        point = facts.actuals[-1].when if facts.actuals else None
        found.append(
            DueItem(
                code=row.code,
                name=row.name,
                name_en=row.name_en,
                region_code=row.region.code,
                region=row.region.name,
                region_en=row.region.name_en,
                frequency=row.frequency,
                due=due,
                last_reported=last,
                last_period=row.latest_period if last is not None and last == point else "",
                held=facts.held,
                lead=row.lead,
                responsible=row.responsible,
            )
        )
    found.sort(key=lambda d: (d.region_code, d.code))
    return found
