"""Revision 0007 (pytest-alembic): a store at 0006 holding what 0006's tracker wrote for an
import, a person's corrections, a definition edit, a flag raised and cleared and an undo,
upgraded to head, shows in `tracker audit` every change with the same who, when, old and new as
0006 showed; downgraded again, 0006's audit events are back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from pytest_alembic import Config
from sqlalchemy.engine import Connection, Engine

from tracker import services
from tracker.storage import migrate

IMPORTED = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
CORRECTED = datetime(2025, 4, 2, 9, 15, 30, 250000, tzinfo=UTC)
REDONE = datetime(2025, 4, 5, 18, 0, tzinfo=UTC)
EDITED = datetime(2025, 4, 3, 10, 0, tzinfo=UTC)
FLAGGED = datetime(2025, 4, 4, 11, 0, tzinfo=UTC)
CLEARED = datetime(2025, 4, 5, 12, 0, tzinfo=UTC)
UNDONE = datetime(2025, 4, 6, 13, 0, tzinfo=UTC)
CODE = "TL-MIG-1"


@pytest.fixture
def alembic_engine(backend_empty_url: str) -> Iterator[Engine]:
    """The empty database of this test, without tracker's connection settings (batch mode
    rebuilds SQLite tables, which enforced foreign keys would refuse)."""
    engine = sa.create_engine(backend_empty_url)
    yield engine
    engine.dispose()


@pytest.fixture
def alembic_config() -> Config:
    """The project's migrations, as tracker runs them."""
    return Config(alembic_config=migrate.alembic_config(None))


def plain(value: object) -> object:
    """A value as 0006's audit snapshots wrote it (tracker.storage.audit.to_json)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def as_json(data: dict[str, Any] | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, sort_keys=True)


class Store0006:
    """Writes rows and audit events as 0006's tracker wrote them, in plain SQL."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.text = connection.dialect.name == "sqlite"
        self.rows: dict[int, dict[str, Any]] = {}

    def insert(self, table: str, values: dict[str, Any]) -> None:
        names, marks = ", ".join(values), ", ".join(f":{n}" for n in values)
        self.connection.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)

    def event(
        self,
        at: datetime,
        actor: str,
        origin: str,
        action: str,
        entity: str,
        entity_id: object,
        before: Any,
        after: Any,
    ) -> None:  # noqa: E501
        self.insert(
            "audit_event",
            {
                "at": at,
                "actor": actor,
                "origin": origin,
                "action": action,
                "entity": entity,
                "entity_id": str(entity_id),
                "indicator_code": CODE,
                "before": as_json(before),
                "after": as_json(after),
            },
        )

    def observation(
        self, row_id: int, period: str, value: str, at: datetime, actor: str
    ) -> dict[str, Any]:  # noqa: E501
        row = {
            "id": row_id,
            "indicator_id": 900,
            "kind": "actual",
            "period": period,
            "precision": "month",
            "period_start": None,
            "period_end": date(int(period[:4]), int(period[5:]), 28),
            "value": Decimal(value),
            "comparator": None,
            "programme": None,
            "deadline_basis": None,
            "relative_to": None,
            "quarantine": None,
            "source_doc": None,
            "source": "",
            "quote": "",
            "note": "",
            "entered_by": actor,
            "entered_at": at,
            "state": "current",
            "superseded_by_id": None,
        }
        stored = dict(row, value=value if self.text else Decimal(value))
        self.insert("observation", stored)
        self.rows[row_id] = row
        return {k: plain(v) for k, v in row.items()}

    def move(self, row_id: int, state: str, by: int | None = None) -> dict[str, Any]:
        self.connection.execute(
            sa.text("UPDATE observation SET state = :s, superseded_by_id = :b WHERE id = :i"),
            {"s": state, "b": by, "i": row_id},
        )
        self.rows[row_id].update(state=state, superseded_by_id=by)
        return {k: plain(v) for k, v in self.rows[row_id].items()}


def write_0006(connection: Connection) -> None:
    """An import of two values, a person's correction of one, a definition edit, a flag raised
    and cleared, and a correction undone in the TUI (which made the old value current again)."""
    store = Store0006(connection)
    indicator = {
        "id": 900,
        "code": CODE,
        "name": "迁移测试",
        "name_en": "Migration test",
        "unit": "个",
        "direction": "increase",
        "region_code": "TL",
        "pillar_code": "PLAN",
        "frequency": "monthly",
        "description": "",
        "measure": "level",
        "version": 7,
        "updated_at": UNDONE,
        "updated_by": "root (钱)",
    }
    for table, values in (
        (
            "region",
            {"code": "TL", "name": "铁岭", "name_en": "", "parent_code": None, "level": "city"},
        ),  # noqa: E501
        ("pillar", {"code": "PLAN", "name": "规划共绘", "name_en": "", "position": 1}),
        ("indicator", indicator),
    ):
        store.insert(table, values)
    importer, person = "zhao", "root (钱)"
    for row_id, period, value in ((1, "2025-01", "10"), (2, "2025-02", "12")):
        after = store.observation(row_id, period, value, IMPORTED, importer)
        store.event(
            IMPORTED, importer, "import:january.csv", "record", "observation", row_id, None, after
        )  # noqa: E501
    old = {k: plain(v) for k, v in store.rows[1].items()}
    new = store.observation(3, "2025-01", "11", CORRECTED, person)
    store.move(1, "superseded", 3)
    store.event(CORRECTED, person, "cli", "correct", "observation", 3, old, new)
    before = {"name_en": "Migration test", "departments": {}}
    after = {"name_en": "Migration test (edited)", "departments": {"lead": ["市发展改革委"]}}
    store.event(EDITED, person, "tui", "update", "indicator", CODE, before, after)
    flag = {
        "id": 70,
        "indicator_id": 900,
        "level": "watch",
        "reason": "进度慢",
        "raised_by": person,
        "raised_at": FLAGGED,
        "cleared_by": None,
        "cleared_at": None,
        "clear_note": None,
    }  # noqa: E501
    store.insert("flag", flag)
    shown = {k: plain(v) for k, v in flag.items()}
    store.event(FLAGGED, person, "tui", "flag", "flag", 70, None, shown)
    connection.execute(
        sa.text("UPDATE flag SET cleared_by = :p, cleared_at = :at, clear_note = '已跟进'"),
        {"p": person, "at": CLEARED},
    )
    cleared = dict(shown, cleared_by=person, cleared_at=CLEARED.isoformat(), clear_note="已跟进")
    store.event(CLEARED, person, "cli", "unflag", "flag", 70, shown, cleared)
    # A correction of February, undone in the TUI: 0006 withdrew it and made 2 current again.
    old2 = {k: plain(v) for k, v in store.rows[2].items()}
    new2 = store.observation(4, "2025-02", "13", REDONE, person)
    store.move(2, "superseded", 4)
    store.event(REDONE, person, "cli", "correct", "observation", 4, old2, new2)
    withdrawn = store.move(4, "withdrawn")
    store.move(2, "current")
    store.event(
        UNDONE, person, "tui", "withdraw", "observation", 4, new2, withdrawn | {"restored": 2}
    )  # noqa: E501


def shown_0006(engine: Engine) -> list[tuple[Any, ...]]:
    """Every change as 0006's `tracker audit` showed it: its audit events, with who, when,
    from where, what, and the old and new values (or fields) it names."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT at, actor, origin, action, entity, entity_id, before, after"
                " FROM audit_event WHERE indicator_code = :c ORDER BY id"
            ),
            {"c": CODE},
        ).all()
    return sorted(said(*row) for row in rows)


def said(
    at: Any,
    actor: str,
    origin: str,
    action: str,
    entity: str,
    entity_id: str,
    before: Any,
    after: Any,  # noqa: E501
) -> tuple[Any, ...]:
    """What a change says: who, when (to the microsecond, in UTC), where, what, old and new."""
    if isinstance(at, str):
        at = datetime.fromisoformat(at).replace(tzinfo=UTC)
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    keys = ("value", "period", "kind", "reason", "level", "clear_note", "name_en", "departments")
    return (
        at.astimezone(UTC).isoformat(),
        actor,
        origin,
        action,
        entity,
        entity_id,
        json.dumps({k: old.get(k) for k in keys}, sort_keys=True),
        json.dumps({k: new.get(k) for k in keys}, sort_keys=True),
    )


def test_the_record_of_a_0006_store_reads_the_same_after_the_upgrade(
    alembic_runner: Any, alembic_engine: Engine, backend_empty_url: str
) -> None:
    alembic_runner.migrate_up_to("0006")
    with alembic_engine.begin() as connection:
        write_0006(connection)
    before = shown_0006(alembic_engine)
    assert len(before) == 8
    alembic_runner.migrate_up_to("heads")
    store = services.open_store(backend_empty_url, create=False)
    trail = services.audit_trail(store, indicator=CODE)
    after = sorted(
        said(e.at, e.actor, e.origin, e.action, e.entity, e.entity_id, e.before, e.after)
        for e in trail
    )
    assert after == before
    # The values now read from the chain: only the undo and the correction it undid (which no
    # row can hold: 0006 made the old value current again) are still audit events.
    with alembic_engine.connect() as connection:
        kept = connection.execute(
            sa.text("SELECT action, entity_id FROM audit_event WHERE entity = 'observation'")
        ).all()
        sets = connection.execute(
            sa.text(
                "SELECT origin, interface, actor, person, file_name FROM change_set ORDER BY id"
            )
        ).all()
    assert sorted(tuple(k) for k in kept) == [("correct", "4"), ("withdraw", "4")]
    assert [tuple(s) for s in sets] == [
        ("import", "cli", "zhao", None, "january.csv"),
        ("correct", "cli", "root", "钱", None),
        ("edit", "tui", "root", "钱", None),
        ("flag", "tui", "root", "钱", None),
        ("unflag", "cli", "root", "钱", None),
        ("correct", "cli", "root", "钱", None),
        ("withdraw", "tui", "root", "钱", None),
    ]
    store.engine.dispose()
    # Down again: 0006's events are back, each stamped as before.
    alembic_runner.migrate_down_to("0006")
    assert [s[:6] for s in shown_0006(alembic_engine)] == [s[:6] for s in before]
