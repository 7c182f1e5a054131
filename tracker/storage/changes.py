"""Change sets: every write opens exactly one, and every row it writes names it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from tracker.domain.models import AuditEvent, ChangeSet, Observation


@dataclass
class WriteContext:
    """Who is writing, from where (tui, cli, import:FILE, seed), and the time of the change;
    once the write has begun, its change set (`change_set_id`). `command` names the change
    set's origin when the write is more than its first mutation says (an import, a revert)."""

    actor: str
    origin: str
    now: datetime
    command: str | None = None
    file_name: str | None = None
    file_sha256: str | None = None
    reverts_id: int | None = None
    change_set_id: int | None = None


PERSON = re.compile(r"^(?P<account>.*?) \((?P<person>.*)\)$")


def split_actor(actor: str) -> tuple[str, str | None]:
    """`account (person)`, as the tracker names who writes, as (account, person)."""
    found = PERSON.match(actor)
    if found is None:
        return actor, None
    return found["account"], found["person"]


def interface_of(ctx: WriteContext) -> str:
    """Where a write comes from: the TUI, or else the command line."""
    return "tui" if ctx.origin == "tui" else "cli"


def open_change_set(
    *,
    session: Session,
    ctx: WriteContext,
    origin: str,
    file_name: str | None = None,
    file_sha256: str | None = None,
    reverts_id: int | None = None,
) -> ChangeSet:
    """Open the change set of this write, stamped with the database's clock, and note it in
    `ctx` so that every row the write adds names it."""
    account, person = split_actor(ctx.actor)
    table = ChangeSet.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "postgresql":
        # Revision 0009's function: the database names the role (session_user) and stamps the
        # time; the name the tracker was given stays beside it as the person.
        change_id = session.execute(
            sa.text(
                "SELECT tracker_open_change_set(:origin, :interface, :person, :file_name,"
                " :file_sha256, :reverts_id)"
            ),
            {
                "origin": origin,
                "interface": interface_of(ctx),
                "person": person or account,
                "file_name": file_name,
                "file_sha256": file_sha256,
                "reverts_id": reverts_id,
            },
        ).scalar_one()
        row = session.execute(table.select().where(table.c.id == change_id)).one()
    else:
        # A plain (Core) INSERT: the ORM's bulk path costs more than the statement.
        row = session.execute(
            table.insert()
            .values(
                # SS.SSS and three zeros: the microseconds SQLAlchemy writes and reads on SQLite.
                at=sa.func.strftime("%Y-%m-%d %H:%M:%f000", "now"),
                actor=account,
                person=person,
                origin=origin,
                interface=interface_of(ctx),
                file_name=file_name,
                file_sha256=file_sha256,
                reverts_id=reverts_id,
            )
            .returning(*table.columns)
        ).one()
    ctx.change_set_id = int(row.id)
    return ChangeSet.model_validate(dict(row._mapping))


def stamp(*, session: Session, ctx: WriteContext, origin: str) -> int:
    """The id of this write's change set, opened now (as `ctx.command`, or else `origin`)
    when nothing was written yet."""
    if ctx.change_set_id is None:
        open_change_set(
            session=session,
            ctx=ctx,
            origin=ctx.command or origin,
            file_name=ctx.file_name,
            file_sha256=ctx.file_sha256,
            reverts_id=ctx.reverts_id,
        )
    assert ctx.change_set_id is not None
    return ctx.change_set_id


def who(change: ChangeSet) -> str:
    """The account and, beside it, the person: `account (person)`."""
    return f"{change.actor} ({change.person})" if change.person else change.actor


def last_change_of(*, session: Session, indicator_id: int, code: str) -> ChangeSet | None:
    """The newest change set that wrote or moved an observation of the indicator or
    changed it or its flags (its audit events)."""
    newest = sa.select(sa.func.max(col(Observation.written_in))).where(
        col(Observation.indicator_id) == indicator_id
    )
    moved = sa.select(sa.func.max(col(Observation.superseded_in))).where(
        col(Observation.indicator_id) == indicator_id
    )
    events = sa.select(sa.func.max(col(AuditEvent.change_set_id))).where(
        col(AuditEvent.indicator_code) == code
    )
    found = [session.execute(query).scalar() for query in (newest, moved, events)]
    ids = [int(i) for i in found if i is not None]
    return session.get(ChangeSet, max(ids)) if ids else None


def reverting(change_set: Any) -> sa.ColumnElement[bool]:
    """Whether `change_set` (ChangeSet, or an alias of it) is a revert that changed something.
    A change set that only names another in `reverts_id` reverts nothing: whoever may write can
    open one (on PostgreSQL through tracker_open_change_set), and it must not make the other
    look reverted, nor stop its real revert."""
    obs = Observation.__table__  # type: ignore[attr-defined]
    own = change_set.id
    return sa.and_(
        change_set.origin == "revert",
        sa.or_(
            sa.exists().where(obs.c.written_in == own),
            sa.exists().where(obs.c.superseded_in == own),
            sa.exists().where(col(AuditEvent.change_set_id) == own),
        ),
    )


@dataclass(frozen=True)
class ChangeSummary:
    """A change set with what it did: values written, values it replaced or withdrew, and
    other changes (its audit events)."""

    change: ChangeSet
    written: int
    replaced: int
    events: int
    reverted_by: int | None


def change_sets(
    *, session: Session, limit: int | None = None, only: int | None = None
) -> list[ChangeSummary]:
    """Change sets (or the one numbered `only`), newest first, with their counts."""
    obs = Observation.__table__  # type: ignore[attr-defined]
    undone = sa.orm.aliased(ChangeSet)

    def count(query: Any) -> Any:
        return query.scalar_subquery()

    query = sa.select(
        ChangeSet,
        count(sa.select(sa.func.count()).select_from(obs).where(obs.c.written_in == ChangeSet.id)),
        count(
            sa.select(sa.func.count()).select_from(obs).where(obs.c.superseded_in == ChangeSet.id)
        ),
        count(
            sa.select(sa.func.count())
            .select_from(AuditEvent)
            .where(col(AuditEvent.change_set_id) == ChangeSet.id)
        ),
        count(
            sa.select(sa.func.max(undone.id)).where(
                col(undone.reverts_id) == col(ChangeSet.id), reverting(undone)
            )
        ),
    ).order_by(col(ChangeSet.id).desc())
    if only is not None:
        query = query.where(col(ChangeSet.id) == only)
    if limit:
        query = query.limit(limit)
    return [
        ChangeSummary(change, written or 0, replaced or 0, events or 0, reverted_by)
        for change, written, replaced, events, reverted_by in session.execute(query)
    ]
