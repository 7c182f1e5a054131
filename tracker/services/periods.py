"""Closing a period for a region and its sub-regions, reopening it, and what is closed."""

from __future__ import annotations

from sqlmodel import Session

from tracker.domain.models import Region
from tracker.domain.periods import Period, parse_period
from tracker.domain.status_board import resolve_name
from tracker.errors import NotFoundError, ValidationError
from tracker.services.store import Store, context
from tracker.storage import periods, queries
from tracker.storage.engine import reading, writing
from tracker.storage.periods import Closing


def closable_period(text: str) -> Period:
    """The period `text` names, when it is a month, quarter, half-year or year."""
    try:
        period = parse_period(text)
    except ValidationError as exc:
        if exc.key != "error.not_a_period":
            raise  # a month 13, a year out of range: said as such
        raise ValidationError.of("error.period_not_closable", shown=text) from None
    return periods.closable(period)


def region_named(session: Session, text: str) -> Region:
    """The region of this name or code, or a refusal naming what was given."""
    try:
        code = resolve_name(rows=queries.regions(session=session), text=text, what="region")
    except NotFoundError:
        raise NotFoundError.of("error.unknown_region", shown=text) from None
    region = session.get(Region, code)
    assert region is not None
    return region


def close_period(store: Store, *, period: str, region: str, actor: str, origin: str) -> Closing:
    """Close `period` for `region` and its sub-regions: no value dated in it can be written
    there until it is reopened. Refused, with nothing written, for a malformed period, an
    unknown region, or a period closed for the region already."""
    wanted = closable_period(period)
    with writing(store.engine) as session:
        return periods.close_period(
            session=session,
            ctx=context(actor, origin),
            region=region_named(session, region),
            period=wanted,
        )


def reopen_period(store: Store, *, period: str, region: str, actor: str, origin: str) -> Closing:
    """Reopen `period` for `region`, which its own closing closed; refused, with nothing
    written, when it is not closed for the region or is closed by an ancestor's closing."""
    wanted = closable_period(period)
    with writing(store.engine) as session:
        return periods.reopen_period(
            session=session,
            ctx=context(actor, origin),
            region=region_named(session, region),
            period=wanted,
        )


def closed_periods(store: Store) -> list[Closing]:
    """Every closing, newest first, with who closed it and when, and who reopened it."""
    with reading(store.engine) as session:
        return periods.closings(session=session)
