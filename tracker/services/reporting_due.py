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
from tracker.i18n import t
from tracker.services.status_board import read_status_board

if TYPE_CHECKING:
    from tracker.services.store import Store

# The list's columns, as catalogue keys: what a reminder needs first, then whom to send it.
DUE_COLUMNS = (
    "code",
    "name",
    "due",
    "last_reported",
    "held_count",
    "frequency",
    "region",
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


DueCell = str | int | None


def due_cells(item: DueItem, lang: str) -> list[DueCell]:
    """One line of the list in `lang`, a cell per DUE_COLUMNS."""
    last = item.last_period or (item.last_reported.isoformat() if item.last_reported else "")
    en = lang.startswith("en")
    return [
        item.code,
        item.name_en if en and item.name_en else item.name,
        item.due.text,
        last or t("never_reported", lang),
        item.held or None,
        t(f"frequency.{item.frequency.value}", lang),
        item.region_en if en and item.region_en else item.region,
        "、".join(item.lead),
        "、".join(item.responsible),
    ]


def due_table(
    items: Iterable[DueItem], lang: str
) -> tuple[list[str], list[list[str | int | None]]]:
    """The list as headers and cells in `lang`, for a screen or a file."""
    return [t(key, lang) for key in DUE_COLUMNS], [due_cells(item, lang) for item in items]


def due_json(item: DueItem) -> dict[str, object]:
    """One line of the list for --json (dates as ISO text)."""
    return {
        "code": item.code,
        "name": item.name,
        "name_en": item.name_en,
        "region": item.region_code,
        "frequency": item.frequency.value,
        "due": item.due.text,
        "last_reported": item.last_reported.isoformat() if item.last_reported else None,
        "last_period": item.last_period or None,
        "held": item.held,
        "lead": list(item.lead),
        "responsible": list(item.responsible),
    }
