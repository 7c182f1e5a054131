"""Migrations on SQLite and PostgreSQL: a stairway up and down through every revision, head equal
to the models, and data written at each older revision surviving the upgrade to head."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

import tracker.domain.models  # noqa: F401  (registers the tables)
from tracker import services
from tracker.domain.models import Observation
from tracker.storage import HEAD_REVISION, history, migrate, queries
from tracker.storage.engine import make_engine, reading
from tracker.storage.schema import revision_of

TABLES = {
    "audit_event",
    "change_set",
    "department",
    "document",
    "flag",
    "indicator",
    "indicator_department",
    "milestone",
    "observation",
    "period_close",
    "pillar",
    "programme",
    "region",
}
# Revision 0004 gives PostgreSQL writers one lock row per region; no model maps it.
PG_ONLY_TABLES = {"write_gate"}
# Revision 0009's triggers find a transaction's change sets by txid.
PG_ONLY_INDEXES = {"ix_change_set_txid"}


def revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(migrate.alembic_config(None))  # type: ignore[arg-type]
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def tables_of(engine: Engine) -> set[str]:
    """The tracker tables present (alembic_version aside)."""
    with engine.connect() as connection:
        return set(sa.inspect(connection).get_table_names()) - {"alembic_version"}


def row_security(engine: Engine) -> dict[str, tuple[bool, bool]]:
    """PostgreSQL: (enabled, forced) row-level security by table."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class"
                " WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'"
            )
        )
        return {name: (enabled, forced) for name, enabled, forced in rows}


def test_head_revision_constant_is_the_scripts_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config(None))  # type: ignore[arg-type]
    assert script.get_heads() == [HEAD_REVISION]
    assert migrate.head() == HEAD_REVISION == revisions()[-1]


def test_every_revision_upgrades_and_downgrades(backend_empty_url: str) -> None:
    engine = make_engine(backend_empty_url)
    steps = revisions()
    previous: str | None = None
    for revision in steps:
        migrate.upgrade(engine, revision)
        assert revision_of(engine) == revision
        migrate.downgrade(engine, previous or "base")
        assert revision_of(engine) == previous
        migrate.upgrade(engine, revision)
        assert revision_of(engine) == revision
        previous = revision
    postgres = engine.dialect.name == "postgresql"
    assert tables_of(engine) == TABLES | (PG_ONLY_TABLES if postgres else set())
    if postgres:
        security = row_security(engine)
        guarded = (
            *("indicator", "observation", "flag", "indicator_department", "milestone"),
            "period_close",
        )
        for table in (*guarded, "audit_event", *PG_ONLY_TABLES):
            assert security[table] == (True, True), table
    for revision in reversed([None, *steps[:-1]]):
        migrate.downgrade(engine, revision or "base")
        assert revision_of(engine) == revision
    assert tables_of(engine) == set()
    engine.dispose()


def test_head_schema_matches_the_models(backend_empty_url: str) -> None:
    engine = make_engine(backend_empty_url)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _parent: (
                    name not in (PG_ONLY_TABLES if kind == "table" else PG_ONLY_INDEXES)
                ),
            },
        )
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []


# Data written with plain SQL at each older revision, in the columns that revision has. A new
# revision adds its writer here; test_every_older_revision_has_a_data_writer insists on it.
NOW = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
SMALL = Decimal("0.000000000000001234")  # more decimals than NUMERIC(38, 12) keeps
LARGE = Decimal("123456789012345678.5")


def write_0001(connection: Connection) -> None:
    """Reference rows, an indicator with departments, a corrected value, a flag, audit rows."""

    def insert(table: str, **values: object) -> None:
        names = ", ".join(values)
        marks = ", ".join(f":{n}" for n in values)
        connection.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)

    as_text = connection.dialect.name == "sqlite"

    def number(value: Decimal) -> object:
        return format(value, "f") if as_text else value

    insert(
        "document",
        id="doc-0001",
        title="测试文件",
        issuer="省发展改革委",
        written=date(2024, 1, 2),
        published=None,
        kind="plan",
    )
    insert(
        "region", code="LN", name="辽宁省", name_en="Liaoning", parent_code=None, level="province"
    )
    insert("region", code="TL", name="铁岭", name_en="Tieling", parent_code="LN", level="city")
    insert("pillar", code="PLAN", name="规划共绘", name_en="Planning", position=1)
    insert("department", id=1, name="市发展改革委")
    insert(
        "indicator",
        id=1,
        code="TL-OLD-1",
        name="旧指标",
        name_en="Old",
        unit="亿元",
        direction="increase",
        region_code="TL",
        pillar_code="PLAN",
        frequency="annual",
        description="“引号”与 emoji 🚄",
        version=3,
        updated_at=NOW,
        updated_by="王",
    )
    insert("indicator_department", indicator_id=1, department_id=1, role="lead", position=0)
    common = {
        "indicator_id": 1,
        "kind": "actual",
        "period": "2024",
        "precision": "year",
        "period_end": date(2024, 12, 31),
        "comparator": None,
        "source_doc": "doc-0001",
        "source": "",
        "quote": "原文",
        "note": "",
        "entered_by": "王",
        "entered_at": NOW,
    }
    insert(
        "observation", id=2, value=number(LARGE), state="current", superseded_by_id=None, **common
    )
    insert(
        "observation", id=1, value=number(SMALL), state="superseded", superseded_by_id=2, **common
    )
    insert(
        "flag",
        id=1,
        indicator_id=1,
        level="watch",
        reason="关注",
        raised_by="王",
        raised_at=NOW,
        cleared_by=None,
        cleared_at=None,
        clear_note=None,
    )
    insert(
        "audit_event",
        id=1,
        at=NOW,
        actor="王",
        origin="cli",
        action="correct",
        entity="observation",
        entity_id="2",
        indicator_code="TL-OLD-1",
        before='{"value": "0.000000000000001234"}',
        after='{"value": "123456789012345678.5"}',
    )


def check_0001(store: services.Store) -> None:
    """What write_0001 wrote reads back exactly through today's queries."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code="TL-OLD-1")
        assert (indicator.version, indicator.updated_by) == (3, "王")
        assert indicator.description == "“引号”与 emoji 🚄"
        assert indicator.updated_at == NOW and indicator.updated_at.tzinfo is not None
        rows = {o.id: o for o in queries.observations_of(session=session, indicator=indicator)}
        assert rows[1].value == SMALL and rows[1].state == "superseded"
        assert rows[2].value == LARGE and rows[2].state == "current"
        assert rows[1].superseded_by_id == 2
        [flag] = queries.flags_of(session=session, indicator=indicator)
        assert flag.reason == "关注" and flag.cleared_at is None
        # Its snapshot names no row, so the migration keeps it, in the change set of its own.
        [event] = [
            e
            for e in history.entries(session=session, indicator_code="TL-OLD-1")
            if e.entity_id == "2"
        ]
        assert event.after == '{"value": "123456789012345678.5"}' and event.at == NOW
        assert (event.actor, event.origin, event.action) == ("王", "cli", "correct")
    rows_ = {r.row.code: r for r in services.statuses(store, as_of=date(2025, 1, 1))}
    assert rows_["TL-OLD-1"].row.lead == ("市发展改革委",)


def write_0002(connection: Connection) -> None:
    """A milestone with a `<=`-free target and a withdrawn actual, and an off-track flag: the
    values whose CHECK constraints revision 0003 rewrites."""
    as_text = connection.dialect.name == "sqlite"
    rows = {
        "indicator": {
            "id": 2,
            "code": "TL-OLD-2",
            "name": "旧里程碑",
            "name_en": "",
            "unit": "%",
            "direction": "milestone",
            "region_code": "TL",
            "pillar_code": "PLAN",
            "frequency": "once",
            "description": "",
            "version": 1,
            "updated_at": NOW,
            "updated_by": "李",
        },
        "observation": {
            "id": 3,
            "indicator_id": 2,
            "kind": "target",
            "period": "2025-06",
            "precision": "month",
            "period_end": date(2025, 6, 30),
            "value": "100" if as_text else Decimal(100),
            "comparator": "=",
            "source_doc": None,
            "source": "",
            "quote": "",
            "note": "",
            "entered_by": "李",
            "entered_at": NOW,
            "state": "withdrawn",
            "superseded_by_id": None,
        },
        "flag": {
            "id": 2,
            "indicator_id": 2,
            "level": "off_track",
            "reason": "滞后",
            "raised_by": "李",
            "raised_at": NOW,
            "cleared_by": None,
            "cleared_at": None,
            "clear_note": None,
        },
    }
    for table, values in rows.items():
        names, marks = ", ".join(values), ", ".join(f":{n}" for n in values)
        connection.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def check_0002(store: services.Store) -> None:
    """What write_0002 wrote reads back, and the checks still refuse what they refused."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code="TL-OLD-2")
        assert (indicator.direction, indicator.frequency) == ("milestone", "once")
        rows = queries.observations_of(session=session, indicator=indicator)
        [row] = [r for r in rows if r.kind == "target"]
        assert (row.kind, row.precision, row.comparator, row.state) == (
            "target",
            "month",
            "=",
            "withdrawn",
        )
        [flag] = queries.flags_of(session=session, indicator=indicator)
        assert flag.level == "off_track"
    with store.engine.connect() as connection:
        for table, column, bad in (
            ("observation", "kind", "forecast"),
            ("observation", "comparator", ">>"),
            ("indicator", "frequency", "daily"),
            ("flag", "level", "red"),
        ):
            with pytest.raises(sa.exc.IntegrityError):
                with connection.begin_nested():
                    if connection.dialect.name == "postgresql":
                        # Revision 0009's triggers refuse any change of a value before its
                        # checks are reached; the checks themselves are asked here.
                        connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
                    connection.execute(sa.text(f"UPDATE {table} SET {column} = :bad"), {"bad": bad})
            connection.rollback()


def write_0003(connection: Connection) -> None:
    """A current actual dated to the day, written by a role under row security on PostgreSQL:
    the policies revision 0004 rewrites must still let the owner's writes through."""
    as_text = connection.dialect.name == "sqlite"
    values = {
        "id": 4,
        "indicator_id": 2,
        "kind": "actual",
        "period": "2025-03-31",
        "precision": "day",
        "period_end": date(2025, 3, 31),
        "value": "78" if as_text else Decimal(78),
        "comparator": None,
        "source_doc": None,
        "source": "调度会",
        "quote": "",
        "note": "",
        "entered_by": "李",
        "entered_at": NOW,
        "state": "current",
        "superseded_by_id": None,
    }
    names, marks = ", ".join(values), ", ".join(f":{n}" for n in values)
    connection.execute(sa.text(f"INSERT INTO observation ({names}) VALUES ({marks})"), values)


def check_0003(store: services.Store) -> None:
    """What write_0003 wrote reads back as the indicator's latest actual."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code="TL-OLD-2")
        rows = queries.observations_of(session=session, indicator=indicator)
        [actual] = [r for r in rows if r.kind == "actual"]
        assert (actual.period, actual.value, actual.state) == ("2025-03-31", Decimal(78), "current")


def write_0004(connection: Connection) -> None:
    """A target due in a month and an actual with `>=`: the columns revision 0005 widens and
    rechecks (period, precision, comparator), and an indicator that gains a measure."""
    as_text = connection.dialect.name == "sqlite"
    common = {
        "indicator_id": 1,
        "source_doc": "doc-0001",
        "source": "",
        "quote": "2025年6月底前达到90",
        "note": "",
        "entered_by": "赵",
        "entered_at": NOW,
        "state": "current",
        "superseded_by_id": None,
    }
    for values in (
        {
            "id": 5,
            "kind": "target",
            "period": "2025-06",
            "precision": "month",
            "period_end": date(2025, 6, 30),
            "value": "90" if as_text else Decimal(90),
            "comparator": ">=",
        },
        {
            "id": 6,
            "kind": "baseline",
            "period": "2023",
            "precision": "year",
            "period_end": date(2023, 12, 31),
            "value": "80" if as_text else Decimal(80),
            "comparator": None,
        },
    ):
        row = {**common, **values}
        names, marks = ", ".join(row), ", ".join(f":{n}" for n in row)
        connection.execute(sa.text(f"INSERT INTO observation ({names}) VALUES ({marks})"), row)


def check_0004(store: services.Store) -> None:
    """What write_0004 wrote reads back unchanged: a point period has no start, the values keep
    their comparators, and the old indicator measures levels."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code="TL-OLD-1")
        assert indicator.measure == "level"
        rows = {o.id: o for o in queries.observations_of(session=session, indicator=indicator)}
        target, baseline = rows[5], rows[6]
        assert (target.period, target.precision, target.period_end) == (
            "2025-06",
            "month",
            date(2025, 6, 30),
        )
        assert (target.value, target.comparator, target.period_start) == (Decimal(90), ">=", None)
        assert (target.programme, target.deadline_basis, target.quarantine) == (None, None, None)
        assert (baseline.value, baseline.comparator) == (Decimal(80), None)


def write_0005(connection: Connection) -> None:
    """A quarter's actual (a period with a start) and a quarantined actual: the rows the
    partial indexes of revision 0006 hold."""
    as_text = connection.dialect.name == "sqlite"
    common = {
        "indicator_id": 1,
        "kind": "actual",
        "source_doc": "doc-0001",
        "source": "",
        "quote": "",
        "note": "",
        "entered_by": "赵",
        "entered_at": NOW,
        "state": "current",
        "superseded_by_id": None,
        "comparator": None,
    }
    for values in (
        {
            "id": 7,
            "period": "2025-Q2",
            "precision": "quarter",
            "period_start": date(2025, 4, 1),
            "period_end": date(2025, 6, 30),
            "value": "21" if as_text else Decimal(21),
            "quarantine": None,
        },
        {
            "id": 8,
            "period": "2025-07",
            "precision": "month",
            "period_start": None,
            "period_end": date(2025, 7, 31),
            "value": "99" if as_text else Decimal(99),
            "quarantine": "implausible",
        },
    ):
        row = {**common, **values}
        names, marks = ", ".join(row), ", ".join(f":{n}" for n in row)
        connection.execute(sa.text(f"INSERT INTO observation ({names}) VALUES ({marks})"), row)


def check_0005(store: services.Store) -> None:
    """What write_0005 wrote reads back unchanged: the quarter keeps its start, the held value
    its reason."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code="TL-OLD-1")
        rows = {o.id: o for o in queries.observations_of(session=session, indicator=indicator)}
        quarter, held = rows[7], rows[8]
        assert (quarter.period, quarter.period_start, quarter.value) == (
            "2025-Q2",
            date(2025, 4, 1),
            Decimal(21),
        )
        assert (held.period_start, held.quarantine, held.value) == (
            None,
            "implausible",
            Decimal(99),
        )


def write_0006(connection: Connection) -> None:
    """Two rows of one import (their events share actor, origin and time), a person's
    correction of one of them and the undo of a later value that made an older one current
    again: the audit events revision 0007 turns into change sets."""
    as_text = connection.dialect.name == "sqlite"
    later = datetime(2025, 4, 2, 9, 0, tzinfo=UTC)
    undone = datetime(2025, 4, 3, 9, 0, tzinfo=UTC)
    indicator = {
        "id": 3,
        "code": "TL-OLD-3",
        "name": "变更",
        "name_en": "",
        "unit": "亿元",
        "direction": "increase",
        "region_code": "TL",
        "pillar_code": "PLAN",
        "frequency": "annual",
        "description": "",
        "measure": "level",
        "version": 4,
        "updated_at": undone,
        "updated_by": "root (钱)",
    }
    names, marks = ", ".join(indicator), ", ".join(f":{n}" for n in indicator)
    connection.execute(sa.text(f"INSERT INTO indicator ({names}) VALUES ({marks})"), indicator)
    common = {
        "indicator_id": 3,
        "kind": "actual",
        "precision": "year",
        "source_doc": None,
        "source": "",
        "quote": "",
        "note": "",
        "comparator": None,
    }
    rows = [
        # 20 and 21 imported; 20 corrected by 22; 23 recorded later and withdrawn, which made
        # 21's successor-less row current again (0006's undo).
        {"id": 20, "period": "2021", "value": "1", "state": "superseded", "superseded_by_id": None},
        {"id": 21, "period": "2022", "value": "2", "state": "current", "superseded_by_id": None},
        {"id": 22, "period": "2021", "value": "3", "state": "current", "superseded_by_id": None},
        {"id": 23, "period": "2022", "value": "4", "state": "withdrawn", "superseded_by_id": None},
    ]
    for values in rows:
        row = {
            **common,
            **values,
            "period_end": date(int(str(values["period"])), 12, 31),
            "value": values["value"] if as_text else Decimal(str(values["value"])),
            "entered_by": "赵",
            "entered_at": NOW,
        }
        names, marks = ", ".join(row), ", ".join(f":{n}" for n in row)
        connection.execute(sa.text(f"INSERT INTO observation ({names}) VALUES ({marks})"), row)
    connection.execute(sa.text("UPDATE observation SET superseded_by_id = 22 WHERE id = 20"))
    events = [
        (NOW, "赵", "import:figures.csv", "record", "20", None, '{"id": 20, "value": "1"}'),
        (NOW, "赵", "import:figures.csv", "record", "21", None, '{"id": 21, "value": "2"}'),
        (later, "root (钱)", "cli", "correct", "22", '{"id": 20}', '{"id": 22, "value": "3"}'),
        (later, "root (钱)", "cli", "correct", "23", '{"id": 21}', '{"id": 23, "value": "4"}'),
        (undone, "root (钱)", "tui", "withdraw", "23", '{"id": 23}', '{"id": 23, "restored": 21}'),
    ]
    for number, (at, actor, origin, action, entity_id, before, after) in enumerate(events):
        connection.execute(
            sa.text(
                "INSERT INTO audit_event (id, at, actor, origin, action, entity, entity_id,"
                " indicator_code, before, after) VALUES (:id, :at, :actor, :origin, :action,"
                " 'observation', :entity_id, 'TL-OLD-3', :before, :after)"
            ),
            {
                "id": 20 + number,
                "at": at,
                "actor": actor,
                "origin": origin,
                "action": action,
                "entity_id": entity_id,
                "before": before,
                "after": after,
            },
        )


def check_0006(store: services.Store) -> None:
    """The import is one change set naming its file, the correction another with the person
    beside the account, and each row names the change sets that wrote and superseded it; the
    events the rows now hold are gone, those a row cannot hold (the undo that made an older
    value current again, and the correction it undid) stay, in their change sets."""
    with store.engine.connect() as connection:
        sets = {
            row.id: row
            for row in connection.execute(
                sa.text("SELECT id, actor, person, origin, interface, file_name FROM change_set")
            )
        }
        rows = {
            row.id: (row.written_in, row.superseded_in)
            for row in connection.execute(
                sa.text("SELECT id, written_in, superseded_in FROM observation WHERE id >= 20")
            )
        }
        kept = connection.execute(
            sa.text(
                "SELECT entity_id, action, change_set_id FROM audit_event"
                " WHERE indicator_code = 'TL-OLD-3' ORDER BY id"
            )
        ).all()
    imported, corrected = rows[20][0], rows[22][0]
    assert rows[21][0] == imported and rows[23][0] == corrected != imported
    assert rows[20][1] == corrected and rows[21][1] is None
    undo = rows[23][1]
    assert undo is not None and undo not in (imported, corrected)
    assert (sets[imported].origin, sets[imported].file_name, sets[imported].actor) == (
        "import",
        "figures.csv",
        "赵",
    )
    assert (sets[corrected].actor, sets[corrected].person, sets[corrected].origin) == (
        "root",
        "钱",
        "correct",
    )
    assert (sets[undo].interface, sets[undo].origin) == ("tui", "withdraw")
    assert [tuple(k) for k in kept] == [("23", "correct", corrected), ("23", "withdraw", undo)]


def write_0007(connection: Connection) -> None:
    """A change set of a person's correction with the value it wrote, dated in a month that
    revision 0008 lets a province close: the rows a closing must leave as they are."""
    as_text = connection.dialect.name == "sqlite"
    at = datetime(2025, 7, 2, 8, 0, tzinfo=UTC)
    change = {
        "id": 100,
        "at": at,
        "actor": "wu",
        "person": "吴",
        "origin": "record",
        "interface": "cli",
        "file_name": None,
        "file_sha256": None,
        "reverts_id": None,
        "txid": None,
    }
    row = {
        "id": 30,
        "indicator_id": 1,
        "kind": "actual",
        "period": "2025-06",
        "precision": "month",
        "period_start": None,
        "period_end": date(2025, 6, 30),
        "value": "64" if as_text else Decimal(64),
        "comparator": None,
        "source_doc": None,
        "source": "6月调度会",
        "quote": "",
        "note": "",
        "entered_by": "wu (吴)",
        "entered_at": at,
        "state": "current",
        "superseded_by_id": None,
        "written_in": 100,
        "superseded_in": None,
    }
    for table, values in (("change_set", change), ("observation", row)):
        names, marks = ", ".join(values), ", ".join(f":{n}" for n in values)
        connection.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def check_0007(store: services.Store) -> None:
    """What write_0007 wrote reads back: the change set with its person and time, the value
    naming it; no period is closed by the upgrade."""
    with store.engine.connect() as connection:
        change = connection.execute(
            sa.text("SELECT actor, person, origin, at FROM change_set WHERE id = 100")
        ).one()
        value = connection.execute(
            sa.text("SELECT period, value, state, written_in FROM observation WHERE id = 30")
        ).one()
    assert (change.actor, change.person, change.origin) == ("wu", "吴", "record")
    assert str(change.at).startswith("2025-07-02")
    assert (value.period, Decimal(str(value.value)), value.state) == ("2025-06", 64, "current")
    assert value.written_in == 100
    assert all(closing.period != "2025-06" for closing in services.closed_periods(store))


def write_0008(connection: Connection) -> None:
    """A province's closing of May 2025 for 铁岭, reopened the next day: two change sets and the
    row naming both, as revision 0009 (which stamps new change sets itself) finds them."""
    changes = [
        (101, datetime(2025, 6, 3, 9, 0, tzinfo=UTC), "period-close"),
        (102, datetime(2025, 6, 4, 9, 0, tzinfo=UTC), "period-reopen"),
    ]
    for change_id, at, origin in changes:
        connection.execute(
            sa.text(
                "INSERT INTO change_set (id, at, actor, person, origin, interface)"
                " VALUES (:id, :at, 'qian', '钱', :origin, 'cli')"
            ),
            {"id": change_id, "at": at, "origin": origin},
        )
    connection.execute(
        sa.text(
            "INSERT INTO period_close (id, region_code, period, period_start, period_end,"
            " closed_in, reopened_in) VALUES (1, 'TL', '2025-05', :start, :end, 101, 102)"
        ),
        {"start": date(2025, 5, 1), "end": date(2025, 5, 31)},
    )


def check_0008(store: services.Store) -> None:
    """The closing reads back with who closed and reopened it, and when."""
    (closing,) = [c for c in services.closed_periods(store) if c.period == "2025-05"]
    assert (closing.region_code, closing.closed_by, closing.reopened_by) == (
        "TL",
        "qian (钱)",
        "qian (钱)",
    )
    assert str(closing.closed_at).startswith("2025-06-03") and not closing.is_open


def write_0009(connection: Connection) -> None:
    """A value imported from a file before lines were kept (on PostgreSQL through revision
    0009's triggers, which stamp the change set's author and time): revision 0010 keeps it
    with no line."""
    as_text = connection.dialect.name == "sqlite"
    at = datetime(2025, 9, 2, 8, 0, tzinfo=UTC)
    change = {"id": 110, "at": at, "actor": "wu", "origin": "import", "interface": "cli"}
    change["file_name"] = "2025-08.csv"
    row = {
        "id": 40,
        # TL-OLD-3, whose version no check reads: on PostgreSQL a value bumps it.
        "indicator_id": 3,
        "kind": "actual",
        "period": "2025-08",
        "precision": "month",
        "period_end": date(2025, 8, 31),
        "value": "66" if as_text else Decimal(66),
        "source": "2025-08.csv",
        "quote": "",
        "note": "",
        "entered_by": "wu",
        "entered_at": at,
        "state": "current",
        "written_in": 110,
    }
    for table, values in (("change_set", change), ("observation", row)):
        names, marks = ", ".join(values), ", ".join(f":{n}" for n in values)
        connection.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def check_0009(store: services.Store) -> None:
    """The value reads back whole, its file named and its line unknown, not guessed."""
    with store.engine.connect() as connection:
        value = connection.execute(
            sa.text("SELECT period, value, state, source_line FROM observation WHERE id = 40")
        ).one()
    assert (value.period, Decimal(str(value.value)), value.state) == ("2025-08", 66, "current")
    assert value.source_line is None
    found = services.observation_source(store, 40)
    assert (found.imported_file, found.imported_line) == ("2025-08.csv", None)


WRITERS: dict[str, tuple[Callable[[Connection], None], Callable[[services.Store], None]]] = {
    "0001": (write_0001, check_0001),
    "0002": (write_0002, check_0002),
    "0003": (write_0003, check_0003),
    "0004": (write_0004, check_0004),
    "0005": (write_0005, check_0005),
    "0006": (write_0006, check_0006),
    "0007": (write_0007, check_0007),
    "0008": (write_0008, check_0008),
    "0009": (write_0009, check_0009),
}


def test_every_older_revision_has_a_data_writer() -> None:
    assert set(WRITERS) == set(revisions()[:-1])


def test_data_written_at_each_older_revision_survives_the_upgrade_to_head(
    backend_empty_url: str,
) -> None:
    engine = make_engine(backend_empty_url)
    for revision in revisions()[:-1]:
        migrate.upgrade(engine, revision)
        with engine.begin() as connection:
            WRITERS[revision][0](connection)
    migrate.upgrade(engine)
    store = services.open_store(backend_empty_url, create=False)
    for _, check in WRITERS.values():
        check(store)
    # And back down one step and up again: nothing is lost on the way.
    migrate.downgrade(engine, revisions()[-2])
    migrate.upgrade(engine)
    for _, check in WRITERS.values():
        check(store)
    store.engine.dispose()
    engine.dispose()


@pytest.mark.parametrize("value", ["0.0000000000001", "123456789012345678", "-0.5"])
def test_values_are_stored_exactly(backend_url: str, value: str) -> None:
    """NUMERIC on PostgreSQL and canonical text on SQLite give back the value as recorded."""
    store = services.open_store(backend_url)
    with reading(store.engine) as session:
        code = next(
            c for c, i in queries.indicators_by_code(session=session).items() if i.unit == "亿元"
        )
    new = services.record(store, code=code, value=value, period="2031", actor="t", origin="t")
    assert new is not None
    with reading(store.engine) as session:
        stored = session.get(Observation, new.row_id)
        assert stored is not None and stored.value == Decimal(value)
        assert format(stored.value, "f") == value
    store.engine.dispose()


def test_downgrading_0005_keeps_what_0004_can_hold(backend_empty_url: str) -> None:
    """A quarter, half-year or range becomes the month, day or year it ends in; `>`, `<`
    and `~` become `>=`, `<=` and `=`; open commitments and relative targets go."""
    engine = make_engine(backend_empty_url)
    migrate.upgrade(engine, "0004")
    with engine.begin() as connection:
        write_0001(connection)
    migrate.upgrade(engine, "0005")
    as_text = engine.dialect.name == "sqlite"
    rows = [
        (10, "actual", "2025Q2", "quarter", date(2025, 4, 1), date(2025, 6, 30), "5", ">"),
        (11, "actual", "2024-01..2024-05", "range", date(2024, 1, 1), date(2024, 5, 31), "6", "~"),
        (12, "target", "", None, None, None, "7", ">="),
        (13, "target", "2026", "year", None, date(2026, 12, 31), None, "<"),
        (
            14,
            "baseline",
            "2023-01-01..2023-03-31",
            "range",
            date(2023, 1, 1),
            date(2023, 3, 31),
            "8",
            None,
        ),
    ]
    with engine.begin() as connection:
        for row_id, kind, period, precision, start, end, value, comparator in rows:
            connection.execute(
                sa.text(
                    "INSERT INTO observation (id, indicator_id, kind, period, precision,"
                    " period_start, period_end, value, comparator, source, quote, note,"
                    " entered_by, entered_at, state)"
                    " VALUES (:id, 1, :kind, :period, :precision, :start, :end, :value,"
                    " :comparator, '', '', '', 't', :at, 'current')"
                ),
                {
                    "id": row_id,
                    "kind": kind,
                    "period": period,
                    "precision": precision,
                    "start": start,
                    "end": end,
                    "value": value if as_text or value is None else Decimal(value),
                    "comparator": comparator,
                    "at": NOW,
                },
            )
    migrate.downgrade(engine, "0004")
    with engine.connect() as connection:
        found = {
            r[0]: tuple(r[1:])
            for r in connection.execute(
                sa.text("SELECT id, period, precision, comparator FROM observation WHERE id >= 10")
            )
        }
    assert found == {
        10: ("2025-06", "month", ">="),
        11: ("2024-05", "month", "="),
        14: ("2023-03-31", "day", None),
    }
    migrate.upgrade(engine)
    assert revision_of(engine) == HEAD_REVISION
    engine.dispose()
