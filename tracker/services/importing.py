"""Importing a file of observations or indicator definitions: all or nothing, every problem
reported with its line and column."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from tracker.domain.models import Indicator, Observation
from tracker.domain.numbers import format_decimal, normalize_text, split_unit, stored_value_is
from tracker.domain.schemas import ObservationCreate, stored_fields
from tracker.domain.vocab import Direction, Kind
from tracker.errors import ImportRefusedError, RowError, ValidationError
from tracker.i18n import Phrase, phrase
from tracker.importers import layouts
from tracker.importers.indicators import parse_indicators
from tracker.importers.layouts import widen_to_long
from tracker.importers.milestones import parse_milestones
from tracker.importers.observations import IndicatorUnit, indicator_codes, parse_observations
from tracker.importers.tables import read_table
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
) -> ImportReport:
    """Import an observations or indicators file, all or nothing.

    Every problem is collected (up to MAX_REPORTED_ERRORS are listed) and raised together as
    ImportRefusedError before anything is written. The layout is found from the cells: a
    title above the header, totals and notes among the rows, a unit in a header, a wide
    table (see importers.layouts). `data` is the file's content when it is not on disk
    (standard input); `limit` caps the changes a dry run lists (all by default). A dry run
    that the real import would refuse for suspicious values says so in `refused`.
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
    ctx = context(actor, origin or f"import:{path.name}")
    ctx.command = "seed" if origin == "seed" else "import"
    ctx.file_name = path.name
    ctx.file_sha256 = checksum(path, data)
    if shape in ("observations", "wide"):
        _import_observations(
            store, table, report, ctx, dry_run, accept_outliers, path.name, progress, limit
        )
    elif shape == "milestones":
        _import_milestones(store, table, report, ctx, dry_run)
    else:
        _import_indicators(store, table, report, ctx, dry_run)
    report.seconds = time.perf_counter() - started
    return report


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
    limit: int | None = None,
) -> None:

    with writing(store.engine) as session:
        indicators = queries.indicators_by_code(session=session)
        wide_errors: list[RowError] = []
        if report.layout is not None and report.layout.shape == "wide":
            names: dict[str, list[str]] = {}
            for code, indicator in sorted(indicators.items()):
                names.setdefault(normalize_text(indicator.name), []).append(code)
            table, wide_errors = widen_to_long(table, report.layout, names=names, source=file_name)
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
        if parsed.errors or wide_errors:
            located = report.layout.located(parsed.errors) if report.layout else parsed.errors
            raise _refuse(table.path, wide_errors + located)
        report.warnings = outliers(session, indicators, parsed.entries, stored=stored)
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
            report.first_changes = preview_changes(session, indicators, parsed.entries, limit=limit)
        else:
            # The real import names its first changes too (read from the first entries only:
            # a large file's report must not cost a second pass over it).
            shown = limit or REPORTED_CHANGES
            report.first_changes = preview_changes(
                session, indicators, parsed.entries[: shown * 5], limit=shown
            )
        entries = [(indicators[code], entry) for code, entry in parsed.entries]
        try:
            result = mutations.bulk_record(
                session=session, ctx=ctx, entries=entries, current=stored
            )
        except ClosedPeriodError as exc:  # refused whole, each value named by its line
            raise ImportRefusedError(table.path, exc.rows, exc.total) from None
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
    """Suspicious actuals, worst first: a share above 100 %, or a ten-fold jump against the
    latest stored actual of the same period length (a month against a month, a year-to-date
    range against a range), so that monthly and yearly figures are not compared.

    A value already stored as it is raises no warning: re-importing a file stays quiet.
    `stored` is `bulk.current_contents` of these indicators when the caller has read it.
    """
    from tracker.domain.periods import parse_period

    entries = list(entries)
    if stored is None:
        stored = bulk.current_contents(
            session=session, indicator_ids={indicators[code].id or 0 for code, _ in entries}
        )
    # The latest stored actual of each indicator for each period length: (end, value).
    latest: dict[tuple[int, str], tuple[Any, Decimal]] = {}
    for (indicator_id, kind, period_text), row in stored.items():
        if kind != Kind.ACTUAL.value or not period_text or row[1] is None:
            continue
        try:
            period = parse_period(period_text)
        except ValidationError:
            continue
        key = (indicator_id, _length(period))
        if key not in latest or latest[key][0] < period.end:
            latest[key] = (period.end, Decimal(str(row[1])))
    found: list[tuple[Decimal, RowError]] = []
    for code, entry in entries:
        if entry.kind is not Kind.ACTUAL or entry.value is None:
            continue
        indicator = indicators[code]
        indicator_id = indicator.id or 0
        old = stored.get((indicator_id, Kind.ACTUAL.value, entry.period.text))
        if old is not None and stored_value_is(old[1], entry.value):
            continue
        previous = latest.get((indicator_id, _length(entry.period)))
        reason = suspicious(
            entry.value, indicator.unit, previous[1] if previous else None, indicator.measure
        )
        if reason:
            error = RowError(entry.line or 0, "value", format_decimal(entry.value), str(reason))
            found.append((_severity(entry.value, previous[1] if previous else None), error))
    found.sort(key=lambda pair: (-pair[0], pair[1].line))
    return [error for _, error in found]


def _length(period: Any) -> str:
    """What a period is compared with: its precision, and a range's number of months."""
    if period.start is None:
        return str(period.precision.value)
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    return f"{period.precision.value}:{months}"


def _severity(value: Decimal, previous: Decimal | None) -> Decimal:
    """How far off a suspicious value is: its ratio to the previous one either way, or to
    100 for a share above 100 % with nothing to compare."""
    if previous is None or previous == 0 or value == 0:
        return abs(value) / 100
    ratio = abs(value / previous)
    return ratio if ratio >= 1 else 1 / ratio


# Units that count things: a negative figure in one of them is a typing error.
COUNT_UNITS = frozenset(
    "个 家 条 项 次 场 人 位 所 列 亩 轮 批次 户次 家次 名 人次 笔 标箱 户 例 件 辆 座 架".split()
)
IMPLAUSIBLE = Decimal(10) ** 16  # in the unit's base (元, 人次): more than any economy holds


def suspicious(
    value: Decimal, unit: str, previous: Decimal | None, measure: str = "level"
) -> Phrase | None:
    """Why a new actual looks wrong, or None: a share above 100 %, a negative count, a figure
    larger than anything measured (1.2e17 亿元), or a ten-fold change. A rate of change
    (`measure` rate) may pass 100 % and fall below 0. `record` can ask the same. A phrase:
    `str` says it in English, `say(lang)` in either language."""
    factor, base = split_unit(unit)
    level = measure != "rate"
    if level and base == "%" and value > 100:
        return phrase("outlier.percentage", value=format_decimal(value))
    if level and base in COUNT_UNITS and value < 0:
        return phrase("outlier.negative_count", value=format_decimal(value), unit=unit)
    if abs(value) * factor >= IMPLAUSIBLE:
        return phrase("outlier.implausible", value=format_decimal(value), unit=unit)
    if previous is not None and previous != 0 and value != 0:
        ratio = abs(value / previous)
        if ratio >= 10 or ratio <= Decimal("0.1"):
            shown = f"{ratio:.0f}" if ratio >= 100 else f"{ratio:.3g}"
            return phrase("outlier.fold", ratio=shown, previous=format_decimal(previous))
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
