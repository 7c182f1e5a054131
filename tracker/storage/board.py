"""The status board read: every indicator with the few observations its verdict needs.

One query of index seeks per indicator (the latest actual up to the date, the first actual when
the base needs it, the latest baseline, the governing target) plus four small ones, through
plain DB-API: the rows stay tuples until they become the engine's facts, and read-only commands
can run it on a `sqlite3` connection without loading SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.domain.board import Board, BoardRow, Named, OpenFlag, Reference
from tracker.domain.numbers import canonical
from tracker.domain.status import Facts, Point, Target
from tracker.domain.vocab import Comparator, Direction, FlagLevel, Frequency

# Ties on a period end go to the lowest id for targets and the highest for actuals and
# baselines, as when all of an indicator's rows are sorted by (period end, id).
_SEEK = (
    "SELECT x.id FROM observation x WHERE x.indicator_id = i.id AND x.kind = '{kind}'"
    " AND x.state = 'current'{where} ORDER BY {order} LIMIT 1"
)
_LATEST = "x.period_end DESC, x.id DESC"
_FIRST = "x.period_end, x.id"
BOARD_SQL = f"""
SELECT i.id, i.code, i.name, i.name_en, i.region_code, i.pillar_code, i.unit, i.direction,
    i.frequency, i.version, i.updated_at, i.updated_by, i.description,
    a.period_end, a.value, a.period, a.id,
    f.period_end, f.value,
    b.period_end, b.value, b.period, b.id,
    t.period_end, t.value, t.comparator, t.period, t.id
FROM indicator i
LEFT JOIN observation a ON a.id = (
    {_SEEK.format(kind="actual", where=" AND x.period_end <= {as_of}", order=_LATEST)})
LEFT JOIN observation b ON b.id = (
    {_SEEK.format(kind="baseline", where="", order=_LATEST)})
LEFT JOIN observation f ON f.id = CASE WHEN b.id IS NULL OR b.period_end >= a.period_end THEN (
    {_SEEK.format(kind="actual", where=" AND x.period_end <= {as_of}", order=_FIRST)}) END
LEFT JOIN observation t ON t.id = coalesce(
    ({_SEEK.format(kind="target", where=" AND x.period_end >= {as_of}", order=_FIRST)}),
    ({_SEEK.format(kind="target", where="", order="x.period_end DESC, x.id")}))
{{where}}
"""
# When each milestone's tracking began: the earliest written/published date of its sources.
STARTS_SQL = """
SELECT i.id, min(coalesce(d.written, d.published))
FROM indicator i
JOIN observation o ON o.indicator_id = i.id + 0
JOIN document d ON d.id = o.source_doc
WHERE i.direction = 'milestone'
GROUP BY i.id
"""
REGIONS_SQL = "SELECT code, name, name_en, parent_code FROM region ORDER BY code"
DOCUMENTS_SQL = "SELECT id, title FROM document ORDER BY id"
MARKER_SQL = "SELECT max(id) FROM audit_event"
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
        starts = {i: _date(d) for i, d in _all(cursor, STARTS_SQL) if d is not None}
        where = "WHERE i.code = {code}" if only is not None else ""
        sql = BOARD_SQL.replace("{where}", where)
        for name in ("as_of", "code"):
            sql = sql.replace(f"{{{name}}}", PLACEHOLDERS[paramstyle] % name)
        native = paramstyle == "pyformat"  # psycopg adapts dates; sqlite3 is given ISO text
        cursor.execute(sql, {"as_of": as_of if native else as_of.isoformat(), "code": only})
        # Rows are turned into facts as they come, not fetched all at once first: at 100,000
        # indicators the raw rows alone would take 200 MB.
        rows = _board_rows(cursor, paramstyle, regions, pillars, linked, flags, starts)
    finally:
        cursor.close()
    rows.sort(key=_code)  # cheaper here than through the code index in SQL
    return Board(rows, reference.regions, reference.pillars)


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
    """The change marker of a SQLite store: its newest audit event id (see
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
    starts: dict[int, date],
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
        a_end,
        a_value,
        a_period,
        a_id,
        f_end,
        f_value,
        b_end,
        b_value,
        b_period,
        b_id,
        t_end,
        t_value,
        t_comparator,
        t_period,
        t_id,
    ) in cursor:
        if region not in regions or pillar not in pillars:
            continue
        kind = DIRECTIONS[direction]
        actuals: tuple[Point, ...] = ()
        if a_id is not None:
            latest = new(Point, (to_date(a_end), to_decimal(a_value)))
            actuals = (latest,)
            if f_end is not None:
                first = new(Point, (to_date(f_end), to_decimal(f_value)))
                if first != latest:
                    actuals = (first, latest)
        targets: tuple[Target, ...] = ()
        if t_id is not None:
            comparator = COMPARATORS[t_comparator] if t_comparator else DEFAULT_COMPARATOR[kind]
            targets = (new(Target, (to_decimal(t_value), comparator, to_date(t_end))),)
        flag = flags.get(key)
        unit, frequency = shared(unit, unit), FREQUENCIES[frequency]
        facts = new(
            Facts,
            (
                kind,
                unit,
                frequency,
                new(Point, (to_date(b_end), to_decimal(b_value))) if b_id is not None else None,
                actuals,
                targets,
                starts.get(key),
                flag is not None,
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


def open_sqlite_snapshot(path: Path, revision: str) -> sqlite3.Connection | None:
    """A read connection to a SQLite store whose schema is at `revision`, in a read
    transaction; None when the file is missing or at another revision (the full path then
    creates, migrates or explains)."""
    if not path.is_file():
        return None
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
DEFAULT_COMPARATOR = {
    d: Comparator.LE if d is Direction.DECREASE else Comparator.GE for d in Direction
}


def _code(row: BoardRow) -> str:
    return row.code


def _all(cursor: Any, sql: str) -> list[Any]:
    cursor.execute(sql)
    return list(cursor.fetchall())


def _date(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value: Any) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _same(value: Any) -> Any:
    return value
