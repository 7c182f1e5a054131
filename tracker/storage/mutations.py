"""Every write to the store, its rules checked here once: observations append-only in the
write's change set, flags, milestones and reference rows with their audit events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from tracker.domain.models import (
    Flag,
    Indicator,
    Milestone,
    Observation,
)
from tracker.domain.periods import stored_as_period, stored_period
from tracker.domain.schemas import (
    FLAG_LIMITS,
    MilestoneCreate,
    ObservationCreate,
)
from tracker.domain.text import check_text
from tracker.domain.vocab import (
    Comparator,
    DeadlineBasis,
    FlagLevel,
    Kind,
    ObservationState,
)
from tracker.errors import NotFoundError, ValidationError
from tracker.storage import access, bulk, periods
from tracker.storage.audit import WriteContext, record_audit
from tracker.storage.changes import stamp
from tracker.storage.definitions import (
    create_indicator,
    departments_of,
    set_departments,
    update_indicator,
)
from tracker.storage.versions import claim, conflict, refuse_stale, snapshot

# Indicator definitions are written by tracker.storage.definitions; named here too, so that
# every write can be found in one place.
__all__ = [
    "BulkResult",
    "bulk_record",
    "claim",
    "clear_flag",
    "create_indicator",
    "departments_of",
    "observation_content",
    "open_flag",
    "raise_flag",
    "record_milestone",
    "record_observation",
    "set_departments",
    "update_indicator",
    "upsert_reference",
    "withdraw_observation",
]


def upsert_reference(*, session: Session, ctx: WriteContext, row: SQLModel) -> str:
    """Insert or update a document, region or pillar; 'new', 'changed' or 'unchanged'."""
    model = type(row)
    key = sa.inspect(model).primary_key[0].name
    existing = session.get(model, getattr(row, key))
    # SQLModel types __tablename__ as a str or a function making one; on a table it is the str.
    entity = cast(str, model.__tablename__)
    if existing is None:
        session.add(row)
        session.flush()
        record_audit(
            session=session,
            ctx=ctx,
            action="create",
            entity=entity,
            entity_id=getattr(row, key),
            after=snapshot(row),
        )
        return "new"
    before = snapshot(existing)
    after = snapshot(row)
    if before == after:
        return "unchanged"
    for name, value in after.items():
        setattr(existing, name, value)
    record_audit(
        session=session,
        ctx=ctx,
        action="update",
        entity=entity,
        entity_id=getattr(row, key),
        before=before,
        after=after,
    )
    return "changed"


def record_milestone(
    *, session: Session, ctx: WriteContext, indicator: Indicator, entry: MilestoneCreate
) -> str:
    """Store one dated state of a deliverable unless the same state, date and source is stored
    already (its quote and note are then brought up to date); 'new', 'changed' or
    'unchanged'."""
    access.ensure_may_write(session=session, region_codes={indicator.region_code})
    period, _, _, period_end = stored_period(entry.period)
    existing = session.exec(
        select(Milestone).where(
            Milestone.indicator_id == indicator.id,
            Milestone.deliverable == entry.deliverable,
            Milestone.state == entry.state.value,
            Milestone.period == period,
            Milestone.source_doc == entry.source_doc
            if entry.source_doc is not None
            else Milestone.source_doc.is_(None),  # type: ignore[union-attr]
        )
    ).first()
    if existing is not None:
        if (existing.quote, existing.note) == (entry.quote, entry.note):
            return "unchanged"
        before = snapshot(existing)
        existing.quote, existing.note = entry.quote, entry.note
        session.flush()
        record_audit(
            session=session,
            ctx=ctx,
            action="update",
            entity="milestone",
            entity_id=str(existing.id),
            indicator_code=indicator.code,
            before=before,
            after=snapshot(existing),
        )
        return "changed"
    assert indicator.id is not None
    row = Milestone(
        indicator_id=indicator.id,
        deliverable=entry.deliverable,
        state=entry.state.value,
        period=period,
        period_end=period_end,
        source_doc=entry.source_doc,
        quote=entry.quote,
        note=entry.note,
        entered_by=ctx.actor,
        entered_at=ctx.now,
    )
    session.add(row)
    session.flush()
    record_audit(
        session=session,
        ctx=ctx,
        action="record",
        entity="milestone",
        entity_id=str(row.id),
        indicator_code=indicator.code,
        after=snapshot(row),
    )
    return "new"


def observation_content(row: Observation) -> ObservationCreate:
    """What a stored observation says, in the form new entries are compared with."""

    return ObservationCreate(
        kind=Kind(row.kind),
        period=stored_as_period(row.period, row.precision),
        value=row.value,
        comparator=Comparator(row.comparator) if row.comparator else None,
        source_doc=row.source_doc,
        source=row.source,
        quote=row.quote,
        note=row.note,
        programme=row.programme,
        deadline_basis=DeadlineBasis(row.deadline_basis) if row.deadline_basis else None,
        relative_to=row.relative_to,
        quarantine=row.quarantine,
    )


def record_observation(
    *,
    session: Session,
    ctx: WriteContext,
    indicator: Indicator,
    entry: ObservationCreate,
    expected_version: int | None = None,
    supersedes_id: int | None = None,
) -> Observation | None:
    """Record a value; it supersedes the current one for the same kind and period (or the one
    named by `supersedes_id`). Returns None when the value is already recorded as it is."""
    if supersedes_id is not None:
        old = session.get(Observation, supersedes_id)
        if old is None or old.indicator_id != indicator.id or old.state != ObservationState.CURRENT:
            raise NotFoundError(
                f"observation {supersedes_id} is not a current value of {indicator.code}"
            )
    else:
        old = session.exec(
            select(Observation).where(
                Observation.indicator_id == indicator.id,
                Observation.kind == entry.kind.value,
                Observation.period == entry.period.text,
                Observation.state == ObservationState.CURRENT.value,
            )
        ).first()
    if (
        old is not None
        and old.period == entry.period.text
        and observation_content(old).same_content(entry)
    ):
        if expected_version is not None and expected_version != indicator.version:
            raise conflict(session=session, indicator=indicator, expected=expected_version)
        return None
    periods.ensure_open(session=session, indicator=indicator, period=entry.period, replaced=old)
    claim(session=session, ctx=ctx, indicator=indicator, expected=expected_version)
    assert indicator.id is not None
    change_set_id = stamp(session=session, ctx=ctx, origin="correct" if old else "record")
    period, precision, period_start, period_end = stored_period(entry.period)
    new = Observation(
        indicator_id=indicator.id,
        kind=entry.kind.value,
        period=period,
        precision=precision,
        period_start=period_start,
        period_end=period_end,
        value=entry.value,
        comparator=entry.comparator.value if entry.comparator else None,
        programme=entry.programme,
        deadline_basis=entry.deadline_basis.value if entry.deadline_basis else None,
        relative_to=entry.relative_to,
        quarantine=entry.quarantine,
        source_doc=entry.source_doc,
        source=entry.source,
        quote=entry.quote,
        note=entry.note,
        entered_by=ctx.actor,
        entered_at=ctx.now,
        written_in=change_set_id,
    )
    session.add(new)
    session.flush()
    if old is not None:
        # One UPDATE moves it out of `current`, naming the change set and the row replacing it.
        old.state = ObservationState.SUPERSEDED.value
        old.superseded_in, old.superseded_by_id = change_set_id, new.id
        session.flush()
    return new


def withdraw_observation(
    *,
    session: Session,
    ctx: WriteContext,
    indicator: Indicator,
    observation_id: int,
    expected_version: int | None = None,
) -> Observation:
    """Withdraw a current observation: it leaves `current` in this write's change set (no
    other value becomes current in its place). Returns the withdrawn row."""
    row = session.get(Observation, observation_id)
    if row is None or row.indicator_id != indicator.id or row.state != ObservationState.CURRENT:
        raise NotFoundError(
            f"observation {observation_id} is not a current value of {indicator.code}"
        )
    periods.ensure_open(session=session, indicator=indicator, replaced=row)
    claim(session=session, ctx=ctx, indicator=indicator, expected=expected_version)
    # The change set first: opening it may flush, and the state moves only with its name.
    change_set_id = stamp(session=session, ctx=ctx, origin="withdraw")
    row.state = ObservationState.WITHDRAWN.value
    row.superseded_in = change_set_id
    session.flush()
    return row


def open_flag(*, session: Session, indicator: Indicator) -> Flag | None:
    """The indicator's open flag, if any."""
    return session.exec(
        select(Flag).where(Flag.indicator_id == indicator.id, Flag.cleared_at.is_(None))  # type: ignore[union-attr]
    ).first()


def raise_flag(
    *,
    session: Session,
    ctx: WriteContext,
    indicator: Indicator,
    level: FlagLevel,
    reason: str,
    expected_version: int | None = None,
) -> Flag:
    """Flag an indicator as off track or to watch; a reason is required."""
    check_text(reason, field="reason", limit=FLAG_LIMITS["reason"])
    if not reason.strip():
        raise ValidationError.of("error.flag_reason")
    refuse_stale(session=session, indicator=indicator, expected=expected_version)
    if open_flag(session=session, indicator=indicator) is not None:
        raise ValidationError.of("error.already_flagged", code=indicator.code)
    claim(session=session, ctx=ctx, indicator=indicator, expected=expected_version)
    assert indicator.id is not None
    flag = Flag(
        indicator_id=indicator.id,
        level=level.value,
        reason=reason.strip(),
        raised_by=ctx.actor,
        raised_at=ctx.now,
    )
    session.add(flag)
    session.flush()
    record_audit(
        session=session,
        ctx=ctx,
        action="flag",
        entity="flag",
        entity_id=flag.id,
        indicator_code=indicator.code,
        after=snapshot(flag),
    )
    return flag


def clear_flag(
    *,
    session: Session,
    ctx: WriteContext,
    indicator: Indicator,
    note: str,
    expected_version: int | None = None,
) -> Flag:
    """Clear the indicator's open flag; a note saying why is required."""
    check_text(note, field="note", limit=FLAG_LIMITS["note"])
    if not note.strip():
        raise ValidationError.of("error.clear_note")
    refuse_stale(session=session, indicator=indicator, expected=expected_version)
    flag = open_flag(session=session, indicator=indicator)
    if flag is None:
        raise ValidationError.of("error.no_open_flag", code=indicator.code)
    claim(session=session, ctx=ctx, indicator=indicator, expected=expected_version)
    before = snapshot(flag)
    flag.cleared_by, flag.cleared_at, flag.clear_note = ctx.actor, ctx.now, note.strip()
    session.flush()
    record_audit(
        session=session,
        ctx=ctx,
        action="unflag",
        entity="flag",
        entity_id=flag.id,
        indicator_code=indicator.code,
        before=before,
        after=snapshot(flag),
    )
    return flag


@dataclass
class BulkResult:
    """What a bulk write did."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0


def bulk_record(
    *,
    session: Session,
    ctx: WriteContext,
    entries: Sequence[tuple[Indicator, ObservationCreate]],
    current: dict[Any, Any] | None = None,
) -> BulkResult:
    """Record many values in one transaction with set-based statements (the import path).

    Same rules as `record_observation`: a value equal to the current one changes nothing; a
    different one supersedes it. Each new row gets its audit event. `current` is what
    `bulk.current_contents` returned, when the caller has read it already.
    """

    new, changed, unchanged = bulk.record_many(
        session=session, ctx=ctx, entries=entries, current=current
    )
    return BulkResult(new=new, changed=changed, unchanged=unchanged)
