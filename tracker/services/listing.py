"""Every indicator's verdict, the summary, and filtered, sorted listings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.domain.numbers import normalize_text
from tracker.domain.status_board import IndicatorStatus, Summary
from tracker.domain.status_board import summarize as summary_of
from tracker.domain.vocab import STATUS_ORDER, Status
from tracker.errors import ValidationError
from tracker.services.status_board import read_status_board
from tracker.services.store import Store


def statuses(
    store: Store, *, as_of: date, region: str | None = None, pillar: str | None = None
) -> list[IndicatorStatus]:
    """Every indicator's verdict as of a date, optionally for one region (with its sub-regions)
    or one pillar, read in one snapshot."""
    return read_status_board(store, as_of=as_of, region=region, pillar=pillar).statuses


def summarize(
    store: Store,
    *,
    as_of: date,
    region: str | None = None,
    pillar: str | None = None,
    group_by: str = "pillar",
    include_closed: bool = False,
) -> Summary:
    """The picture a coordinator opens with (closed programmes' indicators only when asked)."""
    items = statuses(store, as_of=as_of, region=region, pillar=pillar)
    return summary_of(items, as_of=as_of, group_by=group_by, include_closed=include_closed)


@dataclass(frozen=True)
class IndicatorFilter:
    """Which indicators a listing or an export covers; every field given narrows the choice."""

    region: str | None = None
    pillar: str | None = None
    statuses: tuple[Status, ...] = ()
    department: str | None = None
    flagged: bool = False
    stale: bool = False
    search: str | None = None
    include_closed: bool = False  # the indicators of programmes that have ended

    @property
    def narrows(self) -> bool:
        """Whether anything is filtered out at all."""
        return any(
            (
                self.region,
                self.pillar,
                self.statuses,
                self.department,
                self.flagged,
                self.stale,
                self.search,
            )
        )


SORT_KEYS = ("code", "name", "status", "progress", "deadline", "region", "pillar", "updated")


def select_indicators(
    store: Store,
    *,
    as_of: date,
    where: IndicatorFilter | None = None,
    sort: str = "code",
    reverse: bool = False,
) -> list[IndicatorStatus]:
    """The indicators matching `where`, with their verdicts, in the order asked for."""
    where = where or IndicatorFilter()
    if sort not in SORT_KEYS:
        raise ValidationError(f"cannot sort by {sort!r}; expected one of {', '.join(SORT_KEYS)}")
    items = statuses(store, as_of=as_of, region=where.region, pillar=where.pillar)
    chosen = [item for item in items if matches(item, where)]
    return sorted(chosen, key=_sort_key(sort), reverse=reverse)


def matches(item: IndicatorStatus, where: IndicatorFilter) -> bool:
    """Whether one indicator passes the filter (region and pillar are applied by `statuses`)."""
    if where.statuses and item.verdict.status not in where.statuses:
        return False
    closed = item.verdict.status is Status.CLOSED
    if closed and not where.include_closed and Status.CLOSED not in where.statuses:
        return False
    if where.flagged and item.row.flag is None:
        return False
    if where.stale and not item.verdict.stale:
        return False
    if where.department:
        wanted = normalize_text(where.department).casefold()
        names = item.row.lead + item.row.responsible
        if not any(wanted in normalize_text(n).casefold() for n in names):
            return False
    if where.search:
        wanted = normalize_text(where.search).casefold()
        row = item.row
        if not any(
            wanted in normalize_text(t).casefold() for t in (row.code, row.name, row.name_en)
        ):
            return False
    return True


def _sort_key(sort: str) -> Callable[[IndicatorStatus], Any]:
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    far = date.max

    def key(item: IndicatorStatus) -> Any:
        ind, verdict = item.row, item.verdict
        if sort == "name":
            return (ind.name, ind.code)
        if sort == "status":
            ratio = verdict.ratio if verdict.ratio is not None else -1e9
            return (order[verdict.status], ratio, ind.code)
        if sort == "progress":
            # Unknown progress sorts last; the least advanced first.
            known = verdict.progress is not None
            return (not known, verdict.progress or 0.0, ind.code)
        if sort == "deadline":
            deadline = verdict.target.deadline if verdict.target else None
            return (deadline or far, ind.code)
        if sort == "region":
            return (item.row.region.name, ind.code)
        if sort == "pillar":
            return (item.row.pillar.position, ind.code)
        if sort == "updated":
            return (ind.updated_at, ind.code)
        return ind.code

    return key
