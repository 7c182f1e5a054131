"""Importing a file of observations or indicator definitions: all or nothing, every problem
reported with its line and column."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from tracker.domain.models import Indicator, Observation
from tracker.domain.numbers import format_decimal, normalize_text
from tracker.domain.schemas import ObservationCreate, stored_fields
from tracker.domain.vocab import Direction
from tracker.errors import ImportRefusedError, RowError, ValidationError
from tracker.importers import layouts
from tracker.importers.indicators import parse_indicators
from tracker.importers.layouts import widen_to_long
from tracker.importers.milestones import parse_milestones
from tracker.importers.observations import IndicatorUnit, indicator_codes, parse_observations
from tracker.importers.tables import read_table
from tracker.services import collector
from tracker.services.outliers import outliers
from tracker.services.store import MAX_REPORTED_ERRORS, Store, context
from tracker.storage import bulk, mutations, queries
from tracker.storage.audit import WriteContext
from tracker.storage.engine import writing
from tracker.storage.periods import ClosedPeriodError

if TYPE_CHECKING:
    from tracker.importers.layouts import Layout

SHOWN_OUTLIERS = 20  # a refusal for suspicious values lists the worst ones, then the count
REPORTED_CHANGES = 10  # the changes a real import lists (a dry run lists all, or --limit)


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
    layout: Layout | None = None  # how the sheet was read: header line, rows skipped, ...
    refused: str | None = None  # why the real import would refuse the file (a dry run's)

    @property
    def nothing_changed(self) -> bool:
        """True when the file matched the store exactly."""
        return self.new == 0 and self.changed == 0


@collector.paused()
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
    data: bytes | None = None,
    limit: int | None = None,
    within: tuple[Session, WriteContext] | None = None,
) -> ImportReport:
    """Import an observations or indicators file, all or nothing.

    Every problem is collected (up to MAX_REPORTED_ERRORS are listed) and raised together as
    ImportRefusedError before anything is written. The layout is found from the cells: a
    title above the header, totals and notes among the rows, a unit in a header, a wide
    table (see importers.layouts). `data` is the file's content when it is not on disk
    (standard input); `limit` caps the changes a dry run lists (all by default). A dry run
    that the real import would refuse for suspicious values says so in `refused`. `within`
    is a transaction and its write context to import in (the seed's one change set), instead
    of a transaction and change set of the import's own.
    """

    started = time.perf_counter()
    table = read_table(path, encoding=encoding, sheet=sheet, is_header=layouts.is_header, data=data)
    shape = layouts.shape_of(table)
    layout = layouts.Layout(
        shape,
        header_line=table.header_line,
        above=[line for line, _ in table.above],
        sheet=table.sheet,
    )
    layouts.drop_non_data(table, layout)
    if shape != "wide":
        layouts.prepare_long(table, layout)
    report = ImportReport(
        str(path),
        "observations" if shape == "wide" else shape,
        table.encoding,
        rows=len(table.rows),
        dry_run=dry_run,
        layout=layout,
    )
    own = None
    if within is None:
        own = context(actor, origin or f"import:{path.name}")
        own.command, own.file_name = "import", path.name
        own.file_sha256 = checksum(path, data)
    with transaction(store, within, own) as (session, ctx):
        if shape in ("observations", "wide"):
            _import_observations(
                session, table, report, ctx, dry_run, accept_outliers, path.name, progress, limit
            )
        elif shape == "milestones":
            _import_milestones(session, table, report, ctx, dry_run)
        else:
            _import_indicators(session, table, report, ctx, dry_run)
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def transaction(
    store: Store, within: tuple[Session, WriteContext] | None, own: WriteContext | None
) -> Iterator[tuple[Session, WriteContext]]:
    """The transaction and write context given, or a transaction of the import's own."""
    if within is not None:
        yield within
        return
    assert own is not None
    with writing(store.engine) as session:
        yield session, own


def checksum(path: Path, data: bytes | None) -> str:
    """The sha256 of the file imported (of `data` when it is not on disk)."""
    digest = hashlib.sha256()
    if data is not None:
        digest.update(data)
        return digest.hexdigest()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _import_milestones(
    session: Session, table: Any, report: ImportReport, ctx: WriteContext, dry_run: bool
) -> None:
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
    session: Session,
    table: Any,
    report: ImportReport,
    ctx: WriteContext,
    dry_run: bool,
    accept_outliers: bool,
    file_name: str,
    progress: Callable[[int, int], None] | None,
    limit: int | None = None,
) -> None:
    indicators = queries.indicators_by_code(session=session)
    wide_errors: list[RowError] = []
    if report.layout is not None and report.layout.shape == "wide":
        names: dict[str, list[str]] = {}
        for code, indicator in sorted(indicators.items()):
            names.setdefault(normalize_text(indicator.name), []).append(code)
        table, wide_errors = widen_to_long(table, report.layout, names=names, source=file_name)
    units = {
        c: IndicatorUnit(i.unit, Direction(i.direction), i.id or 0) for c, i in indicators.items()
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
        columnar=True,
    )
    columns = parsed.columns
    assert columns is not None
    if parsed.errors or wide_errors:
        located = report.layout.located(parsed.errors) if report.layout else parsed.errors
        raise _refuse(table.path, wide_errors + located)
    report.warnings = outliers(session, indicators, columns, stored=stored)
    if report.warnings and not accept_outliers:
        reason = "suspicious values: check them, then import with --accept-outliers"
        if not dry_run:
            raise ImportRefusedError(
                table.path,
                report.warnings[:SHOWN_OUTLIERS],
                len(report.warnings),
            ) from ValidationError(reason)
        report.refused = reason
    if dry_run:
        report.first_changes = preview_changes(session, indicators, columns.entries(), limit=limit)
    else:
        # The real import names its first changes too (read from the first entries only:
        # a large file's report must not cost a second pass over it).
        shown = limit or REPORTED_CHANGES
        report.first_changes = preview_changes(
            session, indicators, columns.entries(shown * 5), limit=shown
        )
    try:
        new, changed, unchanged = bulk.record_columns(
            session=session, ctx=ctx, columns=columns, indicators=indicators, current=stored
        )
    except ClosedPeriodError as exc:  # refused whole, each value named by its line
        raise ImportRefusedError(table.path, exc.rows, exc.total) from None
    report.new, report.changed = new, changed
    report.unchanged = unchanged + parsed.unchanged
    if progress:
        progress(len(columns), len(columns))
    if dry_run:
        session.rollback()


def _import_indicators(
    session: Session, table: Any, report: ImportReport, ctx: WriteContext, dry_run: bool
) -> None:

    parsed = parse_indicators(
        table,
        regions=queries.regions(session=session),
        pillars=queries.pillars(session=session),
    )
    if parsed.errors:
        raise _refuse(table.path, parsed.errors)
    existing = queries.indicators_by_code(session=session)
    # A unit cannot change under stored values, as with `tracker indicator edit --unit`:
    # 6.4 stored in 亿元 must not quietly become 6.4 万元.
    unit_errors = []
    for spec in parsed.specs:
        current = existing.get(spec.code)
        if current is None or spec.unit == current.unit:
            continue
        count = len(queries.observations_of(session=session, indicator=current))
        if count:
            unit_errors.append(
                RowError(
                    parsed.lines.get(spec.code, 0),
                    "unit",
                    spec.unit,
                    f"{spec.code} has {count} observation(s) stored in {current.unit!r};"
                    f" changing the unit to {spec.unit!r} would change what they mean"
                    f" (keep {current.unit!r}, or add a new indicator)",
                )
            )
    if unit_errors:
        raise _refuse(table.path, unit_errors)
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
    limit: int | None = None,
) -> list[str]:
    """The changes an import would make (all, or the first `limit`), as lines such as
    `changed X actual 2025: 12 -> 13`; a change of text names each field with old and new."""
    current = current_observations(session, [indicators[code].id for code, _ in entries])
    lines: list[str] = []
    for code, entry in entries:
        if limit is not None and len(lines) >= limit:
            break
        old = current.get((indicators[code].id, entry.kind.value, entry.period.text))
        shown = f"{code} {entry.kind.value} {entry.period.text or '(no deadline)'}"
        if old is None:
            lines.append(f"new {shown}: {_shown_value(entry.value, entry.relative_to)}")
        elif not mutations.observation_content(old).same_content(entry):
            parts = []
            if old.value != entry.value or old.relative_to != entry.relative_to:
                parts.append(
                    f"{_shown_value(old.value, old.relative_to)}"
                    f" -> {_shown_value(entry.value, entry.relative_to)}"
                )
            for name in PREVIEW_FIELDS:
                before, after = getattr(old, name), getattr(entry, name)
                before = "" if before is None else str(getattr(before, "value", before))
                after = "" if after is None else str(getattr(after, "value", after))
                if before != after:
                    parts.append(f"{name} {before!r} -> {after!r}")
            lines.append(f"changed {shown}: " + ("; ".join(parts) or "details"))
    return lines


PREVIEW_FIELDS = (
    "comparator",
    "source_doc",
    "quote",
    "note",
    "programme",
    "deadline_basis",
    "quarantine",
)


def _shown_value(value: Decimal | None, relative_to: str | None) -> str:
    return format_decimal(value) if value is not None else f"relative to {relative_to}"
