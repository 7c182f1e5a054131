"""Writes typed by a person, one function each for the CLI and the TUI: values, flags and
reverts, each one change set, returning the change made (to show and to undo)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from tracker.domain.models import AuditEvent, Indicator, Observation
from tracker.domain.numbers import parse_value
from tracker.domain.periods import OPEN, parse_period
from tracker.domain.schemas import OBSERVATION_LIMITS, ObservationCreate
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
from tracker.errors import RowError, ValidationError
from tracker.i18n import Words, phrase
from tracker.services.audit import describe_event
from tracker.services.outliers import outliers
from tracker.services.store import Store, context
from tracker.storage import mutations, queries
from tracker.storage.audit import WriteContext, to_json
from tracker.storage.engine import reading, writing
from tracker.storage.revert import revert_change_set

TUI_ORIGIN = "tui"


@dataclass(frozen=True)
class Change:
    """A write made by a person: its change set, the indicator it changed and its version
    after, what it did (`record`, `correct`, `flag`, `unflag`, `update`, `revert`) in a few
    words, and the row it wrote (an observation's or a flag's id)."""

    change_set_id: int
    code: str
    action: str
    version: int
    summary: str
    row_id: int | None = None


def change_made(
    session: Session, ctx: WriteContext, indicator: Indicator, row_id: int | None = None
) -> Change:
    """The change this transaction wrote for `indicator`: its audit event, or else the value
    `row_id` and the one it superseded (the indicator row is locked by `claim` until commit,
    and its version was read back then)."""
    session.flush()
    change_set_id = ctx.change_set_id
    assert change_set_id is not None
    event = session.exec(
        select(AuditEvent)
        .where(AuditEvent.change_set_id == change_set_id)
        .order_by(col(AuditEvent.id).desc())
        .limit(1)
    ).first()
    if event is not None:
        action = event.action
        summary = describe_event(action, event.entity, event.before, event.after)
    else:
        new = session.get(Observation, row_id)
        assert new is not None
        old = session.exec(
            select(Observation).where(
                Observation.superseded_in == change_set_id, Observation.superseded_by_id == row_id
            )
        ).first()
        action = "correct" if old else "record"
        before = to_json(old.model_dump()) if old else None
        summary = describe_event(action, "observation", before, to_json(new.model_dump()))
    return Change(change_set_id, indicator.code, action, indicator.version, summary, row_id)


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
) -> Change | None:
    """Record (or, with `supersedes_id` or a value for a period that has one, correct) a
    value typed by a person, in one change set; the change made (its `row_id` the new
    observation's), or None when the value is recorded already as it is."""
    with writing(store.engine) as session:
        ctx = context(actor, origin)
        indicator, new = _record_typed(
            session,
            ctx,
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
        return change_made(session, ctx, indicator, new.id) if new else None


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
    """A person's change to a target stays in the programme that set it, and with the same
    deadline the basis of that deadline (plan end, assumed) stays as it was."""
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
    return replace(entry, programme=entry.programme or old.programme, deadline_basis=basis)


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
) -> Change:
    """Raise a flag on an indicator (a reason is required); its `row_id` is the flag's."""
    with writing(store.engine) as session:
        ctx = context(actor, origin)
        indicator = queries.get_indicator(session=session, code=code)
        row = mutations.raise_flag(
            session=session,
            ctx=ctx,
            indicator=indicator,
            level=level,
            reason=reason,
            expected_version=expected_version,
        )
        return change_made(session, ctx, indicator, row.id)


def unflag(
    store: Store,
    *,
    code: str,
    note: str,
    actor: str,
    origin: str,
    expected_version: int | None = None,
) -> Change:
    """Clear an indicator's open flag (a note saying why is required)."""
    with writing(store.engine) as session:
        ctx = context(actor, origin)
        indicator = queries.get_indicator(session=session, code=code)
        row = mutations.clear_flag(
            session=session,
            ctx=ctx,
            indicator=indicator,
            note=note,
            expected_version=expected_version,
        )
        return change_made(session, ctx, indicator, row.id)


def revert(
    store: Store,
    change_set_id: int,
    *,
    actor: str,
    origin: str,
    expected_version: int | None = None,
) -> Change:
    """Revert a change set (an import, a person's change, a revert) as a new change set; the
    TUI's undo. Refused, naming them, when later change sets built on what it wrote; with
    `expected_version`, when the one indicator it changed is no longer at that version."""
    with writing(store.engine) as session:
        ctx = context(actor, origin)
        done = revert_change_set(
            session=session,
            ctx=ctx,
            change_set_id=change_set_id,
            expected_version=expected_version,
        )
        code, version = next(iter(sorted(done.versions.items())), ("", 0))
        said = phrase(
            "changes.reverted",
            id=change_set_id,
            new=done.change_set_id,
            withdrawn=done.withdrawn,
            restored=done.restored,
            events=done.events,
        )
        summary = Words(said.say("en"), (said,))
        return Change(done.change_set_id, code, "revert", version, summary)
