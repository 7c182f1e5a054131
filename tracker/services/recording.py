"""Single writes typed by a person (CLI and TUI): values, flags, undo; each audited."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from sqlmodel import Session, select

from tracker.domain.models import AuditEvent, Indicator, Observation
from tracker.domain.numbers import parse_value
from tracker.domain.periods import OPEN, parse_period
from tracker.domain.schemas import EDITABLE_INDICATOR_FIELDS, OBSERVATION_LIMITS, ObservationCreate
from tracker.domain.text import check_text
from tracker.domain.vocab import (
    COMPARATOR_WORDS,
    Comparator,
    DeadlineBasis,
    Direction,
    FlagLevel,
    Kind,
    ObservationState,
)
from tracker.errors import NotFoundError, RowError, TrackerError, ValidationError
from tracker.services.detail import audit_line
from tracker.services.importing import outliers
from tracker.services.store import Store, context
from tracker.storage import mutations, queries
from tracker.storage.audit import WriteContext
from tracker.storage.engine import reading, writing


def record(
    store: Store,
    *,
    code: str,
    value: str,
    period: str,
    actor: str,
    origin: str,
    kind: Kind = Kind.ACTUAL,
    comparator: str | None = None,
    source: str = "",
    source_doc: str | None = None,
    quote: str = "",
    note: str = "",
    expected_version: int | None = None,
    supersedes_id: int | None = None,
) -> int | None:
    """Record a value typed by a person; returns the new observation's id (None if unchanged)."""
    with writing(store.engine) as session:
        _, new = _record_typed(
            session,
            context(actor, origin),
            code=code,
            kind=kind,
            value=value,
            period=period,
            comparator=comparator,
            source=source,
            source_doc=source_doc,
            quote=quote,
            note=note,
            expected_version=expected_version,
            supersedes_id=supersedes_id,
        )
        return new.id if new else None


def _record_typed(
    session: Session,
    ctx: WriteContext,
    *,
    code: str,
    kind: Kind,
    value: str,
    period: str,
    comparator: str | None,
    source: str,
    source_doc: str | None,
    quote: str,
    note: str,
    expected_version: int | None,
    supersedes_id: int | None,
) -> tuple[Indicator, Observation | None]:
    """Parse a person's value for the indicator coded `code` and record it (CLI and TUI)."""
    indicator = queries.get_indicator(session=session, code=code)
    entry = parse_entry(
        indicator,
        kind=kind,
        value=value,
        period=period,
        comparator=comparator,
        source=source,
        source_doc=source_doc,
        quote=quote,
        note=note,
    )
    if kind is Kind.TARGET:
        entry = _keeping_programme(session, indicator, entry, supersedes_id)
    new = mutations.record_observation(
        session=session,
        ctx=ctx,
        indicator=indicator,
        entry=entry,
        expected_version=expected_version,
        supersedes_id=supersedes_id,
    )
    return indicator, new


def _keeping_programme(
    session: Session, indicator: Indicator, entry: ObservationCreate, supersedes_id: int | None
) -> ObservationCreate:
    """A person's change to a target stays in the programme that set it, keeps its source
    document unless another is given, and with the same deadline the basis of that deadline
    (plan end, assumed) stays as it was."""
    if supersedes_id is not None:
        old = session.get(Observation, supersedes_id)
    else:
        old = session.exec(
            select(Observation).where(
                Observation.indicator_id == indicator.id,
                Observation.kind == Kind.TARGET.value,
                Observation.period == entry.period.text,
                Observation.state == ObservationState.CURRENT.value,
            )
        ).first()
    if old is None or old.indicator_id != indicator.id or old.kind != Kind.TARGET.value:
        return entry
    basis = entry.deadline_basis
    if basis is None and old.period == entry.period.text and old.deadline_basis:
        basis = DeadlineBasis(old.deadline_basis)
    return replace(
        entry,
        programme=entry.programme or old.programme,
        deadline_basis=basis,
        source_doc=entry.source_doc or old.source_doc,
    )


def value_warnings(store: Store, *, code: str, value: str, period: str) -> list[RowError]:
    """Why an actual a person is about to record looks wrong, as an import would hold it back
    (a share above 100 %, a negative count, an implausibly large figure, a ten-fold change
    against the latest actual of the same period length); empty when nothing does, or when
    the value cannot be read (recording it says why)."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        try:
            entry = parse_entry(indicator, kind=Kind.ACTUAL, value=value, period=period)
        except ValidationError:
            return []
        return outliers(session, {indicator.code: indicator}, [(indicator.code, entry)])


def parse_entry(
    indicator: Indicator,
    *,
    kind: Kind,
    value: str,
    period: str,
    comparator: str | None = None,
    source: str = "",
    source_doc: str | None = None,
    quote: str = "",
    note: str = "",
) -> ObservationCreate:
    """Validate a person's input for one observation of `indicator`."""
    for name, text in (("source", source), ("quote", quote), ("note", note)):
        check_text(text, field=name, limit=OBSERVATION_LIMITS[name])
    parsed_comparator = None
    if comparator:
        parsed_comparator = COMPARATOR_WORDS.get(comparator.strip())
        if parsed_comparator is None:
            raise ValidationError(
                f"comparator {comparator!r}: expected =, >, >=, <, <= or ~ (超过, 以上, 约, ...)"
            )
    if kind is Kind.TARGET and parsed_comparator is None:
        parsed_comparator = (
            Comparator.LE if indicator.direction == Direction.DECREASE else Comparator.GE
        )
    if not period.strip() and kind is not Kind.TARGET:
        raise ValidationError(
            "period: expected a period such as 2025 or 2025-06; only a target may have none"
            " (an open commitment)"
        )
    return ObservationCreate(
        kind=kind,
        period=parse_period(period) if period.strip() else OPEN,
        value=parse_value(value, indicator.unit),
        comparator=parsed_comparator,
        source_doc=source_doc or None,
        source=source,
        quote=quote,
        note=note,
    )


def flag(
    store: Store,
    *,
    code: str,
    reason: str,
    actor: str,
    origin: str,
    level: FlagLevel = FlagLevel.OFF_TRACK,
    expected_version: int | None = None,
) -> int:
    """Raise a flag on an indicator; returns the flag's id."""
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        row = mutations.raise_flag(
            session=session,
            ctx=context(actor, origin),
            indicator=indicator,
            level=level,
            reason=reason,
            expected_version=expected_version,
        )
        assert row.id is not None
        return row.id


def unflag(
    store: Store,
    *,
    code: str,
    note: str,
    actor: str,
    origin: str,
    expected_version: int | None = None,
) -> int:
    """Clear an indicator's open flag; returns the flag's id."""
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        row = mutations.clear_flag(
            session=session,
            ctx=context(actor, origin),
            indicator=indicator,
            note=note,
            expected_version=expected_version,
        )
        assert row.id is not None
        return row.id


TUI_ORIGIN = "tui"


@dataclass(frozen=True)
class Change:
    """A change made through the interface: its audit event and the indicator's version after."""

    event_id: int
    code: str
    action: str
    version: int
    summary: str


def _change_made(session: Session, indicator: Indicator) -> Change:
    """The change just written in this transaction for `indicator` (its newest audit event).

    The indicator row is locked by `claim` until commit, so no other writer's event for it
    can come between.
    """
    session.flush()
    event = queries.audit_events(session=session, indicator_code=indicator.code, limit=1)[0]
    line = audit_line(event)
    return Change(line.id, indicator.code, event.action, indicator.version, line.summary)


def record_value(
    store: Store,
    *,
    code: str,
    value: str,
    period: str,
    actor: str,
    expected_version: int | None,
    kind: Kind = Kind.ACTUAL,
    comparator: str | None = None,
    source_doc: str | None = None,
    source: str = "",
    quote: str = "",
    note: str = "",
    supersedes_id: int | None = None,
    origin: str = TUI_ORIGIN,
) -> Change | None:
    """Record (or, with `supersedes_id`, correct) a value typed by a person; the change made,
    to show and to undo (None if unchanged)."""
    with writing(store.engine) as session:
        indicator, new = _record_typed(
            session,
            context(actor, origin),
            code=code,
            kind=kind,
            value=value,
            period=period,
            comparator=comparator,
            source=source,
            source_doc=source_doc,
            quote=quote,
            note=note,
            expected_version=expected_version,
            supersedes_id=supersedes_id,
        )
        return _change_made(session, indicator) if new else None


def flag_indicator(
    store: Store,
    *,
    code: str,
    level: FlagLevel,
    reason: str,
    actor: str,
    expected_version: int | None,
    origin: str = TUI_ORIGIN,
) -> Change:
    """Raise a flag on an indicator (a reason is required)."""
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        mutations.raise_flag(
            session=session,
            ctx=context(actor, origin),
            indicator=indicator,
            level=level,
            reason=reason,
            expected_version=expected_version,
        )
        return _change_made(session, indicator)


def clear_indicator_flag(
    store: Store,
    *,
    code: str,
    note: str,
    actor: str,
    expected_version: int | None,
    origin: str = TUI_ORIGIN,
) -> Change:
    """Clear an indicator's open flag with a note."""
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        mutations.clear_flag(
            session=session,
            ctx=context(actor, origin),
            indicator=indicator,
            note=note,
            expected_version=expected_version,
        )
        return _change_made(session, indicator)


def undo_change(
    store: Store,
    change: Change,
    *,
    actor: str,
    expected_version: int | None,
    origin: str = TUI_ORIGIN,
) -> Change:
    """Undo a change by recording its opposite as a new audited change (nothing is deleted).

    A recorded value is withdrawn (restoring the one it superseded), a flag is cleared, a
    cleared flag is raised again, an indicator edit is reverted. Refused with ConflictError
    when the indicator is no longer at `expected_version` (None: undo regardless).
    """
    with writing(store.engine) as session:
        event = session.get(AuditEvent, change.event_id)
        if event is None:
            raise NotFoundError.of("error.no_change", event=change.event_id)
        indicator = queries.get_indicator(session=session, code=change.code)
        expected = expected_version
        ctx = context(actor, origin)
        before = json.loads(event.before) if event.before else {}
        if event.entity == "observation" and event.action in ("record", "correct"):
            mutations.withdraw_observation(
                session=session,
                ctx=ctx,
                indicator=indicator,
                observation_id=int(event.entity_id),
                expected_version=expected,
            )
        elif event.entity == "flag" and event.action == "flag":
            open_flag = mutations.open_flag(session=session, indicator=indicator)
            if open_flag is None or str(open_flag.id) != event.entity_id:
                raise ValidationError.of("error.flag_gone", code=indicator.code)
            mutations.clear_flag(
                session=session,
                ctx=ctx,
                indicator=indicator,
                note=f"undo of change {event.id}",
                expected_version=expected,
            )
        elif event.entity == "flag" and event.action == "unflag":
            mutations.raise_flag(
                session=session,
                ctx=ctx,
                indicator=indicator,
                level=FlagLevel(before["level"]),
                reason=before["reason"],
                expected_version=expected,
            )
        elif event.entity == "indicator" and event.action == "update":
            links = before.get("departments", {})
            mutations.update_indicator(
                session=session,
                ctx=ctx,
                indicator=indicator,
                changes={k: before[k] for k in EDITABLE_INDICATOR_FIELDS},
                expected_version=expected,
                lead=links.get("lead", []),
                responsible=links.get("responsible", []),
            )
        else:
            raise TrackerError(f"a {event.action} of {event.entity} cannot be undone here")
        return _change_made(session, indicator)
