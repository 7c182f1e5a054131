"""The status board read: every indicator with the few observations its verdict needs.

One query of index seeks per indicator (the latest point actual up to the date, the first when
the base needs it, the latest baseline, the latest actual of a quarter, half-year or range)
plus small ones (every current target, programmes, held values, deliverables), through
plain DB-API: the rows stay tuples until they become the engine's facts, and read-only commands
can run it on a `sqlite3` connection without loading SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.domain.numbers import canonical
from tracker.domain.periods import parse_period, stored_as_period
from tracker.domain.status import Deliverable, Facts, Point, Target, pick_target
from tracker.domain.status_board import Board, BoardRow, Named, OpenFlag, Reference
from tracker.domain.vocab import (
    Comparator,
    DeadlineBasis,
    Direction,
    FlagLevel,
    Frequency,
    Measure,
    MilestoneState,
)
from tracker.errors import DamagedStoreError
from tracker.storage import HEAD_REVISION
from tracker.storage.files import (
    damaged_message,
    first_line,
    is_malformed,
    network_filesystem,
    plain_sqlite_file,
    record_damage,
)

# Ties on a period end go to the highest id for actuals and baselines, as when all of an
# indicator's rows are sorted by (period end, id). Quarantined values are never read as facts;
# an actual of a quarter, half-year or range (with a start) is not a point of the series.
_SEEK = (
    "SELECT x.id FROM observation x WHERE x.indicator_id = i.id AND x.kind = '{kind}'"
    " AND x.state = 'current' AND x.quarantine IS NULL{where} ORDER BY {order} LIMIT 1"
)
_LATEST = "x.period_end DESC, x.id DESC"
_FIRST = "x.period_end, x.id"
_POINT = " AND x.period_start IS NULL AND x.period_end <= {as_of}"
_SPAN = " AND x.period_start IS NOT NULL AND x.period_end <= {as_of}"
BOARD_SQL = f"""
SELECT i.id, i.code, i.name, i.name_en, i.region_code, i.pillar_code, i.unit, i.direction,
    i.frequency, i.version, i.updated_at, i.updated_by, i.description, i.measure,
    a.period_end, a.value, a.period, a.id, a.comparator,
    f.period_end, f.value, f.comparator,
    b.period_end, b.value, b.period, b.id, b.comparator, b.period_start,
    p.period_end, p.value, p.comparator, p.period_start
FROM indicator i
LEFT JOIN observation a ON a.id = (
    {_SEEK.format(kind="actual", where=_POINT, order=_LATEST)})
LEFT JOIN observation b ON b.id = (
    {_SEEK.format(kind="baseline", where="", order=_LATEST)})
LEFT JOIN observation f ON f.id = CASE WHEN b.id IS NULL OR b.period_end >= a.period_end THEN (
    {_SEEK.format(kind="actual", where=_POINT, order=_FIRST)}) END
LEFT JOIN observation p ON p.id = (
    {_SEEK.format(kind="actual", where=_SPAN, order=_LATEST)})
{{where}}
"""
# Every current target: an indicator has few, and which governs is decided by the engine.
# Sought per indicator (CROSS JOIN keeps SQLite from scanning every observation's index entry
# instead: the kind is not the index's first column).
TARGETS_SQL = """
SELECT o.indicator_id, o.id, o.value, o.comparator, o.period, o.precision, o.period_end,
    o.deadline_basis, o.programme, o.relative_to, i.direction
FROM indicator i CROSS JOIN observation o
WHERE o.indicator_id = i.id AND o.kind = 'target' AND o.state = 'current'
    AND o.quarantine IS NULL{only}
ORDER BY i.id, o.id
"""
PROGRAMMES_SQL = "SELECT code, start_period, end_period FROM programme"
HELD_SQL = """
SELECT indicator_id, count(*) FROM observation
WHERE state = 'current' AND quarantine IS NOT NULL GROUP BY indicator_id
"""
MILESTONES_SQL = """
SELECT indicator_id, deliverable, state, period_end FROM milestone ORDER BY indicator_id, id
"""
# For each target defined against another series: that series' value for the period of this
# indicator's latest point actual (none when it has no value for that period).
RELATIVES_SQL = """
SELECT t.indicator_id, o.period_end, o.value, o.comparator
FROM observation t
JOIN indicator r ON r.code = t.relative_to
JOIN observation a ON a.id = (
    SELECT x.id FROM observation x WHERE x.indicator_id = t.indicator_id AND x.kind = 'actual'
    AND x.state = 'current' AND x.quarantine IS NULL AND x.period_start IS NULL
    AND x.period_end <= {as_of} ORDER BY x.period_end DESC, x.id DESC LIMIT 1)
JOIN observation o ON o.id = (
    SELECT y.id FROM observation y WHERE y.indicator_id = r.id AND y.kind = 'actual'
    AND y.state = 'current' AND y.quarantine IS NULL AND y.period_start IS NULL
    AND y.period_end = a.period_end ORDER BY y.id DESC LIMIT 1)
WHERE t.kind = 'target' AND t.state = 'current' AND t.quarantine IS NULL
    AND t.relative_to IS NOT NULL
ORDER BY t.indicator_id, t.id
"""
REGIONS_SQL = "SELECT code, name, name_en, parent_code FROM region ORDER BY code"
DOCUMENTS_SQL = "SELECT id, title FROM document ORDER BY id"
MARKER_SQL = "SELECT max(id) FROM change_set"
PILLARS_SQL = "SELECT code, name, name_en, position FROM pillar ORDER BY position, code"
DEPARTMENTS_SQL = """
SELECT l.indicator_id, l.role, d.name FROM indicator_department l
JOIN department d ON d.id = l.department_id
ORDER BY l.role, l.position
"""
FLAGS_SQL = """
SELECT indicator_id, id, level, reason, raised_by, raised_at FROM flag
WHERE cleared_at IS NULL ORDER BY id
"""
BUSY_TIMEOUT_S = 10.0  # as long as the engine waits (storage/engine.py)
PLACEHOLDERS = {"named": ":%s", "qmark": ":%s", "pyformat": "%%(%s)s"}


def read_board(
    connection: Any,
    *,
    as_of: date,
    paramstyle: str,
    only: str | None = None,
    departments: bool = True,
) -> Board:
    """Every indicator's (or the one coded `only`) names, departments, open flag and status
    facts as of a date, read on a DB-API connection (sqlite3 or psycopg) inside whatever
    snapshot it is in. Without `departments`, every row's lead and responsible are empty."""
    reference = read_reference(connection, documents=False)
    regions = {r.code: r for r in reference.regions}
    pillars = {p.code: p for p in reference.pillars}
    cursor = connection.cursor()
    try:
        linked: dict[tuple[int, str], list[str]] = {}
        for indicator_id, role, name in _all(cursor, DEPARTMENTS_SQL) if departments else ():
            linked.setdefault((indicator_id, role), []).append(name)
        flags = {
            f[0]: OpenFlag(f[1], FlagLevel(f[2]), f[3], f[4], _datetime(f[5]))
            for f in _all(cursor, FLAGS_SQL)
        }
        native = paramstyle == "pyformat"  # psycopg adapts dates; sqlite3 is given ISO text
        parameters = {"as_of": as_of if native else as_of.isoformat(), "code": only}

        def sql_of(text: str) -> str:
            for name in ("as_of", "code"):
                text = text.replace(f"{{{name}}}", PLACEHOLDERS[paramstyle] % name)
            return text

        extra = _extra_facts(cursor, sql_of, parameters, only, native)
        sql = sql_of(BOARD_SQL.replace("{where}", "WHERE i.code = {code}" if only else ""))
        cursor.execute(sql, parameters)
        # Rows are turned into facts as they come, not fetched all at once first: at 100,000
        # indicators the raw rows alone would take 200 MB.
        rows = _board_rows(cursor, paramstyle, regions, pillars, linked, flags, extra, as_of)
    finally:
        cursor.close()
    rows.sort(key=_code)  # cheaper here than through the code index in SQL
    return Board(rows, reference.regions, reference.pillars)


class _Extra:
    """The facts read beside the board query: targets, held values, deliverables, relatives."""

    def __init__(self) -> None:
        self.targets: dict[int, list[tuple[Target, str, int]]] = {}
        self.held: dict[int, int] = {}
        self.deliverables: dict[int, list[Deliverable]] = {}
        self.relatives: dict[int, Point] = {}


def _extra_facts(
    cursor: Any, sql_of: Any, parameters: dict[str, Any], only: str | None, native: bool
) -> _Extra:
    extra = _Extra()
    to_date: Any = _same if native else _optional_date
    to_decimal: Any = _optional_canonical if native else _optional_decimal
    spans: dict[str, tuple[date | None, date | None]] = {}
    for code, start, end in _all(cursor, PROGRAMMES_SQL):
        spans[code] = (
            parse_period(start).first_day if start else None,
            parse_period(end).end if end else None,
        )
    only_sql = " AND i.code = {code}" if only else ""
    # Used as they come, not fetched all at once: at 100,000 indicators 200,000 rows (50 MB).
    cursor.execute(sql_of(TARGETS_SQL.replace("{only}", only_sql)), parameters)
    starts: dict[tuple[str, str | None], date | None] = {}
    for (
        ind,
        row_id,
        value,
        comparator,
        period,
        precision,
        end,
        basis,
        programme,
        relative,
        direction,
    ) in cursor:
        key = (period, precision)
        if key not in starts:
            starts[key] = None if not period else stored_as_period(period, precision).first_day
        begun, ended = spans.get(programme, (None, None)) if programme else (None, None)
        target = Target(
            to_decimal(value),
            COMPARATORS[comparator] if comparator else DEFAULT_COMPARATOR[DIRECTIONS[direction]],
            to_date(end),
            starts[key],
            BASES[basis] if basis else DeadlineBasis.STATED,
            begun,
            ended,
            relative,
        )
        extra.targets.setdefault(ind, []).append((target, period, row_id))
    extra.held = dict(_all(cursor, HELD_SQL))
    for ind, name, state, end in _all(cursor, MILESTONES_SQL):
        extra.deliverables.setdefault(ind, []).append(
            Deliverable(name, MILESTONE_STATES[state], to_date(end))
        )
    cursor.execute(sql_of(RELATIVES_SQL), parameters)
    for ind, end, value, comparator in cursor.fetchall():
        extra.relatives[ind] = Point(
            to_date(end), to_decimal(value), COMPARATORS[comparator] if comparator else EQ
        )
    return extra


def read_reference(connection: Any, *, documents: bool = True) -> Reference:
    """All regions (by code), pillars (in their order) and source documents (by id)."""
    cursor = connection.cursor()
    try:
        return Reference(
            tuple(Named(c, n, e or "", p) for c, n, e, p in _all(cursor, REGIONS_SQL)),
            tuple(Named(c, n, e or "", position=i) for c, n, e, i in _all(cursor, PILLARS_SQL)),
            tuple(Named(i, t) for i, t in _all(cursor, DOCUMENTS_SQL)) if documents else (),
        )
    finally:
        cursor.close()


def read_sqlite_marker(connection: Any) -> tuple[int, int]:
    """The change marker of a SQLite store: its newest change set's id (see
    queries.change_marker)."""
    newest = connection.execute(MARKER_SQL).fetchone()[0]
    return (newest or 0, 0)


def _board_rows(
    cursor: Any,
    paramstyle: str,
    regions: dict[str, Named],
    pillars: dict[str, Named],
    linked: dict[tuple[int, str], list[str]],
    flags: dict[int, OpenFlag],
    extra: _Extra,
    as_of: date,
) -> list[BoardRow]:
    # SQLite keeps dates and values as ISO and canonical text; PostgreSQL returns dates and
    # NUMERIC as Python objects. The converters are chosen once, not tested on every cell.
    text = paramstyle != "pyformat"
    # NamedTuple's own constructor is Python code; tuple.__new__ builds the same tuple in C,
    # and these are built several times per indicator on every read.
    new: Any = tuple.__new__
    to_date: Any = date.fromisoformat if text else _same
    to_decimal: Any = Decimal if text else canonical
    to_datetime: Any = datetime.fromisoformat if text else _same
    named = {key: tuple(names) for key, names in linked.items()}
    comparators: dict[str | None, Comparator] = {None: EQ, "": EQ}
    comparators.update(COMPARATORS)
    nothing: tuple[str, ...] = ()
    # Units, authors and period texts repeat across thousands of rows: one string each.
    shared = {"": ""}.setdefault
    rows = []
    for (
        key,
        code,
        name,
        name_en,
        region,
        pillar,
        unit,
        direction,
        frequency,
        version,
        updated,
        updated_by,
        description,
        measure,
        a_end,
        a_value,
        a_period,
        a_id,
        a_comparator,
        f_end,
        f_value,
        f_comparator,
        b_end,
        b_value,
        b_period,
        b_id,
        b_comparator,
        b_start,
        p_end,
        p_value,
        p_comparator,
        p_start,
    ) in cursor:
        if region not in regions or pillar not in pillars:
            continue
        kind = DIRECTIONS[direction]
        actuals: tuple[Point, ...] = ()
        if a_id is not None:
            latest = new(
                Point, (to_date(a_end), to_decimal(a_value), comparators[a_comparator], None)
            )
            actuals = (latest,)
            if f_end is not None:
                first = new(
                    Point, (to_date(f_end), to_decimal(f_value), comparators[f_comparator], None)
                )
                if first != latest:
                    actuals = (first, latest)
        found = extra.targets.get(key, ())
        targets = tuple(t for t, _, _ in found)
        governing = pick_target(targets, as_of)
        t_period, t_id = "", None
        if governing is not None:
            _, t_period, t_id = found[targets.index(governing)]
        partial = None
        if p_end is not None:
            partial = new(
                Point,
                (
                    to_date(p_end),
                    to_decimal(p_value),
                    comparators[p_comparator],
                    to_date(p_start),
                ),
            )
        baseline = None
        if b_id is not None:
            baseline = new(
                Point,
                (
                    to_date(b_end),
                    to_decimal(b_value),
                    comparators[b_comparator],
                    to_date(b_start) if b_start is not None else None,
                ),
            )
        flag = flags.get(key)
        unit, frequency = shared(unit, unit), FREQUENCIES[frequency]
        deliverables = extra.deliverables.get(key)
        facts = new(
            Facts,
            (
                kind,
                unit,
                frequency,
                baseline,
                actuals,
                targets,
                None,
                flag is not None,
                MEASURES[measure or "level"],
                partial,
                tuple(deliverables) if deliverables else (),
                extra.held.get(key, 0),
                extra.relatives.get(key),
            ),
        )
        rows.append(
            new(
                BoardRow,
                (
                    key,
                    code,
                    name,
                    name_en or "",
                    regions[region],
                    pillars[pillar],
                    unit,
                    kind,
                    frequency,
                    version,
                    to_datetime(updated),
                    named.get((key, "lead"), nothing),
                    named.get((key, "responsible"), nothing),
                    description or "",
                    shared(updated_by, updated_by),
                    flag,
                    facts,
                    shared(b_period, b_period) if b_period else "",
                    shared(a_period, a_period) if a_period else "",
                    shared(t_period, t_period) if t_period else "",
                    t_id,
                ),
            )
        )
    return rows


@contextmanager
def sqlite_snapshot(url: str) -> Iterator[sqlite3.Connection | None]:
    """A `sqlite3` read transaction on the store at `url` when it is a plain SQLite file at
    the current schema; None for anything else (PostgreSQL, a missing or older file, a
    network filesystem, a file that is not a database), which the engine then reads. A file
    found damaged while read is recorded as such and refused (DamagedStoreError)."""
    path = plain_sqlite_file(url)
    if path is None or not path.is_file() or network_filesystem(path):
        yield None
        return
    try:
        connection = _open_snapshot(path, HEAD_REVISION)
    except sqlite3.Error:
        connection = None
    if connection is None:
        yield None
        return
    with closing(connection):
        try:
            yield connection
        except sqlite3.DatabaseError as exc:
            if not is_malformed(exc):
                raise
            record_damage(path, first_line(exc))
            raise DamagedStoreError(
                damaged_message(path, first_line(exc)), finding=first_line(exc)
            ) from None


def _open_snapshot(path: Path, revision: str) -> sqlite3.Connection | None:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
        found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        connection.close()
        return None
    if found != [(revision,)]:
        connection.close()
        return None
    return connection


DIRECTIONS = {d.value: d for d in Direction}
FREQUENCIES = {f.value: f for f in Frequency}
COMPARATORS = {c.value: c for c in Comparator}
MEASURES = {m.value: m for m in Measure}
BASES = {b.value: b for b in DeadlineBasis}
MILESTONE_STATES = {m.value: m for m in MilestoneState}
EQ = Comparator.EQ
DEFAULT_COMPARATOR = {
    d: Comparator.LE if d is Direction.DECREASE else Comparator.GE for d in Direction
}


def _code(row: BoardRow) -> str:
    return row.code


def _all(cursor: Any, sql: str) -> list[Any]:
    cursor.execute(sql)
    return list(cursor.fetchall())


def _datetime(value: Any) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _same(value: Any) -> Any:
    return value


def _optional_date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _optional_decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _optional_canonical(value: Any) -> Decimal | None:
    return None if value is None else canonical(value)
