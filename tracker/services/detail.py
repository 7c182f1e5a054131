"""One indicator in depth: its observations, flags, audit trail and the changes since a moment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.domain.models import Document, Flag, Indicator, Milestone, Observation
from tracker.domain.periods import parse_period, stored_as_period
from tracker.domain.status import Deliverable, Facts, Point, Target, judge
from tracker.domain.status_board import IndicatorStatus, Reference
from tracker.domain.vocab import (
    Comparator,
    DeadlineBasis,
    Direction,
    FlagLevel,
    Frequency,
    Kind,
    Measure,
    MilestoneState,
    ObservationState,
)
from tracker.services.audit import AUDIT_SHOWN, AuditLine, audit_line
from tracker.services.listing import statuses
from tracker.services.store import Store
from tracker.storage import history, queries
from tracker.storage.engine import reading


@dataclass
class IndicatorDetail:
    """Everything known about one indicator: verdict, values (all states), flags, changes."""

    item: IndicatorStatus
    observations: list[Observation]
    flags: list[Flag]
    events: list[history.Entry]
    documents: dict[str, Document]
    milestones: list[Milestone] = field(default_factory=list)


def indicator_detail(store: Store, code: str, *, as_of: date, events: int = 10) -> IndicatorDetail:
    """One indicator's detail as of a date; NotFoundError for an unknown code."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        observations = queries.observations_of(session=session, indicator=indicator)
        flags = queries.flags_of(session=session, indicator=indicator)
        recent = history.entries(session=session, indicator_code=indicator.code, limit=events)
        documents = {d.id: d for d in queries.documents(session=session)}
        milestones = queries.milestones_of(session=session, indicator=indicator)
    item = next(i for i in statuses(store, as_of=as_of) if i.row.id == indicator.id)
    return IndicatorDetail(item, observations, flags, recent, documents, milestones)


def document_titles(store: Store) -> dict[str, Document]:
    """The source documents by id."""
    with reading(store.engine) as session:
        return {d.id: d for d in queries.documents(session=session)}


def observation_history(store: Store, code: str) -> tuple[Indicator, list[Observation]]:
    """Every observation ever entered for an indicator, superseded and withdrawn ones too."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        return indicator, queries.observations_of(session=session, indicator=indicator)


@dataclass(frozen=True)
class ObservationLine:
    """One stored observation, current or not, with the title of its source document."""

    id: int
    kind: Kind
    period: str
    value: Decimal | None
    comparator: str | None
    source_doc: str | None
    document: str
    source: str
    quote: str
    note: str
    entered_by: str
    entered_at: datetime
    state: ObservationState
    quarantine: str | None = None  # why the value is held out of verdicts and totals
    programme: str | None = None
    deadline_basis: str | None = None
    relative_to: str | None = None


@dataclass(frozen=True)
class FlagLine:
    """One flag, open or cleared."""

    id: int
    level: FlagLevel
    reason: str
    raised_by: str
    raised_at: datetime
    cleared_by: str | None
    cleared_at: datetime | None
    clear_note: str | None


@dataclass(frozen=True)
class IndicatorView:
    """Everything the TUI's detail view shows about one indicator."""

    item: IndicatorStatus
    description: str
    facts: Facts
    observations: tuple[ObservationLine, ...]
    flags: tuple[FlagLine, ...]
    audit: tuple[AuditLine, ...]
    milestones: tuple[MilestoneLine, ...] = ()


@dataclass(frozen=True)
class MilestoneLine:
    """One dated state of one deliverable, with the title of its source document."""

    deliverable: str
    state: MilestoneState
    period: str
    document: str
    quote: str
    note: str


def reference(store: Store) -> Reference:
    """Regions, pillars and documents, for filters and forms."""
    with reading(store.engine) as session:
        return queries.reference(session=session)


def indicator_view(store: Store, code: str, *, as_of: date) -> IndicatorView:
    """One indicator's observations (all states), verdict, flag history and audit trail."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        (row,) = queries.board(session=session, as_of=as_of, code=indicator.code).rows
        observations = queries.observations_of(session=session, indicator=indicator)
        documents = {d.id: d for d in queries.documents(session=session)}
        programmes = queries.programmes(session=session)
        milestones = queries.milestones_of(session=session, indicator=indicator)
        flags = queries.flags_of(session=session, indicator=indicator)
        events = history.entries(session=session, indicator_code=indicator.code, limit=AUDIT_SHOWN)
    current = [o for o in observations if o.state == ObservationState.CURRENT.value]
    # The verdict from every current observation, not only those the board reads: the two
    # agree (tests/storage/test_status_facts.py), and the detail view shows all of them.
    facts = facts_of(
        indicator,
        current,
        as_of=as_of,
        programmes=programmes,
        flagged=row.flag is not None,
        deliverables=row.facts.deliverables,
        relative=row.facts.relative,
    )
    item = IndicatorStatus(row._replace(facts=facts), judge(facts, as_of, store.thresholds))
    titles = {d.id: d.title for d in documents.values()}
    lines = tuple(observation_line(o, titles) for o in observations)
    flag_lines = tuple(flag_line(f) for f in flags)
    deliverables = tuple(
        MilestoneLine(
            m.deliverable,
            MilestoneState(m.state),
            m.period,
            titles.get(m.source_doc or "", ""),
            m.quote,
            m.note,
        )
        for m in milestones
    )
    return IndicatorView(
        item,
        indicator.description,
        facts,
        lines,
        flag_lines,
        tuple(map(audit_line, events)),
        deliverables,
    )


def observation_line(row: Any, titles: dict[str, str]) -> ObservationLine:
    """A stored observation as the detail view lists it."""
    return ObservationLine(
        id=row.id or 0,
        kind=Kind(row.kind),
        period=row.period,
        value=row.value,
        comparator=row.comparator,
        source_doc=row.source_doc,
        document=titles.get(row.source_doc or "", ""),
        source=row.source,
        quote=row.quote,
        note=row.note,
        entered_by=row.entered_by,
        entered_at=row.entered_at,
        state=ObservationState(row.state),
        quarantine=row.quarantine,
        programme=row.programme,
        deadline_basis=row.deadline_basis,
        relative_to=row.relative_to,
    )


def flag_line(row: Any) -> FlagLine:
    """A stored flag as the detail view lists it."""
    return FlagLine(
        row.id or 0,
        FlagLevel(row.level),
        row.reason,
        row.raised_by,
        row.raised_at,
        row.cleared_by,
        row.cleared_at,
        row.clear_note,
    )


def facts_of(
    indicator: Indicator,
    current: Iterable[Any],
    *,
    as_of: date,
    programmes: Iterable[Any] = (),
    flagged: bool,
    deliverables: tuple[Deliverable, ...] = (),
    relative: Point | None = None,
) -> Facts:
    """The status engine's inputs for one indicator, from all of its current observations:
    quarantined values are counted, not used; actuals of a quarter, half-year or range are
    not points of the series (the latest up to the date is kept apart)."""
    direction = Direction(indicator.direction)
    default = Comparator.LE if direction is Direction.DECREASE else Comparator.GE
    spans = {
        p.code: (
            parse_period(p.start_period).first_day if p.start_period else None,
            parse_period(p.end_period).end if p.end_period else None,
        )
        for p in programmes
    }
    by_kind: dict[str, list[Any]] = {}
    held = 0
    for o in current:
        if o.quarantine is not None:
            held += 1
            continue
        by_kind.setdefault(o.kind, []).append(o)
    dated = sorted(
        (o for o in by_kind.get(Kind.BASELINE.value, []) + by_kind.get(Kind.ACTUAL.value, [])),
        key=lambda o: (o.period_end, o.id),
    )
    baselines = [o for o in dated if o.kind == Kind.BASELINE.value]
    actuals = [o for o in dated if o.kind == Kind.ACTUAL.value and o.period_start is None]
    partials = [
        o
        for o in dated
        if o.kind == Kind.ACTUAL.value and o.period_start is not None and o.period_end <= as_of
    ]
    targets = []
    for o in sorted(by_kind.get(Kind.TARGET.value, []), key=lambda o: o.id):
        begun, ended = spans.get(o.programme, (None, None)) if o.programme else (None, None)
        period = stored_as_period(o.period, o.precision)
        targets.append(
            Target(
                o.value,
                Comparator(o.comparator) if o.comparator else default,
                o.period_end,
                None if period.is_open else period.first_day,
                DeadlineBasis(o.deadline_basis) if o.deadline_basis else DeadlineBasis.STATED,
                begun,
                ended,
                o.relative_to,
            )
        )
    return Facts(
        direction=direction,
        unit=indicator.unit,
        frequency=Frequency(indicator.frequency),
        baseline=_point(baselines[-1]) if baselines else None,
        actuals=tuple(_point(o) for o in actuals),
        targets=tuple(targets),
        start=None,
        flagged=flagged,
        measure=Measure(indicator.measure or "level"),
        partial=_point(partials[-1]) if partials else None,
        deliverables=deliverables,
        held=held,
        relative=relative,
    )


def _point(row: Any) -> Point:
    comparator = Comparator(row.comparator) if row.comparator else Comparator.EQ
    return Point(row.period_end, row.value, comparator, row.period_start)
