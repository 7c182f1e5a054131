"""Importing a file of observations or indicator definitions: all or nothing, every problem
reported with its line and column."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from tracker.domain.models import Indicator, Observation
from tracker.domain.numbers import format_decimal, split_unit, stored_value_is
from tracker.domain.schemas import ObservationCreate, stored_fields
from tracker.domain.vocab import Direction, Kind
from tracker.errors import ImportRefusedError, RowError, ValidationError
from tracker.importers.indicators import parse_indicators
from tracker.importers.milestones import parse_milestones
from tracker.importers.observations import IndicatorUnit, indicator_codes, parse_observations
from tracker.importers.tables import read_table
from tracker.services.store import MAX_REPORTED_ERRORS, Store, context
from tracker.storage import bulk, mutations, queries
from tracker.storage.audit import WriteContext
from tracker.storage.engine import writing


@dataclass
class ImportReport:
    """What an import read, would change or changed, and what it warns about."""

    path: str
    shape: str
    encoding: str
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    warnings: list[RowError] = field(default_factory=list)
    first_changes: list[str] = field(default_factory=list)
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def nothing_changed(self) -> bool:
        """True when the file matched the store exactly."""
        return self.new == 0 and self.changed == 0


def import_file(
    store: Store,
    path: Path,
    *,
    actor: str,
    origin: str | None = None,
    dry_run: bool = False,
    accept_outliers: bool = False,
    encoding: str | None = None,
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import an observations or indicators file, all or nothing.

    Every problem is collected (up to MAX_REPORTED_ERRORS are listed) and raised together as
    ImportRefusedError before anything is written.
    """

    started = time.perf_counter()
    table = read_table(path, encoding=encoding, sheet=sheet)
    headers = {h.strip().lower() for h in table.header}
    shape = "observations" if headers & {"value", "数值", "值"} else "indicators"
    if headers & {"deliverable", "交付项", "任务项"}:
        shape = "milestones"
    report = ImportReport(str(path), shape, table.encoding, rows=len(table.rows), dry_run=dry_run)
    ctx = context(actor, origin or f"import:{path.name}")
    if shape == "observations":
        _import_observations(
            store, table, report, ctx, dry_run, accept_outliers, path.name, progress
        )
    elif shape == "milestones":
        _import_milestones(store, table, report, ctx, dry_run)
    else:
        _import_indicators(store, table, report, ctx, dry_run)
    report.seconds = time.perf_counter() - started
    return report


def _import_milestones(
    store: Store, table: Any, report: ImportReport, ctx: WriteContext, dry_run: bool
) -> None:

    with writing(store.engine) as session:
        indicators = queries.indicators_by_code(session=session)
        parsed = parse_milestones(
            table,
            indicators={c: Direction(i.direction) for c, i in indicators.items()},
            documents={d.id for d in queries.documents(session=session)},
        )
        if parsed.errors:
            raise _refuse(table.path, parsed.errors)
        for entry in parsed.entries:
            outcome = mutations.record_milestone(
                session=session, ctx=ctx, indicator=indicators[entry.code], entry=entry
            )
            setattr(report, outcome, getattr(report, outcome) + 1)
        if dry_run:
            session.rollback()


def _refuse(path: str, errors: list[RowError]) -> ImportRefusedError:
    ordered = sorted(errors, key=lambda e: e.line)
    return ImportRefusedError(path, ordered[:MAX_REPORTED_ERRORS], len(errors))


def _import_observations(
    store: Store,
    table: Any,
    report: ImportReport,
    ctx: WriteContext,
    dry_run: bool,
    accept_outliers: bool,
    file_name: str,
    progress: Callable[[int, int], None] | None,
) -> None:

    with writing(store.engine) as session:
        indicators = queries.indicators_by_code(session=session)
        units = {
            c: IndicatorUnit(i.unit, Direction(i.direction), i.id or 0)
            for c, i in indicators.items()
        }
        documents = {d.id for d in queries.documents(session=session)}
        programmes = {p.code for p in queries.programmes(session=session)}
        # What is stored now for the file's indicators, read once: the parser counts the rows
        # that repeat it as they are, the outlier check and the write compare the rest with it.
        codes = indicator_codes(table) & indicators.keys()
        stored = bulk.current_contents(
            session=session, indicator_ids={indicators[code].id or 0 for code in codes}
        )
        # consume: a row's cells are let go once it is an entry (a million rows add up).
        parsed = parse_observations(
            table,
            indicators=units,
            documents=documents,
            source=file_name,
            progress=progress,
            consume=True,
            stored=stored,
            programmes=programmes,
        )
        if parsed.errors:
            raise _refuse(table.path, parsed.errors)
        report.warnings = outliers(session, indicators, parsed.entries, stored=stored)
        if report.warnings and not accept_outliers and not dry_run:
            raise ImportRefusedError(
                table.path,
                report.warnings[:MAX_REPORTED_ERRORS],
                len(report.warnings),
            ) from ValidationError(
                "suspicious values: check them, then import with --accept-outliers"
            )
        if dry_run:
            report.first_changes = preview_changes(session, indicators, parsed.entries)
        entries = [(indicators[code], entry) for code, entry in parsed.entries]
        result = mutations.bulk_record(session=session, ctx=ctx, entries=entries, current=stored)
        report.new, report.changed = result.new, result.changed
        report.unchanged = result.unchanged + parsed.unchanged
        if progress:
            progress(len(entries), len(entries))
        if dry_run:
            session.rollback()


def outliers(
    session: Session,
    indicators: dict[str, Indicator],
    entries: Iterable[tuple[str, ObservationCreate]],
    *,
    stored: dict[Any, Any] | None = None,
) -> list[RowError]:
    """Suspicious actuals: a share above 100 %, or a ten-fold jump against the latest actual.

    A value already stored as it is raises no warning: re-importing a file stays quiet.
    `stored` is `bulk.current_contents` of these indicators when the caller has read it.
    """
    latest = queries.latest_actuals(session=session)
    entries = list(entries)
    if stored is None:
        stored = bulk.current_contents(
            session=session, indicator_ids={indicators[code].id or 0 for code, _ in entries}
        )
    # Per indicator once, not per row: (id, unit, latest actual, whether a rule can apply).
    facts: dict[str, tuple[int, str, Decimal | None, bool]] = {}
    warnings = []
    for code, entry in entries:
        if entry.kind is not Kind.ACTUAL:
            continue
        found = facts.get(code)
        if found is None:
            indicator = indicators[code]
            previous = latest.get(indicator.id or 0)
            applies = previous is not None or split_unit(indicator.unit)[1] == "%"
            found = facts[code] = (indicator.id or 0, indicator.unit, previous, applies)
        indicator_id, unit, previous, applies = found
        if not applies:
            continue
        old = stored.get((indicator_id, Kind.ACTUAL.value, entry.period.text))
        if old is not None and stored_value_is(old[1], entry.value):
            continue
        reason = suspicious(entry.value, unit, previous)
        if reason:
            warnings.append(RowError(entry.line or 0, "value", format_decimal(entry.value), reason))
    return warnings


def suspicious(value: Decimal, unit: str, previous: Decimal | None) -> str | None:
    """Why a new actual looks wrong, or None: a share above 100 % or a ten-fold change."""
    if split_unit(unit)[1] == "%" and value > 100:
        return f"a percentage above 100 ({format_decimal(value)}%)"
    if previous is not None and previous != 0 and value != 0:
        ratio = abs(value / previous)
        if ratio >= 10 or ratio <= Decimal("0.1"):
            shown = f"{ratio:.0f}" if ratio >= 100 else f"{ratio:.3g}"
            return f"a {shown}-fold change from the latest actual {format_decimal(previous)}"
    return None


def _import_indicators(
    store: Store, table: Any, report: ImportReport, ctx: WriteContext, dry_run: bool
) -> None:

    with writing(store.engine) as session:
        parsed = parse_indicators(
            table,
            regions=queries.regions(session=session),
            pillars=queries.pillars(session=session),
        )
        if parsed.errors:
            raise _refuse(table.path, parsed.errors)
        existing = queries.indicators_by_code(session=session)
        for spec in parsed.specs:
            current = existing.get(spec.code)
            if current is None:
                mutations.create_indicator(session=session, ctx=ctx, spec=spec)
                report.new += 1
                _note_change(report, f"new {spec.code} {spec.name}")
                continue
            changes = stored_fields(spec)
            changed = mutations.update_indicator(
                session=session,
                ctx=ctx,
                indicator=current,
                changes=changes,
                expected_version=None,
                lead=spec.lead,
                responsible=spec.responsible,
            )
            if changed:
                report.changed += 1
                _note_change(report, f"changed {spec.code}")
            else:
                report.unchanged += 1
        if dry_run:
            session.rollback()


def _note_change(report: ImportReport, text: str) -> None:
    if len(report.first_changes) < 10:
        report.first_changes.append(text)


def current_observations(
    session: Session, ids: Iterable[int | None]
) -> dict[tuple[int | None, str, str], Observation]:
    """The current observations of these indicators by (indicator id, kind, period)."""
    from sqlmodel import col, select

    wanted = sorted({i for i in ids if i is not None})
    current: dict[tuple[int | None, str, str], Observation] = {}
    for start in range(0, len(wanted), 500):
        query = select(Observation).where(
            col(Observation.indicator_id).in_(wanted[start : start + 500]),
            Observation.state == "current",
        )
        for row in session.exec(query):
            current[(row.indicator_id, row.kind, row.period)] = row
    return current


def preview_changes(
    session: Session,
    indicators: dict[str, Indicator],
    entries: list[tuple[str, ObservationCreate]],
    limit: int = 10,
) -> list[str]:
    """The first changes an import would make, as lines such as `X actual 2025: 12 -> 13`."""
    current = current_observations(session, [indicators[code].id for code, _ in entries])
    lines: list[str] = []
    for code, entry in entries:
        old = current.get((indicators[code].id, entry.kind.value, entry.period.text))
        shown = f"{code} {entry.kind.value} {entry.period.text or '(no deadline)'}"
        if old is None:
            lines.append(f"new {shown}: {_shown_value(entry.value, entry.relative_to)}")
        elif not mutations.observation_content(old).same_content(entry):
            what = (
                f"{_shown_value(old.value, old.relative_to)}"
                f" -> {_shown_value(entry.value, entry.relative_to)}"
                if old.value != entry.value
                else "comparator, source, quote, note, programme, basis or quarantine"
            )
            lines.append(f"changed {shown}: {what}")
        if len(lines) >= limit:
            break
    return lines


def _shown_value(value: Decimal | None, relative_to: str | None) -> str:
    return format_decimal(value) if value is not None else f"relative to {relative_to}"
