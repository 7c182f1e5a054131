"""The record read back: every change with who, when, old and new. Definition and flag
changes from their audit events, value changes from the observation chain (the row a change
set wrote, and the one it superseded as the old value), each stamped by its change set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from tracker.domain.models import AuditEvent, ChangeSet, Indicator, Observation
from tracker.domain.vocab import ObservationState
from tracker.storage.audit import to_json
from tracker.storage.changes import who


@dataclass(frozen=True)
class Entry:
    """One change as `tracker audit` shows it: the attributes of an audit event (before and
    after as JSON), its id being the change set's."""

    id: int
    at: datetime
    actor: str
    origin: str
    action: str
    entity: str
    entity_id: str
    indicator_code: str | None
    before: str | None
    after: str | None
    order: int = 0  # within a change set: audit events by id, then values by row id
    rank: int = 0  # 0 for an audit event, 1 for a value (written after, as imports do)


def shown_origin(change: ChangeSet) -> str:
    """Where a change came from, as the record has always shown it: `import:FILE`, `seed`,
    else the interface (cli, tui, sql)."""
    if change.origin == "import":
        return f"import:{change.file_name or ''}"
    if change.origin == "seed":
        return "seed"
    return change.interface


def origin_text() -> ColumnElement[Any]:
    """`shown_origin` in SQL, to filter on."""
    return sa.case(
        (col(ChangeSet.origin) == "import", "import:" + sa.func.coalesce(ChangeSet.file_name, "")),
        (col(ChangeSet.origin) == "seed", "seed"),
        else_=col(ChangeSet.interface),
    )


def change_filters(
    *,
    actor: str | None,
    origin: str | None,
    since: datetime | None,
    until: datetime | None,
) -> list[ColumnElement[bool]]:
    """Conditions on the change set: the account, the person, or both as `account (person)`;
    a piece of the origin; a time range [since, until)."""
    found: list[ColumnElement[bool]] = []
    if actor:
        both = actor.removesuffix(")").split(" (", 1)
        either = (col(ChangeSet.actor) == actor) | (col(ChangeSet.person) == actor)
        if len(both) == 2:
            either = either | (
                (col(ChangeSet.actor) == both[0]) & (col(ChangeSet.person) == both[1])
            )
        found.append(either)
    if origin:
        found.append(origin_text().contains(origin, autoescape=True))
    if since:
        found.append(col(ChangeSet.at) >= since)
    if until:
        found.append(col(ChangeSet.at) < until)
    return found


def entries(
    *,
    session: Session,
    indicator_code: str | None = None,
    actor: str | None = None,
    origin: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    after_change: int | None = None,
    change_set_id: int | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """Every recorded change matching the filters (made after change set `after_change`, or
    in change set `change_set_id`), newest change set first."""
    where = change_filters(actor=actor, origin=origin, since=since, until=until)
    if after_change is not None:
        where.append(col(ChangeSet.id) > after_change)
    if change_set_id is not None:
        where.append(col(ChangeSet.id) == change_set_id)
    found = events(session, indicator_code, where, limit) + values(
        session, indicator_code, where, limit
    )
    found.sort(key=lambda e: (e.id, e.rank, e.order), reverse=True)
    return found[:limit] if limit else found


def events(
    session: Session, code: str | None, where: list[ColumnElement[bool]], limit: int | None
) -> list[Entry]:
    """Audit events (definitions, flags, milestones, references; observation events kept by
    the migration where a row cannot hold them) joined to their change sets."""
    query = (
        select(AuditEvent, ChangeSet)
        .join(ChangeSet, col(ChangeSet.id) == AuditEvent.change_set_id)
        .where(*where)
        .order_by(col(AuditEvent.change_set_id).desc(), col(AuditEvent.id).desc())
    )
    if code:
        query = query.where(AuditEvent.indicator_code == code)
    if limit:
        query = query.limit(limit)
    return [
        Entry(
            change.id or 0,
            change.at,
            who(change),
            shown_origin(change),
            event.action,
            event.entity,
            event.entity_id,
            event.indicator_code,
            event.before,
            event.after,
            event.id or 0,
        )
        for event, change in session.exec(query)
    ]


def values(
    session: Session, code: str | None, where: list[ColumnElement[bool]], limit: int | None
) -> list[Entry]:
    """Value changes from the observation chain: each row as written (a correction when it
    superseded another, which is its old value), and each withdrawal."""
    kept = {
        (entity_id, action)
        for entity_id, action in session.execute(
            sa.select(col(AuditEvent.entity_id), col(AuditEvent.action)).where(
                col(AuditEvent.entity) == "observation"
            )
        )
    }
    spare = len(kept)
    found: list[Entry] = []
    for link in ("written_in", "superseded_in"):
        stamp = getattr(Observation, link)
        query = (
            select(Observation, ChangeSet, col(Indicator.code))
            .join(ChangeSet, col(ChangeSet.id) == stamp)
            .join(Indicator, col(Indicator.id) == Observation.indicator_id)
            .where(*where)
            .order_by(col(stamp).desc(), col(Observation.id).desc())
        )
        if link == "superseded_in":
            query = query.where(Observation.state == ObservationState.WITHDRAWN.value)
        if code:
            query = query.where(Indicator.code == code)
        if limit:
            query = query.limit(limit + spare)
        rows = list(session.exec(query))
        olds = (
            replaced(session, [row.id or 0 for row, _, _ in rows]) if link == "written_in" else {}
        )
        for row, change, indicator_code in rows:
            old = olds.get(row.id or 0)
            action = "withdraw" if link == "superseded_in" else "correct" if old else "record"
            if action == "record" and change.origin == "revert":
                action = "restore"  # a value a reverted change set had replaced, back again
            if (str(row.id), action) in kept or (
                action == "record" and (str(row.id), "correct") in kept
            ):
                continue
            new = row.model_dump()
            found.append(
                Entry(
                    change.id or 0,
                    change.at,
                    who(change),
                    shown_origin(change),
                    action,
                    "observation",
                    str(row.id),
                    indicator_code,
                    to_json(new if action == "withdraw" else old),
                    None if action == "withdraw" else to_json(new),
                    row.id or 0,
                    1,
                )
            )
    return found


def replaced(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The values the rows `ids` superseded, by the id of the row that replaced each."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for old in session.exec(
            select(Observation).where(col(Observation.superseded_by_id).in_(chunk))
        ):
            found[old.superseded_by_id or 0] = old.model_dump()
    return found


def latest_change(*, session: Session) -> int:
    """The newest change set's id (0 in an empty store)."""
    return int(session.execute(sa.select(sa.func.max(col(ChangeSet.id)))).scalar() or 0)
