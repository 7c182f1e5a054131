"""The import path's writes: many observations and their supersessions at once, all in the
import's one change set (which the rows name: no event per row).

A million-row import spends its time in the database, not in Python: rows go to the driver as
plain tuples through `executemany` on the session's own connection (inside its transaction),
with ids assigned here so that a superseded row can name the one that replaced it. ORM objects
and SQLAlchemy's insert-many-values with RETURNING cost many times what the database does for
the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Session

from tracker.domain.columns import NO_EXTRA, ObservationColumns
from tracker.domain.models import Indicator, Observation
from tracker.domain.numbers import stored_value_is
from tracker.domain.periods import stored_period
from tracker.domain.schemas import ObservationCreate
from tracker.domain.vocab import Comparator, DeadlineBasis, Kind, ObservationState
from tracker.errors import TrackerError
from tracker.storage import access
from tracker.storage.changes import WriteContext, stamp
from tracker.storage.periods import ensure_open_entries

CURRENT = ObservationState.CURRENT.value
# An enum member's .value is a property lookup; a million rows read these instead.
KIND_TEXT = {kind: kind.value for kind in Kind}
COMPARATOR_TEXT: dict[Comparator | None, str | None] = {c: c.value for c in Comparator}
COMPARATOR_TEXT[None] = None
BASIS_TEXT: dict[DeadlineBasis | None, str | None] = {b: b.value for b in DeadlineBasis}
BASIS_TEXT[None] = None


SUPERSEDED = ObservationState.SUPERSEDED.value
# Above this many indicators one scan of the current rows beats lists of ids.
SCAN_ABOVE = 2000
ID_CHUNK = 500

# (indicator id, kind, period) -> (id, value as stored, comparator, source_doc, quote, note,
# programme, deadline_basis, relative_to, quarantine)
Key = tuple[int, str, str]
Stored = tuple[Any, ...]

OBSERVATION_COLUMNS = (
    "id",
    "indicator_id",
    "kind",
    "period",
    "precision",
    "period_start",
    "period_end",
    "value",
    "comparator",
    "source_doc",
    "source",
    "source_line",
    "quote",
    "note",
    "entered_by",
    "entered_at",
    "state",
    "written_in",
)
# Left out of the INSERT when no row has them (they are NULL then).
EXTRA_COLUMNS = ("programme", "deadline_basis", "relative_to", "quarantine")


def dbapi_cursor(session: Session) -> Any:
    """A driver cursor on the session's connection, inside its transaction."""
    session.flush()
    return session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]


def placeholders(dialect: Dialect, count: int) -> str:
    """`?, ?, ...` or `%s, %s, ...`: the driver's own parameter markers."""
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)


def binder(column: sa.Column[Any], dialect: Dialect) -> Callable[[Any], Any]:
    """What SQLAlchemy would do to a Python value before handing it to this driver."""
    process = column.type._cached_bind_processor(dialect)  # noqa: SLF001 - the public way is per statement
    return process if process is not None else (lambda value: value)


def current_contents(
    *, session: Session, indicator_ids: Collection[int] | None = None
) -> dict[Key, Stored]:
    """What every current observation (of these indicators) says, as stored, by key."""
    where = f"state = '{CURRENT}'"
    chunks: list[str] = [where]
    if indicator_ids is not None and len(indicator_ids) <= SCAN_ABOVE:
        ordered = sorted(int(i) for i in indicator_ids)
        chunks = [
            where
            + " AND indicator_id IN ("
            + ", ".join(map(str, ordered[at : at + ID_CHUNK]))
            + ")"
            for at in range(0, len(ordered), ID_CHUNK)
        ]
    cursor = dbapi_cursor(session)
    found: dict[Key, Stored] = {}
    wanted = None if indicator_ids is None or len(indicator_ids) <= SCAN_ABOVE else indicator_ids
    # The driver makes a new string of every cell; kinds, periods and notes repeat, and a
    # million rows of copies would take hundreds of megabytes. Empty and missing cells are
    # one object already (the empty string, None): they are not looked up.
    same: dict[Any, Any] = {}
    one = same.setdefault
    try:
        for condition in chunks:
            cursor.execute(
                "SELECT indicator_id, kind, period, id, value, comparator, source_doc, quote, note,"
                " programme, deadline_basis, relative_to, quarantine"
                f" FROM observation WHERE {condition}"
            )
            for (
                ind,
                kind,
                period,
                row_id,
                value,
                comparator,
                doc,
                quote,
                note,
                programme,
                basis,
                relative,
                quarantine,
            ) in cursor:
                if wanted is None or ind in wanted:
                    found[(ind, one(kind, kind), one(period, period))] = (
                        row_id,
                        value,
                        comparator and one(comparator, comparator),
                        doc and one(doc, doc),
                        quote and one(quote, quote),
                        note and one(note, note),
                        programme and one(programme, programme),
                        basis and one(basis, basis),
                        relative,
                        quarantine,
                    )
    finally:
        cursor.close()
    return found


def new_ids(session: Session, count: int) -> Sequence[int]:
    """Ids for `count` new observations, reserved inside the write transaction."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # The writing transaction is BEGIN IMMEDIATE: no one else can insert until it ends.
        top = session.execute(sa.text("SELECT coalesce(max(id), 0) FROM observation")).scalar()
        return range(int(top or 0) + 1, int(top or 0) + 1 + count)
    if dialect == "postgresql":
        found = session.execute(
            sa.text(
                "SELECT nextval(pg_get_serial_sequence('observation', 'id'))"
                " FROM generate_series(1, :n)"
            ),
            {"n": count},
        ).scalars()
        return [int(i) for i in found]
    raise TrackerError(f"bulk import is not supported on {dialect}")


def record_many(
    *,
    session: Session,
    ctx: WriteContext,
    entries: Sequence[tuple[Indicator, ObservationCreate]],
    current: dict[Key, Stored] | None = None,
) -> tuple[int, int, int]:
    """Record `entries` (the rules of `record_observation`, in one change set); returns the
    counts of new, changed and unchanged values. `current` is `current_contents` when the
    caller has it already."""
    indicators = {indicator.code: indicator for indicator, _ in entries}
    columns = ObservationColumns.of((indicator.code, entry) for indicator, entry in entries)
    return record_columns(
        session=session, ctx=ctx, columns=columns, indicators=indicators, current=current
    )


def _unchanged(old: Stored, columns: ObservationColumns, i: int) -> bool:
    """Whether row `i` says what `old` (as stored) says."""
    value = columns.values[i]
    programme, basis, relative_to, quarantine = columns.extras.get(i, NO_EXTRA)
    return (
        (stored_value_is(old[1], value) if value is not None else old[1] is None)
        and old[2] == COMPARATOR_TEXT[columns.comparators[i]]
        and old[3] == columns.source_docs[i]
        and old[4] == columns.quotes[i]
        and old[5] == columns.notes[i]
        and old[6:] == (programme, BASIS_TEXT[basis], relative_to, quarantine)
    )


def record_columns(
    *,
    session: Session,
    ctx: WriteContext,
    columns: ObservationColumns,
    indicators: Mapping[str, Indicator],
    current: dict[Key, Stored] | None = None,
) -> tuple[int, int, int]:
    """Record the rows of `columns` (their codes are keys of `indicators`), by the rules of
    `record_observation`, in one change set; returns the counts of new, changed and unchanged
    values. `current` is `current_contents` when the caller has it already."""
    dialect = session.get_bind().dialect
    ids_of = {code: indicator.id or 0 for code, indicator in indicators.items()}
    indicator_ids = list(map(ids_of.__getitem__, columns.codes))
    if current is None:
        current = current_contents(session=session, indicator_ids=set(indicator_ids))
    # The rows to write, by position, and the stored rows the changed ones replace.
    pending: Sequence[int] = range(len(columns))
    replacing: dict[int, Stored] = {}
    unchanged = 0
    if current:
        pending = []
        keys = zip(indicator_ids, columns.kinds, columns.periods, strict=True)
        for i, (ind_id, kind, period) in enumerate(keys):
            old = current.get((ind_id, KIND_TEXT[kind], period.text))
            if old is not None:
                if _unchanged(old, columns, i):
                    unchanged += 1
                    continue
                replacing[i] = old
            pending.append(i)
    changed = len(replacing)
    new = len(pending) - changed
    if not pending:
        return new, changed, unchanged
    written = set(map(indicator_ids.__getitem__, pending))
    ensure_open_entries(
        session=session,
        rows=((indicator_ids[i], columns.entry(i)[1]) for i in pending),
    )
    access.ensure_may_write(
        session=session,
        region_codes={indicators[code].region_code for code in set(columns.codes)},
    )
    change_set_id = stamp(session=session, ctx=ctx, origin="import")
    first = new_ids(session, len(pending))
    table = Observation.__table__  # type: ignore[attr-defined]
    bind_value = binder(table.c.value, dialect)
    entered_at = binder(table.c.entered_at, dialect)(ctx.now)
    bind_end = binder(table.c.period_end, dialect)

    def picked(column: Sequence[Any]) -> Sequence[Any]:
        return column if len(pending) == len(columns) else [column[i] for i in pending]

    # A period's stored columns, once per distinct period (its text names it).
    written_periods = picked(columns.periods)
    texts = list(map(attrgetter("text"), written_periods))
    periods: dict[str, tuple[str, str | None, Any, Any]] = {}
    for text, period in dict(zip(texts, written_periods, strict=True)).items():
        stored, precision, start, end = stored_period(period)
        periods[text] = (
            stored,
            precision,
            None if start is None else bind_end(start),
            None if end is None else bind_end(end),
        )

    # The rows as columns zipped together: nothing is done per row in Python but the value's
    # binding (text on SQLite), which SQLAlchemy does as it would for the same column.
    stored_periods = list(map(periods.__getitem__, texts))
    count = len(pending)
    fields: list[Iterable[Any]] = [
        first,
        picked(indicator_ids),
        map(KIND_TEXT.__getitem__, picked(columns.kinds)),
        *(map(itemgetter(k), stored_periods) for k in range(4)),
        map(bind_value, picked(columns.values)),
        map(COMPARATOR_TEXT.__getitem__, picked(columns.comparators)),
        picked(columns.source_docs),
        picked(columns.sources),
        picked(columns.lines),
        picked(columns.quotes),
        picked(columns.notes),
        repeat(ctx.actor, count),
        repeat(entered_at, count),
        repeat(CURRENT, count),
        repeat(change_set_id, count),
    ]
    names: tuple[str, ...] = OBSERVATION_COLUMNS
    if columns.extras:
        names = (*OBSERVATION_COLUMNS, *EXTRA_COLUMNS)
        extras = list(map(columns.extras.get, pending, repeat(NO_EXTRA)))
        fields += [
            map(itemgetter(0), extras),
            map(BASIS_TEXT.__getitem__, map(itemgetter(1), extras)),
            map(itemgetter(2), extras),
            map(itemgetter(3), extras),
        ]

    replaced = [
        (replacing[i][0], row_id)
        for i, row_id in zip(pending, first, strict=True)
        if i in replacing
    ]
    cursor = dbapi_cursor(session)
    mark = placeholders(dialect, 1)
    try:
        # The versions first: on PostgreSQL a value written into an indicator this transaction
        # has not yet changed bumps its version itself (revision 0009), and would count twice.
        cursor.executemany(
            f"UPDATE indicator SET version = version + 1, updated_at = {mark},"
            f" updated_by = {mark} WHERE id = {mark}",
            [(entered_at, ctx.actor, i) for i in sorted(written)],
        )
        if replaced:
            # Superseded first, then the new rows: never two current values for one figure.
            cursor.executemany(
                f"UPDATE observation SET state = '{SUPERSEDED}', superseded_in = {mark}"
                f" WHERE id = {mark}",
                [(change_set_id, old_id) for old_id, _ in replaced],
            )
        cursor.executemany(
            f"INSERT INTO observation ({', '.join(names)})"
            f" VALUES ({placeholders(dialect, len(names))})",
            zip(*fields, strict=True),
        )
        if replaced:
            cursor.executemany(
                f"UPDATE observation SET superseded_by_id = {mark} WHERE id = {mark}",
                [(new_id, old_id) for old_id, new_id in replaced],
            )
    finally:
        cursor.close()
    session.expire_all()
    return new, changed, unchanged
