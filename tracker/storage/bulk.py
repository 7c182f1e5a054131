"""The import path's writes: many observations, their supersessions and audit events at once.

A million-row import spends its time in the database, not in Python: rows go to the driver as
plain tuples through `executemany` on the session's own connection (inside its transaction),
with ids assigned here so that each audit event can name its row. ORM objects and SQLAlchemy's
insert-many-values with RETURNING cost many times what the database does for the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from decimal import Decimal, InvalidOperation
from json.encoder import encode_basestring
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Session, select

from tracker.domain.models import Indicator, Observation
from tracker.domain.periods import Period
from tracker.domain.schemas import ObservationCreate
from tracker.domain.vocab import ObservationState
from tracker.errors import TrackerError
from tracker.storage import access
from tracker.storage.audit import WriteContext, to_json

CURRENT = ObservationState.CURRENT.value
SUPERSEDED = ObservationState.SUPERSEDED.value
# Above this many indicators one scan of the current rows beats lists of ids.
SCAN_ABOVE = 2000
ID_CHUNK = 500

# (indicator id, kind, period) -> (id, value as stored, comparator, source_doc, quote, note)
Key = tuple[int, str, str]
Stored = tuple[Any, ...]

OBSERVATION_COLUMNS = (
    "id", "indicator_id", "kind", "period", "precision", "period_end", "value", "comparator",
    "source_doc", "source", "quote", "note", "entered_by", "entered_at", "state",
)  # fmt: skip
AUDIT_COLUMNS = (
    "at", "actor", "origin", "action", "entity", "entity_id", "indicator_code", "before", "after",
)  # fmt: skip


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
    try:
        for condition in chunks:
            cursor.execute(
                "SELECT indicator_id, kind, period, id, value, comparator, source_doc, quote, note"
                f" FROM observation WHERE {condition}"
            )
            for row in cursor.fetchall():
                if wanted is None or row[0] in wanted:
                    found[(row[0], row[1], row[2])] = row[3:]
    finally:
        cursor.close()
    return found


def stored_value_is(stored: Any, value: Decimal) -> bool:
    """Whether a value as stored (canonical text on SQLite, NUMERIC elsewhere) is `value`."""
    if isinstance(stored, str):
        if stored == format(value, "f"):
            return True
        try:
            return Decimal(stored) == value
        except InvalidOperation:
            return False
    return bool(stored == value)


class AfterJson:
    """The audit `after` text of a new observation, exactly as `to_json(snapshot(row))` writes
    it for one recorded by itself (keys sorted, the same separators and escapes), without
    building a model or a dict per row."""

    def __init__(self, ctx: WriteContext) -> None:
        self.prefix = (
            '"entered_at": ' + encode_basestring(ctx.now.isoformat())
            + ', "entered_by": ' + encode_basestring(ctx.actor)
        )  # fmt: skip
        self.texts: dict[str | None, str] = {None: "null"}
        self.periods: dict[Period, str] = {}

    def text(self, value: str | None) -> str:
        """A string (or None) as JSON, remembered: most cells repeat."""
        found = self.texts.get(value)
        if found is None:
            if value is None:
                return "null"
            found = encode_basestring(value)
            if len(self.texts) < 100_000:
                self.texts[value] = found
        return found

    def period(self, period: Period) -> str:
        """The period's three keys as JSON, remembered per period."""
        found = self.periods.get(period)
        if found is None:
            found = self.periods[period] = (
                f'"period": {encode_basestring(period.text)},'
                f' "period_end": {encode_basestring(period.end.isoformat())},'
                f' "precision": {encode_basestring(period.precision.value)}'
            )
        return found

    def __call__(self, row_id: int, indicator_id: int, entry: ObservationCreate) -> str:
        t = self.text
        comparator = entry.comparator.value if entry.comparator is not None else None
        # A value's text is digits, a sign and a point: nothing JSON escapes.
        return (
            f'{{"comparator": {t(comparator)}, {self.prefix}, "id": {row_id},'
            f' "indicator_id": {indicator_id}, "kind": {t(entry.kind.value)},'
            f' "note": {t(entry.note)}, {self.period(entry.period)},'
            f' "quote": {t(entry.quote)}, "source": {t(entry.source)},'
            f' "source_doc": {t(entry.source_doc)}, "state": "{CURRENT}",'
            f' "superseded_by_id": null, "value": "{format(entry.value, "f")}"}}'
        )


def new_ids(session: Session, count: int) -> list[int]:
    """Ids for `count` new observations, reserved inside the write transaction."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # The writing transaction is BEGIN IMMEDIATE: no one else can insert until it ends.
        top = session.execute(sa.text("SELECT coalesce(max(id), 0) FROM observation")).scalar()
        return list(range(int(top or 0) + 1, int(top or 0) + 1 + count))
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
    """Record `entries` (the rules of `record_observation`, each new row audited); returns the
    counts of new, changed and unchanged values. `current` is `current_contents` when the
    caller has it already."""
    dialect = session.get_bind().dialect
    if current is None:
        current = current_contents(
            session=session, indicator_ids={ind.id for ind, _ in entries if ind.id is not None}
        )
    table = Observation.__table__  # type: ignore[attr-defined]
    bind_value = binder(table.c.value, dialect)
    bind_end = binder(table.c.period_end, dialect)
    pending: list[tuple[Indicator, ObservationCreate, Any, Stored | None]] = []
    unchanged = changed = 0
    for indicator, entry in entries:
        assert indicator.id is not None
        old = current.get((indicator.id, entry.kind.value, entry.period.text))
        value = bind_value(entry.value)
        if old is not None:
            comparator = entry.comparator.value if entry.comparator is not None else None
            if (
                (old[1] == value or stored_value_is(old[1], entry.value))
                and old[2] == comparator
                and old[3] == entry.source_doc
                and old[4] == entry.quote
                and old[5] == entry.note
            ):
                unchanged += 1
                continue
            changed += 1
        pending.append((indicator, entry, value, old))
    new = len(pending) - changed
    if not pending:
        return new, changed, unchanged
    access.ensure_may_write(session=session, region_codes={ind.region_code for ind, *_ in pending})
    ids = new_ids(session, len(pending))
    entered_at = binder(table.c.entered_at, dialect)(ctx.now)
    ends: dict[Period, Any] = {}
    rows = []
    for row_id, (indicator, entry, value, _) in zip(ids, pending, strict=True):
        period = entry.period
        end = ends.get(period)
        if end is None:
            end = ends[period] = bind_end(period.end)
        rows.append(
            (
                row_id, indicator.id, entry.kind.value, period.text, period.precision.value, end,
                value, entry.comparator.value if entry.comparator is not None else None,
                entry.source_doc, entry.source, entry.quote, entry.note, ctx.actor, entered_at,
                CURRENT,
            )
        )  # fmt: skip
    replaced = [(old[0], row_id) for row_id, (*_, old) in zip(ids, pending, strict=True) if old]
    befores = snapshots(session, [old_id for old_id, _ in replaced])
    cursor = dbapi_cursor(session)
    try:
        if replaced:
            # Superseded first, then the new rows: never two current values for one figure.
            cursor.executemany(
                f"UPDATE observation SET state = '{SUPERSEDED}'"
                f" WHERE id = {placeholders(dialect, 1)}",
                [(old_id,) for old_id, _ in replaced],
            )
        cursor.executemany(
            f"INSERT INTO observation ({', '.join(OBSERVATION_COLUMNS)})"
            f" VALUES ({placeholders(dialect, len(OBSERVATION_COLUMNS))})",
            rows,
        )
        del rows
        if replaced:
            cursor.executemany(
                "UPDATE observation SET superseded_by_id = {0} WHERE id = {0}".format(
                    placeholders(dialect, 1)
                ),
                [(new_id, old_id) for old_id, new_id in replaced],
            )
        touched = sorted({ind.id for ind, *_ in pending if ind.id is not None})
        cursor.executemany(
            "UPDATE indicator SET version = version + 1, updated_at = {0}, updated_by = {0}"
            " WHERE id = {0}".format(placeholders(dialect, 1)),
            [(entered_at, ctx.actor, i) for i in touched],
        )
        after = AfterJson(ctx)
        cursor.executemany(
            f"INSERT INTO audit_event ({', '.join(AUDIT_COLUMNS)})"
            f" VALUES ({placeholders(dialect, len(AUDIT_COLUMNS))})",
            (
                (
                    entered_at,
                    ctx.actor,
                    ctx.origin,
                    "correct" if old else "record",
                    "observation",
                    str(row_id),
                    indicator.code,
                    befores[old[0]] if old else None,
                    after(row_id, indicator.id or 0, entry),
                )  # fmt: skip
                for row_id, (indicator, entry, _, old) in zip(ids, pending, strict=True)
            ),
        )
    finally:
        cursor.close()
    session.expire_all()
    return new, changed, unchanged


def snapshots(session: Session, ids: list[int]) -> dict[int, str]:
    """The audit `before` text of the observations about to be superseded."""
    found: dict[int, str] = {}
    for at in range(0, len(ids), ID_CHUNK):
        chunk = ids[at : at + ID_CHUNK]
        for row in session.exec(select(Observation).where(Observation.id.in_(chunk))):  # type: ignore[union-attr]
            assert row.id is not None
            found[row.id] = to_json(row.model_dump()) or ""
    return found
