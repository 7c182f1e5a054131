"""Closed periods (DHIS2's data approval, simply): closing a month, quarter, half-year or year
for a region and its sub-regions, reopening it, and the check every write of a value makes.

A period is closed for region R while a `period_close` row that is not reopened exists for R
or one of its ancestors; a value of an indicator of R dated (by its period's end) within the
row's span may then not be written, superseded or withdrawn. Closing and reopening are each a
change set of their own. On PostgreSQL only province roles may close or reopen, and revision
0008's trigger refuses a write into a closed period whoever makes it, raw SQL included; the
checks here come first so that the tracker's own writes are refused with the file line, the
period, and who closed it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from tracker.domain.models import ChangeSet, Indicator, Observation, PeriodClose, Region
from tracker.domain.periods import Period, stored_as_period
from tracker.domain.schemas import ObservationCreate
from tracker.domain.vocab import Precision
from tracker.errors import PermissionDeniedError, RowError, ValidationError
from tracker.i18n import t
from tracker.storage import access
from tracker.storage.changes import WriteContext, open_change_set

CLOSABLE = frozenset({Precision.MONTH, Precision.QUARTER, Precision.HALF, Precision.YEAR})
CLOSE_ORIGIN = "period-close"
REOPEN_ORIGIN = "period-reopen"
SHOWN_ROWS = 100  # the refused rows of an import named one by one


@dataclass(frozen=True)
class Closing:
    """One closing of a period for a region: who closed it and when, and who reopened it."""

    id: int
    region_code: str
    region: str  # `铁岭 (TL)`
    period: str
    start: date
    end: date
    closed_in: int
    closed_by: str
    closed_at: datetime
    reopened_in: int | None = None
    reopened_by: str | None = None
    reopened_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        """Whether the period is still closed (this closing was not reopened)."""
        return self.reopened_in is None

    def covers(self, end: date) -> bool:
        """Whether a value dated `end` falls in the closed span."""
        return self.start <= end <= self.end

    def said(self) -> dict[str, object]:
        """The parameters the refusals name: the period, the region, who closed it, when."""
        return {
            "period": self.period,
            "region": self.region,
            "code": self.region_code,
            "actor": self.closed_by,
            "at": shown_time(self.closed_at),
        }


class ClosedPeriodError(ValidationError):
    """A write of values into closed periods: `rows` names the first of them by their file
    lines, `total` counts them all."""

    rows: list[RowError]
    total: int


def shown_time(at: datetime) -> str:
    """A change's time as the refusals show it: `2026-12-01 14:02 UTC`."""
    return f"{at:%Y-%m-%d %H:%M} UTC"


def who(actor: str, person: str | None) -> str:
    """The account, and the person's name beside it when there is one."""
    return f"{actor} ({person})" if person and person != actor else actor


def closable(period: Period) -> Period:
    """`period` when it can be closed (a month, quarter, half-year or year), else refused."""
    if period.is_open or period.precision not in CLOSABLE:
        raise ValidationError.of("error.period_not_closable", shown=period.text)
    return period


def region_chains(session: Session) -> dict[str, tuple[str, ...]]:
    """Each region's code with its ancestors' codes, nearest first."""
    found = session.execute(sa.select(col(Region.code), col(Region.parent_code)))
    parents: dict[str, str | None] = dict(found.all())
    chains: dict[str, tuple[str, ...]] = {}
    for code in parents:
        chain: list[str] = []
        at: str | None = code
        while at is not None and at not in chain:
            chain.append(at)
            at = parents.get(at)
        chains[code] = tuple(chain)
    return chains


def closings(*, session: Session, still_closed: bool = False) -> list[Closing]:
    """Every closing, newest first (only those not reopened with `still_closed`)."""
    closed = aliased(ChangeSet)
    reopened = aliased(ChangeSet)
    query = (
        sa.select(
            PeriodClose,
            col(Region.name),
            col(closed.actor),
            col(closed.person),
            col(closed.at),
            col(reopened.actor),
            col(reopened.person),
            col(reopened.at),
        )
        .join(Region, col(Region.code) == PeriodClose.region_code)
        .join(closed, col(closed.id) == PeriodClose.closed_in)
        .outerjoin(reopened, col(reopened.id) == PeriodClose.reopened_in)
        .order_by(col(PeriodClose.id).desc())
    )
    if still_closed:
        query = query.where(col(PeriodClose.reopened_in).is_(None))
    found = []
    for row, name, actor, person, at, actor_r, person_r, at_r in session.execute(query):
        assert row.id is not None
        found.append(
            Closing(
                id=row.id,
                region_code=row.region_code,
                region=f"{name} ({row.region_code})",
                period=row.period,
                start=row.period_start,
                end=row.period_end,
                closed_in=row.closed_in,
                closed_by=who(actor, person),
                closed_at=at,
                reopened_in=row.reopened_in,
                reopened_by=who(actor_r, person_r) if actor_r is not None else None,
                reopened_at=at_r,
            )
        )
    return found


class ClosedSpans:
    """The closings in force, asked per region and date (a million rows ask a few dozen
    distinct questions: each is answered once)."""

    def __init__(self, session: Session) -> None:
        self.open = closings(session=session, still_closed=True)
        self.chains = region_chains(session) if self.open else {}
        self.answers: dict[tuple[str, date], Closing | None] = {}

    def __bool__(self) -> bool:
        return bool(self.open)

    def closing(self, region_code: str, end: date | None) -> Closing | None:
        """The closing that forbids writing a value of `region_code` dated `end`, if any."""
        if end is None or not self.open:
            return None
        key = (region_code, end)
        if key not in self.answers:
            chain = self.chains.get(region_code, (region_code,))
            self.answers[key] = next(
                (c for c in self.open if c.region_code in chain and c.covers(end)), None
            )
        return self.answers[key]


def ensure_open(
    *,
    session: Session,
    indicator: Indicator,
    period: Period | None = None,
    replaced: Observation | None = None,
) -> None:
    """Refuse writing a value of `indicator` for `period`, or superseding or withdrawing
    `replaced`, when either falls in a period closed for the indicator's region."""
    spans = ClosedSpans(session)
    if not spans:
        return
    written = [p for p in (period,) if p is not None and not p.is_open]
    if replaced is not None and replaced.period_end is not None:
        written.append(stored_as_period(replaced.period, replaced.precision))
    for value_period in written:
        found = spans.closing(indicator.region_code, value_period.end)
        if found is not None:
            raise ValidationError.of(
                "error.period_closed",
                written=f"{indicator.code} {value_period.text}",
                **found.said(),
            )


def ensure_open_change_set(*, session: Session, change_set_id: int) -> None:
    """Refuse undoing a change set (a revert) that wrote or moved out of `current` a value
    dated in a period closed for its indicator's region."""
    spans = ClosedSpans(session)
    if not spans:
        return
    touched = session.execute(
        sa.select(
            col(Indicator.code),
            col(Indicator.region_code),
            col(Observation.period),
            col(Observation.period_end),
        )
        .join(Indicator, col(Indicator.id) == Observation.indicator_id)
        .where(
            sa.or_(
                col(Observation.written_in) == change_set_id,
                col(Observation.superseded_in) == change_set_id,
            )
        )
        .distinct()
    )
    for code, region_code, period, end in touched:
        closing = spans.closing(region_code, end)
        if closing is not None:
            raise ValidationError.of(
                "error.period_closed", written=f"{code} {period}", **closing.said()
            )


def ensure_open_entries(
    *, session: Session, rows: Iterable[tuple[int, ObservationCreate]], shown: int = SHOWN_ROWS
) -> None:
    """Refuse a bulk write (indicator id, entry) of which any entry falls in a closed period,
    naming the first `shown` such entries by their lines and counting the rest; nothing is
    read but the closings when none is in force."""
    spans = ClosedSpans(session)
    if not spans:
        return
    ids = session.execute(sa.select(col(Indicator.id), col(Indicator.region_code)))
    regions: dict[int, str] = dict(ids.all())
    said: dict[int, str] = {}  # a closing's words, shared by the rows it refuses
    errors: list[RowError] = []
    total = 0
    first: Closing | None = None
    for indicator_id, entry in rows:
        if entry.period.is_open:
            continue
        found = spans.closing(regions.get(indicator_id, ""), entry.period.end)
        if found is None:
            continue
        total += 1
        first = first or found
        if len(errors) < shown:
            if found.id not in said:
                said[found.id] = t("error.period_closed_row", "en", **found.said())
            errors.append(RowError(entry.line or 0, "period", entry.period.text, said[found.id]))
    if first is None:
        return
    lines = [str(e.line) for e in errors if e.line]
    error = ClosedPeriodError.of(
        "error.period_closed_rows",
        count=total,
        lines=", ".join(lines[:10]) + (" ..." if total > 10 else "") if lines else "-",
        **first.said(),
    )
    error.rows, error.total = errors, total
    raise error


def ensure_may_close(*, session: Session, region: Region) -> None:
    """Refuse a role that may not close or reopen this region's periods (on PostgreSQL, a role
    that does not hold the province's root region: revision 0008's function decides)."""
    if not access.is_postgres(session):
        return
    allowed = session.execute(
        sa.text("SELECT tracker_may_close_period(:code)"), {"code": region.code}
    ).scalar()
    if not allowed:
        raise PermissionDeniedError.of("error.may_not_close", role=access.current_role(session))


def close_period(*, session: Session, ctx: WriteContext, region: Region, period: Period) -> Closing:
    """Close `period` for `region` and its sub-regions, as a change set of its own; refused
    when it is closed for them already (by this region's or an ancestor's closing)."""
    closable(period)
    ensure_may_close(session=session, region=region)
    chain = region_chains(session).get(region.code, (region.code,))
    start, end = period.first_day, period.end
    for found in closings(session=session, still_closed=True):
        if found.region_code in chain and found.start <= start and end <= found.end:
            if found.region_code == region.code and found.period == period.text:
                raise ValidationError.of("error.period_already_closed", **found.said())
            raise ValidationError.of(
                "error.period_closed_above",
                **(found.said() | {"period": period.text, "region": label(region)}),
                closed=found.period,
                above=found.region,
            )
    change = open_change_set(session=session, ctx=ctx, origin=CLOSE_ORIGIN)
    assert change.id is not None
    row = PeriodClose(
        region_code=region.code,
        period=period.text,
        period_start=start,
        period_end=end,
        closed_in=change.id,
    )
    session.add(row)
    session.flush()
    return _closing_of(session, row)


def reopen_period(
    *, session: Session, ctx: WriteContext, region: Region, period: Period
) -> Closing:
    """Reopen `period` for `region`, closed for it by its own closing, as a change set of its
    own; refused, saying where, when it is not closed or closed by an ancestor's closing."""
    closable(period)
    ensure_may_close(session=session, region=region)
    row = session.exec(
        select(PeriodClose).where(
            PeriodClose.region_code == region.code,
            PeriodClose.period == period.text,
            col(PeriodClose.reopened_in).is_(None),
        )
    ).first()
    if row is None:
        chain = region_chains(session).get(region.code, (region.code,))
        for found in closings(session=session, still_closed=True):
            if found.region_code in chain and found.covers(period.end):
                raise ValidationError.of(
                    "error.period_closed_elsewhere",
                    **(found.said() | {"period": period.text, "region": label(region)}),
                    closed=found.period,
                    above=found.region,
                )
        raise ValidationError.of(
            "error.period_not_closed", period=period.text, region=label(region)
        )
    change = open_change_set(session=session, ctx=ctx, origin=REOPEN_ORIGIN)
    row.reopened_in = change.id
    session.add(row)
    session.flush()
    return _closing_of(session, row)


def label(region: Region) -> str:
    """`铁岭 (TL)`."""
    return f"{region.name} ({region.code})"


def _closing_of(session: Session, row: PeriodClose) -> Closing:
    return next(c for c in closings(session=session) if c.id == row.id)
