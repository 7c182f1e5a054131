"""The use-cases both faces share: open, initialise, record, flag, import, summarise, export."""

from __future__ import annotations

import csv
import io
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker.collector import collector_paused
from tracker.config import seeds_dir
from tracker.domain.board import ATTENTION as ATTENTION
from tracker.domain.board import IndicatorStatus, Reference, Summary, judge_all, within
from tracker.domain.board import summarize as summary_of
from tracker.domain.models import AuditEvent, Document, Flag, Indicator, Observation
from tracker.domain.numbers import format_decimal, parse_value, split_unit
from tracker.domain.periods import parse_period
from tracker.domain.schemas import EDITABLE_INDICATOR_FIELDS, ObservationCreate
from tracker.domain.status import Facts, Point, Target, Thresholds, judge
from tracker.domain.vocab import (
    COMPARATOR_WORDS,
    STATUS_ORDER,
    Comparator,
    Direction,
    FlagLevel,
    Frequency,
    Kind,
    ObservationState,
    Status,
)
from tracker.errors import (
    ImportRefusedError,
    NotFoundError,
    RowError,
    TrackerError,
    ValidationError,
)
from tracker.storage import bulk, mutations, queries
from tracker.storage.audit import WriteContext
from tracker.storage.engine import make_engine, mask_url, reading, writing
from tracker.storage.schema import check_current, revision_of

MAX_REPORTED_ERRORS = 100
EXPORT_COLUMNS = (
    "indicator", "name", "region", "pillar", "unit", "kind", "period", "value",
    "comparator", "source_doc", "quote", "note",
)  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def now() -> datetime:
    """The time stamped on changes, in UTC."""
    return datetime.now(UTC)


def context(actor: str, origin: str) -> WriteContext:
    """A write context stamped now."""
    return WriteContext(actor=actor, origin=origin, now=now())


@dataclass
class Store:
    """An opened indicator store."""

    url: str
    engine: Engine
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def where(self) -> str:
        """The URL with the password hidden."""
        return mask_url(self.url)


def open_store(url: str, *, create: bool = True) -> Store:
    """Open the store at `url`; an absent or empty database is created and seeded first."""
    store = Store(url, make_engine(url, create=create))
    revision = revision_of(store.engine)
    if revision is None and create:
        initialize(store)
        return store
    check_current(revision, store.where)
    return store


def initialize(store: Store) -> dict[str, int]:
    """Migrate to the newest schema and load the seed data; running it again changes nothing."""
    from tracker.storage.migrate import upgrade

    upgrade(store.engine)
    return load_seeds(store)


def load_seeds(store: Store, folder: Path | None = None, *, figures: bool = True) -> dict[str, int]:
    """Load the seed files through the same importers users' files go through.

    With `figures=False` only the reference tables (documents, regions, pillars) are loaded.
    """
    from tracker.importers import reference
    from tracker.importers.tables import read_table

    folder = folder or seeds_dir()
    ctx = context("seed", "seed")
    counts: Counter[str] = Counter()
    with writing(store.engine) as session:
        for name, parse in (
            ("documents", reference.parse_documents),
            ("regions", reference.parse_regions),
            ("pillars", reference.parse_pillars),
        ):
            for row in parse(read_table(folder / f"{name}.csv")):
                counts[mutations.upsert_reference(session=session, ctx=ctx, row=row)] += 1
    for name in ("indicators", "observations") if figures else ():
        report = import_file(
            store, folder / f"{name}.csv", actor="seed", origin="seed", accept_outliers=True
        )
        counts.update({"new": report.new, "changed": report.changed, "unchanged": report.unchanged})
    return dict(counts)


# -- import -----------------------------------------------------------------------------------


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
    from tracker.importers.tables import read_table

    started = time.perf_counter()
    with collector_paused():
        table = read_table(path, encoding=encoding, sheet=sheet)
        headers = {h.strip().lower() for h in table.header}
        shape = "observations" if headers & {"value", "数值", "值"} else "indicators"
        report = ImportReport(
            str(path), shape, table.encoding, rows=len(table.rows), dry_run=dry_run
        )
        ctx = context(actor, origin or f"import:{path.name}")
        if shape == "observations":
            _import_observations(
                store, table, report, ctx, dry_run, accept_outliers, path.name, progress
            )
        else:
            _import_indicators(store, table, report, ctx, dry_run)
    report.seconds = time.perf_counter() - started
    return report


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
    from tracker.importers.observations import IndicatorUnit, parse_observations

    with writing(store.engine) as session:
        indicators = queries.indicators_by_code(session=session)
        units = {c: IndicatorUnit(i.unit, Direction(i.direction)) for c, i in indicators.items()}
        documents = {d.id for d in queries.documents(session=session)}
        # consume: a row's cells are let go once it is an entry (a million rows add up).
        parsed = parse_observations(
            table, indicators=units, documents=documents, source=file_name, progress=progress,
            consume=True,
        )  # fmt: skip
        if parsed.errors:
            raise _refuse(table.path, parsed.errors)
        # What is stored now, read once: the outlier check and the write both compare with it.
        codes = {code for code, _ in parsed.entries}
        stored = bulk.current_contents(
            session=session, indicator_ids={indicators[code].id or 0 for code in codes}
        )
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
        report.new, report.changed, report.unchanged = result.new, result.changed, result.unchanged
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
        if old is not None and bulk.stored_value_is(old[1], entry.value):
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
    from tracker.importers.indicators import parse_indicators

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
            changes = {
                "name": spec.name, "name_en": spec.name_en, "unit": spec.unit,
                "direction": spec.direction.value, "region_code": spec.region_code,
                "pillar_code": spec.pillar_code, "frequency": spec.frequency.value,
                "description": spec.description,
            }  # fmt: skip
            changed = mutations.update_indicator(
                session=session, ctx=ctx, indicator=current, changes=changes,
                expected_version=None, lead=spec.lead, responsible=spec.responsible,
            )  # fmt: skip
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


# -- single writes ----------------------------------------------------------------------------


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
            session, context(actor, origin), code=code, kind=kind, value=value, period=period,
            comparator=comparator, source=source, source_doc=source_doc, quote=quote, note=note,
            expected_version=expected_version, supersedes_id=supersedes_id,
        )  # fmt: skip
        return new.id if new else None


def _record_typed(
    session: Session, ctx: WriteContext, *, code: str, kind: Kind, value: str, period: str,
    comparator: str | None, source: str, source_doc: str | None, quote: str, note: str,
    expected_version: int | None, supersedes_id: int | None,
) -> tuple[Indicator, Observation | None]:  # fmt: skip
    """Parse a person's value for the indicator coded `code` and record it (CLI and TUI)."""
    indicator = queries.get_indicator(session=session, code=code)
    entry = parse_entry(
        indicator, kind=kind, value=value, period=period, comparator=comparator,
        source=source, source_doc=source_doc, quote=quote, note=note,
    )  # fmt: skip
    new = mutations.record_observation(
        session=session, ctx=ctx, indicator=indicator, entry=entry,
        expected_version=expected_version, supersedes_id=supersedes_id,
    )  # fmt: skip
    return indicator, new


def parse_entry(
    indicator: Indicator, *, kind: Kind, value: str, period: str, comparator: str | None = None,
    source: str = "", source_doc: str | None = None, quote: str = "", note: str = "",
) -> ObservationCreate:  # fmt: skip
    """Validate a person's input for one observation of `indicator`."""
    parsed_comparator = None
    if comparator:
        parsed_comparator = COMPARATOR_WORDS.get(comparator.strip())
        if parsed_comparator is None:
            raise ValidationError(f"comparator {comparator!r}: expected >=, <= or =")
    if kind is Kind.TARGET and parsed_comparator is None:
        parsed_comparator = (
            Comparator.LE if indicator.direction == Direction.DECREASE else Comparator.GE
        )
    if kind is not Kind.TARGET and parsed_comparator is not None:
        raise ValidationError("only a target has a comparator")
    return ObservationCreate(
        kind=kind, period=parse_period(period), value=parse_value(value, indicator.unit),
        comparator=parsed_comparator, source_doc=source_doc or None, source=source,
        quote=quote, note=note,
    )  # fmt: skip


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
            session=session, ctx=context(actor, origin), indicator=indicator, level=level,
            reason=reason, expected_version=expected_version,
        )  # fmt: skip
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
            session=session, ctx=context(actor, origin), indicator=indicator, note=note,
            expected_version=expected_version,
        )  # fmt: skip
        assert row.id is not None
        return row.id


# -- status and summary -----------------------------------------------------------------------


@collector_paused()  # thousands of rows and verdicts: see collector_paused
def statuses(
    store: Store, *, as_of: date, region: str | None = None, pillar: str | None = None
) -> list[IndicatorStatus]:
    """Every indicator's verdict as of a date, optionally for one region (with its sub-regions)
    or one pillar, read in one snapshot."""
    with reading(store.engine) as session:
        found = queries.board(session=session, as_of=as_of)
    return judge_all(within(found, region=region, pillar=pillar), as_of, store.thresholds)


def summarize(
    store: Store,
    *,
    as_of: date,
    region: str | None = None,
    pillar: str | None = None,
    group_by: str = "pillar",
) -> Summary:
    """The picture a coordinator opens with."""
    items = statuses(store, as_of=as_of, region=region, pillar=pillar)
    return summary_of(items, as_of=as_of, group_by=group_by)


# -- export -----------------------------------------------------------------------------------


def neutralize(text: str) -> str:
    """Keep a spreadsheet from running a text cell as a formula.

    A leading apostrophe is doubled too, so that the importer (tables.unneutralize) reads back
    exactly what was exported.
    """
    return "'" + text if text.startswith((*FORMULA_START, "'")) else text


def observation_records(store: Store) -> Iterator[dict[str, str]]:
    """Every current observation as an export record, values in the indicator's unit."""
    with reading(store.engine) as session:
        for obs, ind, region, pillar in queries.current_observation_rows(session=session):
            yield {
                "indicator": ind.code, "name": ind.name, "region": region.name,
                "pillar": pillar.name, "unit": ind.unit, "kind": obs.kind, "period": obs.period,
                "value": format_decimal(obs.value), "comparator": obs.comparator or "",
                "source_doc": obs.source_doc or "", "quote": obs.quote, "note": obs.note,
            }  # fmt: skip


def write_csv(records: Iterable[dict[str, str]], columns: tuple[str, ...], out: TextIO) -> int:
    """Write records as CSV, neutralising formula-like text cells; returns the row count."""
    # CRLF rows (RFC 4180, as Excel writes): the writer then quotes a cell holding a bare CR,
    # which with LF rows it leaves unquoted and a reader splits the row there.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for record_ in records:
        writer.writerow([record_[c] if c == "value" else neutralize(record_[c]) for c in columns])
        count += 1
    return count


def export_observations_csv(store: Store) -> str:
    """The current observations as CSV text (for tests and small exports)."""
    buffer = io.StringIO()
    write_csv(observation_records(store), EXPORT_COLUMNS, buffer)
    return buffer.getvalue()


def ensure(condition: bool, message: str) -> None:
    """Raise TrackerError with `message` unless `condition` holds."""
    if not condition:
        raise TrackerError(message)


# -- access (PostgreSQL roles and the regions they may write) ---------------------------------


def _region_named(session: Session, text: str) -> Any:
    from tracker.domain.models import Region

    code = queries.resolve_name(rows=queries.regions(session=session), text=text, what="region")
    return session.get(Region, code)


def access_role_exists(store: Store, role: str) -> bool:
    """Whether a database role of this name exists (a new one needs a password)."""
    from tracker.storage import access

    with reading(store.engine) as session:
        access.require_postgres(session)
        return access.role_exists(session=session, role=role)


def grant_access(
    store: Store, *, role: str, region: str, actor: str, origin: str, password: str | None = None
) -> str:
    """Let a role write one region's figures (and its sub-regions'; the province: all).

    The login role is created when absent, with `password`; returns what changed, in words.
    """
    from tracker.storage import access

    with writing(store.engine) as session:
        return access.grant(
            session=session, ctx=context(actor, origin), role=role,
            region=_region_named(session, region), password=password,
        )  # fmt: skip


def revoke_access(
    store: Store, *, role: str, actor: str, origin: str, region: str | None = None
) -> list[str]:
    """Take away a role's write permission for one region, or all; returns the groups removed."""
    from tracker.storage import access

    with writing(store.engine) as session:
        target = _region_named(session, region) if region else None
        return access.revoke(session=session, ctx=context(actor, origin), role=role, region=target)


def access_grants(store: Store) -> list[Any]:
    """Every role with write permission, and the regions it may write."""
    from tracker.storage import access

    with reading(store.engine) as session:
        return access.grants(session=session)


# -- CLI use-cases ----------------------------------------------------------------------------
# What the `tracker` commands need beyond the shared use-cases above: filtered listings, one
# indicator's detail and history, the audit trail, indicator definitions, exports, backups.


@dataclass(frozen=True)
class IndicatorFilter:
    """Which indicators a listing or an export covers; every field given narrows the choice."""

    region: str | None = None
    pillar: str | None = None
    statuses: tuple[Status, ...] = ()
    department: str | None = None
    flagged: bool = False
    stale: bool = False
    search: str | None = None

    @property
    def narrows(self) -> bool:
        """Whether anything is filtered out at all."""
        return any(
            (self.region, self.pillar, self.statuses, self.department, self.flagged, self.stale,
             self.search)
        )  # fmt: skip


SORT_KEYS = ("code", "name", "status", "progress", "deadline", "region", "pillar", "updated")


def select_indicators(
    store: Store,
    *,
    as_of: date,
    where: IndicatorFilter | None = None,
    sort: str = "code",
    reverse: bool = False,
) -> list[IndicatorStatus]:
    """The indicators matching `where`, with their verdicts, in the order asked for."""
    where = where or IndicatorFilter()
    if sort not in SORT_KEYS:
        raise ValidationError(f"cannot sort by {sort!r}; expected one of {', '.join(SORT_KEYS)}")
    items = statuses(store, as_of=as_of, region=where.region, pillar=where.pillar)
    chosen = [item for item in items if matches(item, where)]
    return sorted(chosen, key=_sort_key(sort), reverse=reverse)


def matches(item: IndicatorStatus, where: IndicatorFilter) -> bool:
    """Whether one indicator passes the filter (region and pillar are applied by `statuses`)."""
    from tracker.domain.numbers import normalize_text

    if where.statuses and item.verdict.status not in where.statuses:
        return False
    if where.flagged and item.row.flag is None:
        return False
    if where.stale and not item.verdict.stale:
        return False
    if where.department:
        wanted = normalize_text(where.department).casefold()
        names = item.row.lead + item.row.responsible
        if not any(wanted in normalize_text(n).casefold() for n in names):
            return False
    if where.search:
        wanted = normalize_text(where.search).casefold()
        row = item.row
        if not any(
            wanted in normalize_text(t).casefold() for t in (row.code, row.name, row.name_en)
        ):
            return False
    return True


def _sort_key(sort: str) -> Callable[[IndicatorStatus], Any]:
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    far = date.max

    def key(item: IndicatorStatus) -> Any:
        ind, verdict = item.row, item.verdict
        if sort == "name":
            return (ind.name, ind.code)
        if sort == "status":
            ratio = verdict.ratio if verdict.ratio is not None else -1e9
            return (order[verdict.status], ratio, ind.code)
        if sort == "progress":
            # Unknown progress sorts last; the least advanced first.
            known = verdict.progress is not None
            return (not known, verdict.progress or 0.0, ind.code)
        if sort == "deadline":
            return (verdict.target.deadline if verdict.target else far, ind.code)
        if sort == "region":
            return (item.row.region.name, ind.code)
        if sort == "pillar":
            return (item.row.pillar.position, ind.code)
        if sort == "updated":
            return (ind.updated_at, ind.code)
        return ind.code

    return key


@dataclass
class IndicatorDetail:
    """Everything known about one indicator: verdict, values (all states), flags, changes."""

    item: IndicatorStatus
    observations: list[Observation]
    flags: list[Flag]
    events: list[AuditEvent]
    documents: dict[str, Document]


def indicator_detail(store: Store, code: str, *, as_of: date, events: int = 10) -> IndicatorDetail:
    """One indicator's detail as of a date; NotFoundError for an unknown code."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        observations = queries.observations_of(session=session, indicator=indicator)
        flags = queries.flags_of(session=session, indicator=indicator)
        recent = queries.audit_events(session=session, indicator_code=indicator.code, limit=events)
        documents = {d.id: d for d in queries.documents(session=session)}
    item = next(i for i in statuses(store, as_of=as_of) if i.row.id == indicator.id)
    return IndicatorDetail(item, observations, flags, recent, documents)


def document_titles(store: Store) -> dict[str, Document]:
    """The source documents by id."""
    with reading(store.engine) as session:
        return {d.id: d for d in queries.documents(session=session)}


def observation_history(store: Store, code: str) -> tuple[Indicator, list[Observation]]:
    """Every observation ever entered for an indicator, superseded and withdrawn ones too."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        return indicator, queries.observations_of(session=session, indicator=indicator)


def audit_trail(
    store: Store,
    *,
    indicator: str | None = None,
    actor: str | None = None,
    source: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[AuditEvent]:
    """Audit events, newest first: by indicator, actor, origin (cli, tui, import:FILE, seed)
    and a date range [since, until)."""
    if since and until and since >= until:
        raise ValidationError(f"the range {since} to {until} is empty")

    def midnight(day: date | None) -> Any:
        # Events are stamped in UTC; a day is taken from UTC midnight.
        return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None

    with reading(store.engine) as session:
        code = queries.get_indicator(session=session, code=indicator).code if indicator else None
        return queries.audit_events(
            session=session, indicator_code=code, actor=actor, origin=source,
            since=midnight(since), until=midnight(until), limit=limit,
        )  # fmt: skip


INDICATOR_COLUMNS = (
    "code", "name", "name_en", "unit", "direction", "region", "pillar", "lead", "responsible",
    "frequency", "description",
)  # fmt: skip
DEPARTMENT_SEPARATOR = "、"


def indicator_fields(row: queries.IndicatorRow) -> dict[str, str]:
    """An indicator's definition as text, in the columns of an indicators file."""
    ind = row.indicator
    return {
        "code": ind.code, "name": ind.name, "name_en": ind.name_en, "unit": ind.unit,
        "direction": ind.direction, "region": row.region.name, "pillar": row.pillar.name,
        "lead": DEPARTMENT_SEPARATOR.join(row.lead),
        "responsible": DEPARTMENT_SEPARATOR.join(row.responsible),
        "frequency": ind.frequency, "description": ind.description,
    }  # fmt: skip


def add_indicator(store: Store, *, fields: dict[str, str], actor: str, origin: str) -> Indicator:
    """Define a new indicator from text fields, validated as an indicators file row is."""
    with writing(store.engine) as session:
        spec = _indicator_spec(session, fields)
        return mutations.create_indicator(session=session, ctx=context(actor, origin), spec=spec)


def edit_indicator(
    store: Store,
    *,
    code: str,
    fields: dict[str, str],
    actor: str,
    origin: str,
    expected_version: int | None = None,
) -> bool:
    """Change the given fields of a definition; False when nothing differs.

    The unit of an indicator that has observations cannot change: its values are stored in it.
    """
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        (row,) = queries.indicator_rows(session=session, ids=[indicator.id or 0])
        spec = _indicator_spec(session, indicator_fields(row) | fields)
        if spec.unit != indicator.unit:
            count = len(queries.observations_of(session=session, indicator=indicator))
            if count:
                raise ValidationError(
                    f"{indicator.code} has {count} observation(s) stored in {indicator.unit!r};"
                    f" changing the unit to {spec.unit!r} would change what they mean"
                )
        changes = {
            "name": spec.name, "name_en": spec.name_en, "unit": spec.unit,
            "direction": spec.direction.value, "region_code": spec.region_code,
            "pillar_code": spec.pillar_code, "frequency": spec.frequency.value,
            "description": spec.description,
        }  # fmt: skip
        return mutations.update_indicator(
            session=session, ctx=context(actor, origin), indicator=indicator, changes=changes,
            expected_version=expected_version,
            lead=spec.lead if "lead" in fields else None,
            responsible=spec.responsible if "responsible" in fields else None,
        )  # fmt: skip


def _indicator_spec(session: Session, fields: dict[str, str]) -> Any:
    from tracker.domain.numbers import normalize_text
    from tracker.importers.indicators import indicator_spec

    row = {k: normalize_text(v) for k, v in fields.items()}
    spec, errors = indicator_spec(
        row,
        line=0,
        regions=queries.regions(session=session),
        pillars=queries.pillars(session=session),
    )
    if errors:
        raise ValidationError("; ".join(f"{e.column} {e.value!r}: {e.message}" for e in errors))
    return spec


def indicator_records(store: Store, codes: set[str] | None = None) -> Iterator[dict[str, str]]:
    """Indicator definitions as export records (the columns an indicators file has)."""
    with reading(store.engine) as session:
        rows = queries.indicator_rows(session=session)
    for row in rows:
        if codes is None or row.indicator.code in codes:
            yield indicator_fields(row)


def export_records(
    store: Store, what: str, *, as_of: date, where: IndicatorFilter | None = None
) -> tuple[tuple[str, ...], Iterator[dict[str, str]]]:
    """The columns and records of an `observations` or `indicators` export, filtered like a
    listing."""
    codes = None
    if where is not None and where.narrows:
        codes = {i.row.code for i in select_indicators(store, as_of=as_of, where=where)}
    if what == "indicators":
        return INDICATOR_COLUMNS, indicator_records(store, codes)
    if what != "observations":
        raise ValidationError(f"cannot export {what!r}; expected observations or indicators")
    records = observation_records(store)
    if codes is not None:
        records = (r for r in records if r["indicator"] in codes)
    return EXPORT_COLUMNS, records


def exact_number(text: str) -> int | float | str:
    """A stored value for a spreadsheet or JSON: a number when a float holds it exactly,
    else its text (so that no digit is lost)."""
    value = Decimal(text)
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else text


def write_json(records: Iterable[dict[str, str]], columns: tuple[str, ...], out: TextIO) -> int:
    """Write records as a JSON array, the value column as a number; returns the row count."""
    import json

    count = 0
    out.write("[")
    for record_ in records:
        item: dict[str, object] = {c: record_[c] for c in columns}
        if "value" in item:
            item["value"] = exact_number(record_["value"])
        out.write(("\n  " if count == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_xlsx(
    records: Iterable[dict[str, str]], columns: tuple[str, ...], path: Path, sheet: str
) -> int:
    """Write records to a workbook: text neutralised, the value column as numbers."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    page = book.create_sheet(sheet)
    page.append(list(columns))
    count = 0
    for record_ in records:
        page.append(
            [exact_number(record_[c]) if c == "value" else neutralize(record_[c]) for c in columns]
        )
        count += 1
    with private_file(path) as handle:
        book.save(handle)
    return count


def private_file(path: Path) -> Any:
    """Open `path` for writing bytes, created readable by its owner only (0600)."""
    import os

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT
    return os.fdopen(fd, "wb")


@dataclass
class BackupResult:
    """Where a backup went, how big it is and the schema revision it holds."""

    path: Path
    size: int
    revision: str | None


def backup(url: str, dest: Path, *, overwrite: bool = False) -> BackupResult:
    """Copy a SQLite database online with SQLite's backup API (a consistent snapshot, safe
    while others read and write); the copy is created 0600 and checked before it is named."""
    import os
    import sqlite3

    from sqlalchemy import make_url

    from tracker.storage.engine import sqlite_path

    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        raise TrackerError(
            f"{mask_url(url)} is PostgreSQL: back it up with pg_dump, e.g."
            f" pg_dump --format=custom --file {dest} DATABASE"
        )
    source = sqlite_path(url)
    if source is None:
        raise TrackerError(f"{mask_url(url)}: only SQLite database files can be backed up here")
    if not source.is_file():
        raise TrackerError(f"{source}: no such database file")
    if dest.exists() and dest.resolve() == source.resolve():
        raise TrackerError(f"{dest} is the database itself; choose another file")
    if dest.exists() and not overwrite:
        raise TrackerError(f"{dest} already exists; choose another name or pass --force")
    if not dest.parent.is_dir():
        raise TrackerError(f"{dest.parent}: no such directory")
    try:
        probe = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = None
            tables = "SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'"
            if probe.execute(tables).fetchone():
                found = probe.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            probe.close()
    except sqlite3.Error as exc:
        raise TrackerError(f"{source}: not a tracker database ({exc})") from None
    check_current(found[0] if found else None, str(source))
    partial = dest.with_name(dest.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise TrackerError(f"{partial}: cannot create: {exc.strerror or exc}") from None
    try:
        src = sqlite3.connect(source, timeout=10)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A self-contained file: no -wal beside it to forget when copying it away.
            dst.execute("PRAGMA journal_mode = DELETE")
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            revision = dst.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if check != "ok":
            raise TrackerError(f"{dest}: the copy failed its integrity check ({check})")
        os.replace(partial, dest)
    except sqlite3.Error as exc:
        raise TrackerError(f"{source}: backup failed: {exc}") from None
    except OSError as exc:
        raise TrackerError(f"{dest}: cannot write the backup: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(dest, dest.stat().st_size, revision)


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
        shown = f"{code} {entry.kind.value} {entry.period.text}"
        if old is None:
            lines.append(f"new {shown}: {format_decimal(entry.value)}")
        elif not mutations.observation_content(old).same_content(entry):
            what = (
                f"{format_decimal(old.value)} -> {format_decimal(entry.value)}"
                if old.value != entry.value
                else "comparator, source, quote or note"
            )
            lines.append(f"changed {shown}: {what}")
        if len(lines) >= limit:
            break
    return lines


# -- TUI use-cases ----------------------------------------------------------------------------

TUI_ORIGIN = "tui"
AUDIT_SHOWN = 200


@dataclass(frozen=True)
class ObservationLine:
    """One stored observation, current or not, with the title of its source document."""

    id: int
    kind: Kind
    period: str
    value: Decimal
    comparator: str | None
    source_doc: str | None
    document: str
    source: str
    quote: str
    note: str
    entered_by: str
    entered_at: datetime
    state: ObservationState


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
class AuditLine:
    """One audit event, with a short account of what it changed."""

    id: int
    at: datetime
    actor: str
    origin: str
    action: str
    entity: str
    summary: str


@dataclass(frozen=True)
class IndicatorView:
    """Everything the TUI's detail view shows about one indicator."""

    item: IndicatorStatus
    description: str
    facts: Facts
    observations: tuple[ObservationLine, ...]
    flags: tuple[FlagLine, ...]
    audit: tuple[AuditLine, ...]


@dataclass(frozen=True)
class Change:
    """A change made through the interface: its audit event and the indicator's version after."""

    event_id: int
    code: str
    action: str
    version: int
    summary: str


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
        flags = queries.flags_of(session=session, indicator=indicator)
        events = queries.audit_events(
            session=session, indicator_code=indicator.code, limit=AUDIT_SHOWN
        )
    current = [o for o in observations if o.state == ObservationState.CURRENT.value]
    # The verdict from every current observation, not only those the board reads: the two
    # agree (tests/storage/test_status_facts.py), and the detail view shows all of them.
    facts = facts_of(indicator, current, observations, documents, flagged=row.flag is not None)
    item = IndicatorStatus(row._replace(facts=facts), judge(facts, as_of, store.thresholds))
    titles = {d.id: d.title for d in documents.values()}
    lines = tuple(observation_line(o, titles) for o in observations)
    flag_lines = tuple(flag_line(f) for f in flags)
    return IndicatorView(
        item, indicator.description, facts, lines, flag_lines, tuple(map(audit_line, events))
    )


def observation_line(row: Any, titles: dict[str, str]) -> ObservationLine:
    """A stored observation as the detail view lists it."""
    return ObservationLine(
        id=row.id or 0, kind=Kind(row.kind), period=row.period, value=row.value,
        comparator=row.comparator, source_doc=row.source_doc,
        document=titles.get(row.source_doc or "", ""), source=row.source, quote=row.quote,
        note=row.note, entered_by=row.entered_by, entered_at=row.entered_at,
        state=ObservationState(row.state),
    )  # fmt: skip


def flag_line(row: Any) -> FlagLine:
    """A stored flag as the detail view lists it."""
    return FlagLine(
        row.id or 0, FlagLevel(row.level), row.reason, row.raised_by, row.raised_at,
        row.cleared_by, row.cleared_at, row.clear_note,
    )  # fmt: skip


def facts_of(
    indicator: Indicator,
    current: Iterable[Any],
    every: Iterable[Any],
    documents: dict[str, Any],
    *,
    flagged: bool,
) -> Facts:
    """The status engine's inputs for one indicator, from all of its observations."""
    direction = Direction(indicator.direction)
    default = Comparator.LE if direction is Direction.DECREASE else Comparator.GE
    by_kind: dict[str, list[Any]] = {}
    for o in sorted(current, key=lambda o: (o.period_end, o.id)):
        by_kind.setdefault(o.kind, []).append(o)
    baselines = by_kind.get(Kind.BASELINE.value, [])
    starts = [
        documents[o.source_doc].written or documents[o.source_doc].published
        for o in every
        if o.source_doc in documents
    ]
    known = [d for d in starts if d is not None]
    return Facts(
        direction=direction,
        unit=indicator.unit,
        frequency=Frequency(indicator.frequency),
        baseline=Point(baselines[-1].period_end, baselines[-1].value) if baselines else None,
        actuals=tuple(Point(o.period_end, o.value) for o in by_kind.get(Kind.ACTUAL.value, [])),
        targets=tuple(
            Target(o.value, Comparator(o.comparator) if o.comparator else default, o.period_end)
            for o in by_kind.get(Kind.TARGET.value, [])
        ),
        start=min(known) if known else None,
        flagged=flagged,
    )


def audit_line(event: AuditEvent) -> AuditLine:
    """An audit event with a one-line account of its change."""
    summary = describe_event(event.action, event.entity, event.before, event.after)
    return AuditLine(
        event.id or 0, event.at, event.actor, event.origin, event.action, event.entity, summary
    )


def describe_event(action: str, entity: str, before: str | None, after: str | None) -> str:
    """What an audit event changed, from its before/after snapshots, in a few words."""
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    if entity == "observation":
        shown = new or old
        text = f"{shown.get('kind', '')} {shown.get('period', '')} = {shown.get('value', '')}"
        if shown.get("comparator"):
            text = f"{shown['kind']} {shown['period']} {shown['comparator']} {shown['value']}"
        if action == "correct" and old:
            text += f" (was {old.get('period', '')} {old.get('value', '')})"
        if action == "withdraw":
            text += " withdrawn"
        return text
    if entity == "flag":
        if action == "unflag":
            return f"cleared {new.get('level', '')}: {new.get('clear_note') or ''}".rstrip(": ")
        return f"{new.get('level', '')}: {new.get('reason', '')}"
    if action == "update":
        changed = [
            f"{k}: {old.get(k)!s} -> {new.get(k)!s}"
            for k in (*EDITABLE_INDICATOR_FIELDS, "departments")
            if old.get(k) != new.get(k)
        ]
        return "; ".join(changed)
    return action


def changes_since(store: Store, code: str, after_event: int) -> list[AuditLine]:
    """The audit events of one indicator newer than `after_event`, oldest first."""
    with reading(store.engine) as session:
        events = queries.audit_events(session=session, indicator_code=code, limit=AUDIT_SHOWN)
    return [audit_line(e) for e in reversed(events) if (e.id or 0) > after_event]


def change_marker(store: Store) -> tuple[int, int]:
    """A cheap value that differs after any committed write (polled to refresh the screens)."""
    with reading(store.engine) as session:
        return queries.change_marker(session=session)


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
            session, context(actor, origin), code=code, kind=kind, value=value, period=period,
            comparator=comparator, source=source, source_doc=source_doc, quote=quote, note=note,
            expected_version=expected_version, supersedes_id=supersedes_id,
        )  # fmt: skip
        return _change_made(session, indicator) if new else None


def edit_indicator_change(
    store: Store,
    *,
    code: str,
    fields: dict[str, str],
    actor: str,
    expected_version: int | None,
    origin: str = TUI_ORIGIN,
) -> Change | None:
    """`edit_indicator` (fields as in an indicators file), returning the change for undo."""
    if not edit_indicator(
        store, code=code, fields=fields, actor=actor, origin=origin,
        expected_version=expected_version,
    ):  # fmt: skip
        return None
    with reading(store.engine) as session:
        events = queries.audit_events(
            session=session, indicator_code=code.strip().upper(), actor=actor, limit=20
        )
    event = next(e for e in events if e.action == "update" and e.origin == origin)
    line = audit_line(event)
    version = int(json.loads(event.after or "{}").get("version", 0))
    return Change(line.id, event.indicator_code or code, event.action, version, line.summary)


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
            session=session, ctx=context(actor, origin), indicator=indicator, level=level,
            reason=reason, expected_version=expected_version,
        )  # fmt: skip
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
    if not note.strip():
        raise ValidationError("note: say why the flag is cleared")
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        mutations.clear_flag(
            session=session, ctx=context(actor, origin), indicator=indicator, note=note,
            expected_version=expected_version,
        )  # fmt: skip
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
            raise NotFoundError(f"no change {change.event_id} to undo")
        indicator = queries.get_indicator(session=session, code=change.code)
        expected = expected_version
        ctx = context(actor, origin)
        before = json.loads(event.before) if event.before else {}
        if event.entity == "observation" and event.action in ("record", "correct"):
            mutations.withdraw_observation(
                session=session, ctx=ctx, indicator=indicator,
                observation_id=int(event.entity_id), expected_version=expected,
            )  # fmt: skip
        elif event.entity == "flag" and event.action == "flag":
            open_flag = mutations.open_flag(session=session, indicator=indicator)
            if open_flag is None or str(open_flag.id) != event.entity_id:
                raise ValidationError(f"{indicator.code}: that flag is no longer open")
            mutations.clear_flag(
                session=session, ctx=ctx, indicator=indicator, note=f"undo of change {event.id}",
                expected_version=expected,
            )  # fmt: skip
        elif event.entity == "flag" and event.action == "unflag":
            mutations.raise_flag(
                session=session, ctx=ctx, indicator=indicator, level=FlagLevel(before["level"]),
                reason=before["reason"], expected_version=expected,
            )  # fmt: skip
        elif event.entity == "indicator" and event.action == "update":
            links = before.get("departments", {})
            mutations.update_indicator(
                session=session, ctx=ctx, indicator=indicator,
                changes={k: before[k] for k in EDITABLE_INDICATOR_FIELDS},
                expected_version=expected, lead=links.get("lead", []),
                responsible=links.get("responsible", []),
            )  # fmt: skip
        else:
            raise TrackerError(f"a {event.action} of {event.entity} cannot be undone here")
        return _change_made(session, indicator)
