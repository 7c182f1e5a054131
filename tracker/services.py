"""The use-cases both faces share: open, initialise, record, flag, import, summarise, export."""

from __future__ import annotations

import csv
import io
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

from tracker.config import seeds_dir
from tracker.domain.models import Indicator
from tracker.domain.numbers import format_decimal, parse_value, split_unit
from tracker.domain.periods import parse_period
from tracker.domain.schemas import ObservationCreate
from tracker.domain.status import Thresholds, Verdict, judge
from tracker.domain.vocab import (
    COMPARATOR_WORDS,
    STATUS_ORDER,
    Comparator,
    Direction,
    FlagLevel,
    Kind,
    Status,
)
from tracker.errors import ImportRefusedError, RowError, TrackerError, ValidationError
from tracker.storage import mutations, queries
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


def load_seeds(store: Store, folder: Path | None = None) -> dict[str, int]:
    """Load the seed files through the same importers users' files go through."""
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
    for name in ("indicators", "observations"):
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
    table = read_table(path, encoding=encoding, sheet=sheet)
    headers = {h.strip().lower() for h in table.header}
    shape = "observations" if headers & {"value", "数值", "值"} else "indicators"
    report = ImportReport(str(path), shape, table.encoding, rows=len(table.rows), dry_run=dry_run)
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
        parsed = parse_observations(table, indicators=units, documents=documents, source=file_name)
        if parsed.errors:
            raise _refuse(table.path, parsed.errors)
        report.warnings = outliers(session, indicators, parsed.entries)
        if report.warnings and not accept_outliers and not dry_run:
            raise ImportRefusedError(
                table.path,
                report.warnings[:MAX_REPORTED_ERRORS],
                len(report.warnings),
            ) from ValidationError(
                "suspicious values: check them, then import with --accept-outliers"
            )
        entries = [(indicators[code], entry) for code, entry in parsed.entries]
        result = mutations.bulk_record(session=session, ctx=ctx, entries=entries)
        report.new, report.changed, report.unchanged = result.new, result.changed, result.unchanged
        if progress:
            progress(len(entries), len(entries))
        if dry_run:
            session.rollback()


def outliers(
    session: Session,
    indicators: dict[str, Indicator],
    entries: Iterable[tuple[str, ObservationCreate]],
) -> list[RowError]:
    """Suspicious actuals: a share above 100 %, or a ten-fold jump against the latest actual."""
    latest = queries.latest_actuals(session=session)
    warnings = []
    for code, entry in entries:
        if entry.kind is not Kind.ACTUAL:
            continue
        indicator = indicators[code]
        reason = suspicious(entry.value, indicator.unit, latest.get(indicator.id or 0))
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
            return f"a {ratio:.3g}-fold change from the latest actual {format_decimal(previous)}"
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
        indicator = queries.get_indicator(session=session, code=code)
        entry = parse_entry(
            indicator, kind=kind, value=value, period=period, comparator=comparator,
            source=source, source_doc=source_doc, quote=quote, note=note,
        )  # fmt: skip
        new = mutations.record_observation(
            session=session, ctx=context(actor, origin), indicator=indicator, entry=entry,
            expected_version=expected_version, supersedes_id=supersedes_id,
        )  # fmt: skip
        return new.id if new else None


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


@dataclass
class IndicatorStatus:
    """An indicator with its names and its verdict."""

    row: queries.IndicatorRow
    verdict: Verdict


def statuses(
    store: Store, *, as_of: date, region: str | None = None, pillar: str | None = None
) -> list[IndicatorStatus]:
    """Every indicator's verdict as of a date, optionally for one region (with its sub-regions)
    or one pillar."""
    with reading(store.engine) as session:
        rows = queries.indicator_rows(session=session)
        facts = queries.status_facts(
            session=session, as_of=as_of, starts=queries.milestone_starts(session=session)
        )
        region_codes = None
        if region:
            all_regions = queries.regions(session=session)
            region_codes = descendants(
                all_regions, queries.resolve_name(rows=all_regions, text=region, what="region")
            )
        pillar_code = None
        if pillar:
            pillar_code = queries.resolve_name(
                rows=queries.pillars(session=session), text=pillar, what="pillar"
            )
    result = []
    for row in rows:
        if region_codes is not None and row.indicator.region_code not in region_codes:
            continue
        if pillar_code is not None and row.indicator.pillar_code != pillar_code:
            continue
        assert row.indicator.id is not None
        result.append(IndicatorStatus(row, judge(facts[row.indicator.id], as_of, store.thresholds)))
    return result


def descendants(regions: list[Any], code: str) -> set[str]:
    """A region's code and the codes of every region below it."""
    children: dict[str | None, list[str]] = {}
    for r in regions:
        children.setdefault(r.parent_code, []).append(r.code)
    found, stack = set(), [code]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(children.get(current, []))
    return found


ATTENTION = (Status.OFF_TRACK, Status.ACCELERATE)


@dataclass
class Summary:
    """Counts by status per group, and the indicators that need attention, worst first."""

    as_of: date
    group_by: str
    groups: list[tuple[str, str, Counter[Status]]]
    attention: list[IndicatorStatus]
    total: Counter[Status]


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
    groups: dict[str, tuple[str, str, Counter[Status]]] = {}
    for item in items:
        owner = item.row.pillar if group_by == "pillar" else item.row.region
        key = owner.code
        if key not in groups:
            groups[key] = (owner.name, owner.name_en, Counter())
        groups[key][2][item.verdict.status] += 1
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    attention = [i for i in items if i.verdict.status in ATTENTION or i.verdict.flagged]
    attention.sort(
        key=lambda i: (
            order[i.verdict.status],
            i.verdict.ratio if i.verdict.ratio is not None else -1e9,
            i.row.indicator.code,
        )
    )
    total: Counter[Status] = Counter(i.verdict.status for i in items)
    return Summary(as_of, group_by, list(groups.values()), attention, total)


# -- export -----------------------------------------------------------------------------------


def neutralize(text: str) -> str:
    """Keep a spreadsheet from running a text cell as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


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
    writer = csv.writer(out, lineterminator="\n")
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
