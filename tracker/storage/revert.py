"""Reverting a change set: its opposite written as a new change set (nothing is deleted from
the record), refused, naming them, when later change sets built on what it wrote."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from tracker.domain.models import (
    AuditEvent,
    ChangeSet,
    Flag,
    Indicator,
    IndicatorDepartment,
    Milestone,
    Observation,
)
from tracker.domain.schemas import EDITABLE_INDICATOR_FIELDS
from tracker.domain.vocab import FlagLevel, ObservationState
from tracker.errors import NotFoundError, ValidationError
from tracker.i18n import t
from tracker.storage import access, periods
from tracker.storage.audit import WriteContext, record_audit
from tracker.storage.changes import open_change_set, reverting, who
from tracker.storage.definitions import update_indicator
from tracker.storage.mutations import clear_flag, open_flag, raise_flag
from tracker.storage.versions import claim, snapshot

CURRENT = ObservationState.CURRENT.value
WITHDRAWN = ObservationState.WITHDRAWN.value
# Every column of an observation but its id and the change sets and links of its history:
# what a restored copy repeats.
CONTENT = tuple(
    c.name
    for c in Observation.__table__.columns  # type: ignore[attr-defined]
    if c.name not in ("id", "state", "superseded_by_id", "written_in", "superseded_in")
)


@dataclass(frozen=True)
class Reverted:
    """What a revert wrote: its change set, the values withdrawn and restored, the other
    changes undone, and the indicators it touched (with their versions after)."""

    change_set_id: int
    withdrawn: int
    restored: int
    events: int
    versions: dict[str, int]


def revert_change_set(
    *,
    session: Session,
    ctx: WriteContext,
    change_set_id: int,
    expected_version: int | None = None,
) -> Reverted:
    """Write the opposite of change set `change_set_id` as a new change set (origin
    `revert`): the values it wrote are withdrawn, those it replaced come back as fresh copies,
    its definition edits and flags are undone. Refused, with nothing written, when it was
    reverted already or when later change sets built on what it wrote (they are named).
    `expected_version` guards the one indicator a person's change touched."""
    target = session.get(ChangeSet, change_set_id)
    if target is None:
        raise NotFoundError.of("error.no_change_set", id=change_set_id)
    refuse_reverted_twice(session, target)
    events = list(
        session.exec(
            select(AuditEvent)
            .where(AuditEvent.change_set_id == change_set_id)
            .order_by(col(AuditEvent.id).desc())
        )
    )
    copies, moved_on = incarnations(session, target)
    later = later_changes(session, target, events, copies, moved_on)
    if later:
        named = ", ".join(
            t(
                "changes.later",
                "en",
                id=c.id,
                origin=c.origin,
                who=who(c),
                at=f"{c.at:%Y-%m-%d %H:%M}",
            )
            for c in later
        )
        raise ValidationError.of("error.later_changes", id=change_set_id, later=named)
    obs = Observation.__table__  # type: ignore[attr-defined]
    written_ids = {
        int(i)
        for i in session.execute(
            sa.select(obs.c.indicator_id).where(obs.c.written_in == change_set_id).distinct()
        ).scalars()
    }
    moved_ids = {
        int(i)
        for i in session.execute(
            sa.select(obs.c.indicator_id).where(obs.c.superseded_in == change_set_id).distinct()
        ).scalars()
    }
    indicators = list(
        session.exec(select(Indicator).where(col(Indicator.id).in_(written_ids | moved_ids)))
    )
    if not indicators and not events:
        raise ValidationError.of("error.nothing_to_revert", id=change_set_id)
    for event in events:
        refuse_kind(session, target, event)
    access.ensure_may_write(session=session, region_codes={i.region_code for i in indicators})
    periods.ensure_open_change_set(session=session, change_set_id=change_set_id)
    revert = open_change_set(session=session, ctx=ctx, origin="revert", reverts_id=change_set_id).id
    assert revert is not None
    for indicator in indicators:
        claim(
            session=session,
            ctx=ctx,
            indicator=indicator,
            expected=expected_version if len(indicators) == 1 else None,
        )
    withdrawn = session.execute(
        sa.update(obs)
        .where(
            sa.or_(obs.c.written_in == change_set_id, obs.c.id.in_(copies)),
            obs.c.state == CURRENT,
        )
        .values(state=WITHDRAWN, superseded_in=revert)
    ).rowcount  # type: ignore[attr-defined]
    # What the change set replaced or withdrew comes back as a copy written now: history rows
    # never return to `current`.
    copied = sa.select(*(obs.c[name] for name in CONTENT), sa.literal(CURRENT), sa.literal(revert))
    restored = session.execute(
        sa.insert(obs).from_select(
            [*CONTENT, "state", "written_in"],
            copied.where(obs.c.superseded_in == change_set_id).order_by(obs.c.id),
        )
    ).rowcount  # type: ignore[attr-defined]
    for event in events:
        undo_event(session, ctx, target, event, expected_version if not indicators else None)
    session.flush()
    session.expire_all()
    codes = {i.code for i in indicators} | {e.indicator_code for e in events if e.indicator_code}
    rows = session.execute(
        sa.select(col(Indicator.code), col(Indicator.version)).where(col(Indicator.code).in_(codes))
    )
    versions = {str(code): int(version) for code, version in rows}
    return Reverted(revert, withdrawn or 0, restored or 0, len(events), versions)


def refuse_reverted_twice(session: Session, target: ChangeSet) -> None:
    """A change set is reverted once; reverting the revert is a change set of its own."""
    done = session.exec(
        select(ChangeSet).where(ChangeSet.reverts_id == target.id, reverting(ChangeSet))
    ).first()
    if done is not None:
        raise ValidationError.of(
            "error.reverted_already",
            id=target.id,
            by=done.id,
            who=who(done),
            at=f"{done.at:%Y-%m-%d %H:%M}",
        )


def incarnations(session: Session, target: ChangeSet) -> tuple[set[int], set[int]]:
    """The values `target` wrote that are no longer current, followed through the reverts of
    the change sets that moved them: (the current copies a revert brought back, which stand
    for them, and the change sets that moved them for good)."""
    obs = Observation.__table__  # type: ignore[attr-defined]
    copies: set[int] = set()
    moved_on: set[int] = set()
    gone = session.execute(
        sa.select(obs.c.indicator_id, obs.c.kind, obs.c.period, obs.c.superseded_in).where(
            obs.c.written_in == target.id, obs.c.state != CURRENT
        )
    ).all()
    for indicator_id, kind, period, moved in gone:
        while True:
            undone = session.execute(
                sa.select(col(ChangeSet.id)).where(
                    col(ChangeSet.reverts_id) == moved, reverting(ChangeSet)
                )
            ).scalar()
            copy = None
            if undone is not None:
                copy = session.execute(
                    sa.select(obs.c.id, obs.c.state, obs.c.superseded_in).where(
                        obs.c.written_in == undone,
                        obs.c.indicator_id == indicator_id,
                        obs.c.kind == kind,
                        obs.c.period == period,
                    )
                ).first()
            if copy is None:
                moved_on.add(int(moved))
                break
            if copy.state == CURRENT:
                copies.add(int(copy.id))
                break
            moved = copy.superseded_in
    return copies, moved_on


def later_changes(
    session: Session,
    target: ChangeSet,
    events: Iterable[AuditEvent],
    copies: set[int],
    moved_on: set[int],
) -> list[ChangeSet]:
    """The change sets that built on what `target` wrote: they moved a value it wrote (and no
    revert brought it back), wrote a value where it replaced or withdrew one, or changed an
    indicator or flag it changed."""
    obs = Observation.__table__  # type: ignore[attr-defined]
    newer = obs.alias("newer")
    found: set[int] = set(moved_on)
    found |= set(
        session.execute(
            sa.select(newer.c.written_in)
            .select_from(
                obs.join(
                    newer,
                    sa.and_(
                        newer.c.indicator_id == obs.c.indicator_id,
                        newer.c.kind == obs.c.kind,
                        newer.c.period == obs.c.period,
                        newer.c.state == CURRENT,
                        newer.c.written_in != target.id,
                        newer.c.id.not_in(copies or {0}),
                    ),
                )
            )
            .where(obs.c.superseded_in == target.id)
            .distinct()
        ).scalars()
    )
    for event in events:
        if event.entity in ("indicator", "flag"):
            found |= set(
                session.execute(
                    sa.select(col(AuditEvent.change_set_id)).where(
                        col(AuditEvent.entity) == event.entity,
                        col(AuditEvent.entity_id) == event.entity_id,
                        col(AuditEvent.change_set_id) > (target.id or 0),
                    )
                ).scalars()
            )
        if event.entity == "flag" and event.action == "unflag":
            # Raised again since: reverting the clearing would make two open flags.
            found |= set(
                session.execute(
                    sa.select(col(AuditEvent.change_set_id)).where(
                        col(AuditEvent.entity) == "flag",
                        col(AuditEvent.action) == "flag",
                        col(AuditEvent.indicator_code) == event.indicator_code,
                        col(AuditEvent.change_set_id) > (target.id or 0),
                    )
                ).scalars()
            )
    ids = {int(i) for i in found if i is not None and i != target.id}
    if not ids:
        return []
    return list(
        session.exec(
            select(ChangeSet).where(col(ChangeSet.id).in_(ids)).order_by(col(ChangeSet.id))
        )
    )


def refuse_kind(session: Session, target: ChangeSet, event: AuditEvent) -> None:
    """Only definition edits, new indicators nothing refers to, and flags are undone."""
    if event.entity == "flag" or (event.entity == "indicator" and event.action == "update"):
        return
    if event.entity == "indicator" and event.action == "create":
        indicator = session.exec(select(Indicator).where(Indicator.code == event.entity_id)).first()
        if indicator is None:
            return
        for table in (Observation, Flag, Milestone):
            rows = table.__table__  # type: ignore[union-attr]
            used = session.execute(
                sa.select(rows.c.id).where(rows.c.indicator_id == indicator.id).limit(1)
            ).first()
            if used is not None:
                raise ValidationError.of(
                    "error.indicator_in_use", id=target.id, code=indicator.code
                )
        return
    raise ValidationError.of("error.revert_kind", id=target.id, entity=event.entity)


def undo_event(
    session: Session,
    ctx: WriteContext,
    target: ChangeSet,
    event: AuditEvent,
    expected: int | None,
) -> None:
    """Undo one audit event of `target` from its before snapshot."""
    before: dict[str, Any] = json.loads(event.before) if event.before else {}
    indicator = session.exec(
        select(Indicator).where(Indicator.code == (event.indicator_code or event.entity_id))
    ).first()
    if indicator is None:
        return
    if event.entity == "indicator" and event.action == "create":
        record_audit(
            session=session,
            ctx=ctx,
            action="delete",
            entity="indicator",
            entity_id=indicator.code,
            indicator_code=indicator.code,
            before=snapshot(indicator),
        )
        session.execute(
            sa.delete(IndicatorDepartment).where(
                col(IndicatorDepartment.indicator_id) == indicator.id
            )
        )
        session.delete(indicator)
        session.flush()
    elif event.entity == "indicator":
        links = before.get("departments", {})
        update_indicator(
            session=session,
            ctx=ctx,
            indicator=indicator,
            changes={k: before[k] for k in EDITABLE_INDICATOR_FIELDS if k in before},
            expected_version=expected,
            lead=links.get("lead", []),
            responsible=links.get("responsible", []),
        )
    elif event.action == "flag":
        flag = open_flag(session=session, indicator=indicator)
        if flag is not None and str(flag.id) == event.entity_id:
            clear_flag(
                session=session,
                ctx=ctx,
                indicator=indicator,
                note=t("changes.revert_note", "en", id=target.id),
                expected_version=expected,
            )
    elif event.action == "unflag":
        raise_flag(
            session=session,
            ctx=ctx,
            indicator=indicator,
            level=FlagLevel(before["level"]),
            reason=before["reason"],
            expected_version=expected,
        )
