"""Reads: indicators with their names, current observations, status inputs, history, audit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session, select

from tracker.domain.models import (
    AuditEvent,
    Department,
    Document,
    Flag,
    Indicator,
    IndicatorDepartment,
    Observation,
    Pillar,
    Region,
)
from tracker.domain.status import Facts, Point, Target
from tracker.domain.vocab import Comparator, Direction, Frequency, Kind, ObservationState
from tracker.errors import NotFoundError

CURRENT = ObservationState.CURRENT.value


def get_indicator(*, session: Session, code: str) -> Indicator:
    """The indicator with this code (case-insensitive); NotFoundError otherwise."""
    row = session.exec(select(Indicator).where(Indicator.code == code.strip().upper())).first()
    if row is None:
        raise NotFoundError(f"no indicator with code {code!r}")
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
        sa.select(IndicatorDepartment.indicator_id, IndicatorDepartment.role, Department.name)
        .join(Department, Department.id == IndicatorDepartment.department_id)
        .order_by(IndicatorDepartment.role, IndicatorDepartment.position)
    )
    for indicator_id, role, name in links:
        if indicator_id in rows:
            getattr(rows[indicator_id], role).append(name)
    return list(rows.values())


def status_facts(
    *, session: Session, as_of: date, starts: dict[int, date] | None = None
) -> dict[int, Facts]:
    """The engine's inputs for every indicator, in two queries of index seeks per indicator.

    Only what the engine reads is fetched: the current baselines, the earliest and latest
    current actuals up to `as_of`, and every current target. Each indicator's rows are found
    through ix_observation_current, never by reading all of its history.
    """
    obs = Observation.__table__  # type: ignore[attr-defined]
    ind = Indicator.__table__  # type: ignore[attr-defined]
    x = obs.alias("x")
    ends = [
        sa.select(bound(x.c.period_end))
        .where(
            x.c.indicator_id == ind.c.id,
            x.c.kind == Kind.ACTUAL.value,
            x.c.state == CURRENT,
            x.c.period_end <= as_of,
        )
        .scalar_subquery()
        for bound in (sa.func.min, sa.func.max)
    ]
    columns = (
        obs.c.indicator_id, obs.c.kind, obs.c.period_end, obs.c.value, obs.c.comparator, obs.c.id
    )  # fmt: skip
    # `indicator.id + 0` keeps a planner without statistics (SQLite) from reading every
    # observation and looking its indicator up: it must go from each indicator into the index.
    each = ind.c.id + 0
    actual_rows = sa.select(*columns).select_from(
        ind.join(
            obs,
            sa.and_(
                obs.c.indicator_id == each,
                obs.c.kind == Kind.ACTUAL.value,
                obs.c.state == CURRENT,
                obs.c.period_end.in_(ends),
            ),
        )
    )
    other_rows = sa.select(*columns).select_from(
        ind.join(
            obs,
            sa.and_(
                obs.c.indicator_id == each,
                obs.c.kind.in_((Kind.BASELINE.value, Kind.TARGET.value)),
                obs.c.state == CURRENT,
            ),
        )
    )
    gathered: dict[tuple[int, str], list[tuple[date, object, str | None, int]]] = {}
    for query in (actual_rows, other_rows):
        for indicator_id, kind, when, value, comparator, row_id in session.execute(query):
            gathered.setdefault((indicator_id, kind), []).append((when, value, comparator, row_id))
    nothing: list[tuple[date, object, str | None, int]] = []

    def ordered(key: tuple[int, str]) -> list[tuple[date, object, str | None, int]]:
        found = gathered.get(key, nothing)
        return sorted(found, key=lambda r: (r[0], r[3])) if len(found) > 1 else found

    flagged = set(session.scalars(sa.select(Flag.indicator_id).where(Flag.cleared_at.is_(None))))  # type: ignore[union-attr]
    result: dict[int, Facts] = {}
    comparators = {c.value: c for c in Comparator}
    directions = {d.value: d for d in Direction}
    frequencies = {f.value: f for f in Frequency}
    for indicator_id, direction_text, unit, frequency in session.execute(
        sa.select(ind.c.id, ind.c.direction, ind.c.unit, ind.c.frequency)
    ):
        direction = directions[direction_text]
        baselines = ordered((indicator_id, Kind.BASELINE.value))
        actuals = ordered((indicator_id, Kind.ACTUAL.value))
        targets = ordered((indicator_id, Kind.TARGET.value))
        default_comparator = Comparator.LE if direction is Direction.DECREASE else Comparator.GE
        result[indicator_id] = Facts(
            direction=direction,
            unit=unit,
            frequency=frequencies[frequency],
            baseline=Point(baselines[-1][0], baselines[-1][1]) if baselines else None,  # type: ignore[arg-type]
            actuals=tuple(Point(w, v) for w, v, _, _ in actuals),  # type: ignore[arg-type]
            targets=tuple(
                Target(v, comparators[c] if c else default_comparator, w)  # type: ignore[arg-type]
                for w, v, c, _ in targets
            ),
            start=(starts or {}).get(indicator_id),
            flagged=indicator_id in flagged,
        )
    return result


def milestone_starts(*, session: Session) -> dict[int, date]:
    """When each milestone's tracking began: the earliest written/published date of its
    sources (the engine draws a milestone's straight line from it; other indicators have
    none)."""
    obs = Observation.__table__  # type: ignore[attr-defined]
    doc = Document.__table__  # type: ignore[attr-defined]
    ind = Indicator.__table__  # type: ignore[attr-defined]
    query = (
        sa.select(ind.c.id, sa.func.min(sa.func.coalesce(doc.c.written, doc.c.published)))
        .select_from(ind)
        .join(obs, obs.c.indicator_id == ind.c.id + 0)  # from each milestone (see status_facts)
        .join(doc, doc.c.id == obs.c.source_doc)
        .where(ind.c.direction == Direction.MILESTONE.value)
        .group_by(ind.c.id)
    )
    return {i: d for i, d in session.execute(query) if d is not None}


def observations_of(
    *, session: Session, indicator: Indicator, current_only: bool = False
) -> list[Observation]:
    """An indicator's observations, by kind and period, newest entries last."""
    query = select(Observation).where(Observation.indicator_id == indicator.id)
    if current_only:
        query = query.where(Observation.state == CURRENT)
    return list(
        session.exec(query.order_by(Observation.kind, Observation.period_end, Observation.id))
    )


def flags_of(*, session: Session, indicator: Indicator) -> list[Flag]:
    """Every flag raised on an indicator, oldest first."""
    return list(
        session.exec(select(Flag).where(Flag.indicator_id == indicator.id).order_by(Flag.id))
    )


def audit_events(
    *,
    session: Session,
    indicator_code: str | None = None,
    actor: str | None = None,
    origin: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[AuditEvent]:
    """Audit events matching the filters, newest first."""
    query = select(AuditEvent)
    if indicator_code:
        query = query.where(AuditEvent.indicator_code == indicator_code)
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if origin:
        query = query.where(AuditEvent.origin.contains(origin))  # type: ignore[attr-defined]
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at < until)
    query = query.order_by(AuditEvent.id.desc())  # type: ignore[union-attr]
    if limit:
        query = query.limit(limit)
    return list(session.exec(query))


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
        .order_by(Indicator.code, Observation.kind, Observation.period_end, Observation.id)
    )
    yield from session.exec(query).yield_per(2000)


def regions(*, session: Session) -> list[Region]:
    """All regions."""
    return list(session.exec(select(Region).order_by(Region.code)))


def pillars(*, session: Session) -> list[Pillar]:
    """All pillars in their display order."""
    return list(session.exec(select(Pillar).order_by(Pillar.position, Pillar.code)))


def documents(*, session: Session) -> list[Document]:
    """All source documents."""
    return list(session.exec(select(Document).order_by(Document.id)))


def resolve_name(*, rows: Sequence[Region] | Sequence[Pillar], text: str, what: str) -> str:
    """The code of the region or pillar named by code, Chinese name or English name."""
    wanted = text.strip()
    for row in rows:
        if wanted in (row.code, row.name, row.name_en) or wanted.lower() == row.name_en.lower():
            return row.code
    for row in rows:  # 铁岭 also matches 铁岭市
        if wanted.rstrip("市") == row.name:
            return row.code
    raise NotFoundError(f"no {what} named {text!r}")


def latest_actuals(*, session: Session) -> dict[int, Decimal]:
    """Each indicator's latest current actual value (found through the index, as in
    status_facts: one seek per indicator rather than a pass over every actual)."""
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


def period_texts(*, session: Session, as_of: date) -> dict[tuple[int, str, date], tuple[str, int]]:
    """The period text and id of every current baseline and target, and of each indicator's
    latest current actual up to `as_of`, keyed by (indicator id, kind, period end).

    Each indicator's rows are found through the observation index (see status_facts).
    """
    obs = Observation.__table__  # type: ignore[attr-defined]
    ind = Indicator.__table__  # type: ignore[attr-defined]
    x = obs.alias("x")
    latest = (
        sa.select(sa.func.max(x.c.period_end))
        .where(
            x.c.indicator_id == ind.c.id,
            x.c.kind == Kind.ACTUAL.value,
            x.c.state == CURRENT,
            x.c.period_end <= as_of,
        )
        .scalar_subquery()
    )
    columns = (obs.c.indicator_id, obs.c.kind, obs.c.period_end, obs.c.period, obs.c.id)
    each = ind.c.id + 0
    actuals = sa.select(*columns).select_from(
        ind.join(
            obs,
            sa.and_(
                obs.c.indicator_id == each,
                obs.c.kind == Kind.ACTUAL.value,
                obs.c.state == CURRENT,
                obs.c.period_end == latest,
            ),
        )
    )
    others = sa.select(*columns).select_from(
        ind.join(
            obs,
            sa.and_(
                obs.c.indicator_id == each,
                obs.c.kind.in_((Kind.BASELINE.value, Kind.TARGET.value)),
                obs.c.state == CURRENT,
            ),
        )
    )
    result: dict[tuple[int, str, date], tuple[str, int]] = {}
    for query in (actuals, others):
        for indicator_id, kind, end, period, row_id in session.execute(query):
            result[(indicator_id, kind, end)] = (period, row_id)
    return result


def change_marker(*, session: Session) -> tuple[int, int]:
    """The newest audit event id and the number of events: any committed write changes it.

    The count is there because on PostgreSQL ids are drawn before commit, so a transaction
    can commit after one holding a higher id; the count still moves.
    """
    newest, count = session.execute(
        sa.select(sa.func.max(AuditEvent.id), sa.func.count()).select_from(AuditEvent)
    ).one()
    return (newest or 0, count)
