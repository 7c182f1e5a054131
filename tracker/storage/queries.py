"""Reads: indicators with their names, current observations, status inputs, history (the
record of changes is read by tracker.storage.history)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session, col, select

from tracker.domain.models import (
    ChangeSet,
    Department,
    Document,
    Flag,
    Indicator,
    IndicatorDepartment,
    Milestone,
    Observation,
    Pillar,
    Programme,
    Region,
)
from tracker.domain.status_board import Board, Reference
from tracker.domain.vocab import Kind, ObservationState
from tracker.errors import NotFoundError
from tracker.storage.status_read import read_board, read_reference, read_sqlite_marker

CURRENT = ObservationState.CURRENT.value


def get_indicator(*, session: Session, code: str) -> Indicator:
    """The indicator with this code (case-insensitive); NotFoundError otherwise."""
    row = session.exec(select(Indicator).where(Indicator.code == code.strip().upper())).first()
    if row is None:
        raise NotFoundError.of("error.no_indicator", code=code)
    return row


def indicators_by_code(*, session: Session) -> dict[str, Indicator]:
    """Every indicator, by code."""
    return {row.code: row for row in session.exec(select(Indicator))}


@dataclass
class IndicatorRow:
    """An indicator with the names of its region, pillar and departments, and its open flag."""

    indicator: Indicator
    region: Region
    pillar: Pillar
    flag: Flag | None = None
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)


def indicator_rows(*, session: Session, ids: Sequence[int] | None = None) -> list[IndicatorRow]:
    """Indicators joined to region and pillar, ordered by code."""
    # The few regions and pillars are read once, not joined into each of 10,000 rows: the ORM
    # builds one object per entity per row, and that is where the time goes.
    regions = {r.code: r for r in session.exec(select(Region))}
    pillars = {p.code: p for p in session.exec(select(Pillar))}
    query = select(Indicator).order_by(Indicator.code)
    if ids is not None:
        query = query.where(Indicator.id.in_(ids))  # type: ignore[union-attr]
    rows = {
        ind.id: IndicatorRow(ind, regions[ind.region_code], pillars[ind.pillar_code])
        for ind in session.exec(query)
        if ind.region_code in regions and ind.pillar_code in pillars
    }
    for flag in session.exec(select(Flag).where(Flag.cleared_at.is_(None))):  # type: ignore[union-attr]
        if flag.indicator_id in rows:
            rows[flag.indicator_id].flag = flag
    links = session.execute(
        sa.select(
            col(IndicatorDepartment.indicator_id),
            col(IndicatorDepartment.role),
            col(Department.name),
        )
        .join(Department, col(Department.id) == IndicatorDepartment.department_id)
        .order_by(IndicatorDepartment.role, col(IndicatorDepartment.position))
    )
    for indicator_id, role, name in links:
        if indicator_id in rows:
            getattr(rows[indicator_id], role).append(name)
    return list(rows.values())


def reference(*, session: Session) -> Reference:
    """Regions, pillars and documents, for filters and forms (see tracker.storage.status_read)."""
    return read_reference(session.connection().connection.dbapi_connection)


def board(
    *, session: Session, as_of: date, code: str | None = None, departments: bool = True
) -> Board:
    """Every indicator's (or one's) board row as of a date, in the session's snapshot: plain
    DB-API on the session's own connection (see tracker.storage.status_read)."""
    connection = session.connection()
    return read_board(
        connection.connection.dbapi_connection,
        as_of=as_of,
        paramstyle=connection.dialect.paramstyle,
        only=code,
        departments=departments,
    )


def observations_of(
    *, session: Session, indicator: Indicator, current_only: bool = False
) -> list[Observation]:
    """An indicator's observations, by kind and period, newest entries last."""
    query = select(Observation).where(Observation.indicator_id == indicator.id)
    if current_only:
        query = query.where(Observation.state == CURRENT)
    return list(
        session.exec(
            query.order_by(Observation.kind, col(Observation.period_end), col(Observation.id))
        )
    )


def flags_of(*, session: Session, indicator: Indicator) -> list[Flag]:
    """Every flag raised on an indicator, oldest first."""
    return list(
        session.exec(select(Flag).where(Flag.indicator_id == indicator.id).order_by(col(Flag.id)))
    )


def current_observation_rows(
    *, session: Session
) -> Iterator[tuple[Observation, Indicator, Region, Pillar]]:
    """Every current observation with its indicator, region and pillar, in export order."""
    query = (
        select(Observation, Indicator, Region, Pillar)
        .join(Indicator, Indicator.id == Observation.indicator_id)  # type: ignore[arg-type]
        .join(Region, Region.code == Indicator.region_code)  # type: ignore[arg-type]
        .join(Pillar, Pillar.code == Indicator.pillar_code)  # type: ignore[arg-type]
        .where(Observation.state == CURRENT)
        .order_by(
            Indicator.code, Observation.kind, col(Observation.period_end), col(Observation.id)
        )
    )
    yield from session.exec(query).yield_per(2000)


def regions(*, session: Session) -> list[Region]:
    """All regions."""
    return list(session.exec(select(Region).order_by(Region.code)))


def pillars(*, session: Session) -> list[Pillar]:
    """All pillars in their display order."""
    return list(session.exec(select(Pillar).order_by(col(Pillar.position), Pillar.code)))


def documents(*, session: Session) -> list[Document]:
    """All source documents."""
    return list(session.exec(select(Document).order_by(Document.id)))


def programmes(*, session: Session) -> list[Programme]:
    """All programmes that set targets."""
    return list(session.exec(select(Programme).order_by(Programme.code)))


def milestones_of(*, session: Session, indicator: Indicator) -> list[Milestone]:
    """A task's deliverables' dated states, by deliverable and date."""
    return list(
        session.exec(
            select(Milestone)
            .where(Milestone.indicator_id == indicator.id)
            .order_by(Milestone.deliverable, Milestone.period_end, Milestone.id)  # type: ignore[arg-type]
        )
    )


def latest_actuals(*, session: Session) -> dict[int, Decimal]:
    """Each indicator's latest current actual value (found through the index, as in
    the board: one seek per indicator rather than a pass over every actual)."""
    obs = Observation.__table__  # type: ignore[attr-defined]
    ind = Indicator.__table__  # type: ignore[attr-defined]
    x = obs.alias("x")
    latest = (
        sa.select(sa.func.max(x.c.period_end))
        .where(x.c.indicator_id == ind.c.id, x.c.kind == Kind.ACTUAL.value, x.c.state == CURRENT)
        .scalar_subquery()
    )
    query = sa.select(obs.c.indicator_id, obs.c.value).select_from(
        ind.join(
            obs,
            sa.and_(
                obs.c.indicator_id == ind.c.id + 0,
                obs.c.kind == Kind.ACTUAL.value,
                obs.c.state == CURRENT,
                obs.c.period_end == latest,
            ),
        )
    )
    return {row[0]: row[1] for row in session.execute(query)}


def change_marker(*, session: Session) -> tuple[int, int]:
    """The newest change set's id, and on PostgreSQL the number of change sets: any committed
    write changes it (every write is one change set).

    SQLite writers take turns, so ids are committed in order and the newest id is enough. On
    PostgreSQL ids are drawn before commit, so a transaction can commit after one holding a
    higher id; the count still moves.
    """
    if session.get_bind().dialect.name == "sqlite":
        return read_sqlite_marker(session.connection().connection.dbapi_connection)
    newest, count = session.execute(
        sa.select(sa.func.max(ChangeSet.id), sa.func.count()).select_from(ChangeSet)
    ).one()
    return (newest or 0, count)
