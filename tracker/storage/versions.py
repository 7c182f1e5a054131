"""An indicator's version: claimed by every write to it, so that a writer working from an
older view is refused, told what changed and who changed it."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col

from tracker.domain.models import Indicator
from tracker.errors import ConflictError
from tracker.storage import access
from tracker.storage.changes import WriteContext, last_change_of, who


def snapshot(row: SQLModel) -> dict[str, Any]:
    """A row's fields as a plain dict, for audit before/after."""
    return row.model_dump()


def claim(
    *, session: Session, ctx: WriteContext, indicator: Indicator, expected: int | None
) -> int:
    """Advance the indicator's version; refuse if someone changed it since `expected`."""
    condition = col(Indicator.id) == indicator.id
    if expected is not None:
        condition = sa.and_(condition, col(Indicator.version) == expected)
    result = session.execute(
        sa.update(Indicator)
        .where(condition)
        .values(version=Indicator.version + 1, updated_at=ctx.now, updated_by=ctx.actor)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        # Row-level security hides rows a role may not write from UPDATE: say so, not "conflict".
        access.ensure_may_write(session=session, region_codes={indicator.region_code})
        raise conflict(session=session, indicator=indicator, expected=expected or 0)
    session.refresh(indicator)
    return indicator.version


def conflict(*, session: Session, indicator: Indicator, expected: int) -> ConflictError:
    """A conflict naming what changed the indicator after version `expected`, and who."""
    session.refresh(indicator)
    assert indicator.id is not None
    last = last_change_of(session=session, indicator_id=indicator.id, code=indicator.code)
    what = (
        f"{last.origin} by {who(last)} at {last.at:%Y-%m-%d %H:%M:%S} ({last.interface},"
        f" change {last.id})"
        if last
        else "a change"
    )
    return ConflictError(
        f"{indicator.code} was changed after you opened it (version {expected} -> "
        f"{indicator.version}): {what}. Reload and apply your change again.",
        current_version=indicator.version,
    )


def refuse_stale(*, session: Session, indicator: Indicator, expected: int | None) -> None:
    """A conflict when the caller's view is older than the indicator: it is told what changed
    rather than a consequence of it (such as 'already flagged' after someone else flagged)."""
    if expected is not None and expected != indicator.version:
        raise conflict(session=session, indicator=indicator, expected=expected)
