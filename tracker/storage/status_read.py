"""The status board read: every indicator with the few observations its verdict needs.

One query of index seeks per indicator (the latest point actual up to the date, the first when
the base needs it, the latest baseline, the latest actual of a quarter, half-year or range)
plus small ones (every current target, programmes, held values, deliverables), through
plain DB-API: the rows stay tuples until they become the engine's facts, and read-only commands
can run it on a `sqlite3` connection without loading SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.domain.numbers import canonical
from tracker.domain.periods import parse_period, stored_as_period
from tracker.domain.status_board import Board, BoardRow, Named, OpenFlag, Reference
from tracker.domain.status_facts import Deliverable, Facts, Point, Target
from tracker.domain.status_rules import pick_target
from tracker.domain.vocab import (
    Comparator,
    DeadlineBasis,
    Direction,
    FlagLevel,
    Frequency,
    Measure,
    MilestoneState,
)
from tracker.storage.status_sql import (
    BOARD_SQL,
    DEPARTMENTS_SQL,
    DOCUMENTS_SQL,
    FLAGS_SQL,
    HELD_SQL,
    MARKER_SQL,
    MILESTONES_SQL,
    PILLARS_SQL,
    PROGRAMMES_SQL,
    REGIONS_SQL,
    RELATIVES_SQL,
    TARGETS_SQL,
)

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
        # Read as they come, each department's name one string however many rows name it:
        # at 100,000 indicators the fetched rows alone would take 40 MB.
        linked: dict[str, dict[int, list[str]]] = {"lead": {}, "responsible": {}}
        if departments:
            cursor.execute(DEPARTMENTS_SQL)
            one = {"": ""}.setdefault
            for indicator_id, role, name in cursor:
                linked.setdefault(role, {}).setdefault(indicator_id, []).append(one(name, name))
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
    to_date: Any = _same if native else _one_each(_optional_date)
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
    linked: dict[str, dict[int, list[str]]],
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
    # Dates and times repeat across thousands of rows (month ends, an import's moment): one
    # object each, which at 100,000 indicators keeps tens of megabytes off the board.
    to_date: Any = _one_each(date.fromisoformat) if text else _same
    to_decimal: Any = Decimal if text else canonical
    to_datetime: Any = _one_each(datetime.fromisoformat) if text else _same
    leads = {key: tuple(names) for key, names in linked["lead"].items()}
    responsible = {key: tuple(names) for key, names in linked["responsible"].items()}
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
                    leads.get(key, nothing),
                    responsible.get(key, nothing),
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


def _one_each(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """`convert`, made once per distinct text and shared after that."""
    known: dict[str, Any] = {}

    def converted(text: str) -> Any:
        found = known.get(text)
        if found is None:
            found = known[text] = convert(text)
        return found

    return converted


def _same(value: Any) -> Any:
    return value


def _optional_date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _optional_decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _optional_canonical(value: Any) -> Decimal | None:
    return None if value is None else canonical(value)
