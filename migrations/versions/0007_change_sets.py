"""change sets: every write is one, observations name the ones that wrote and superseded them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 14:00:00

A new table `change_set` holds one row per write: who (`actor`, and `person` beside it),
when (the database's clock), from where (`origin` the command, `interface`; an import's file)
and what it reverts. `observation` gains `written_in` and `superseded_in`; `audit_event`
gains `change_set_id`.

Data. Existing audit events are grouped by (actor, origin, at), the stamp one write gave all
its events, into one change set each; `account (person)` actors are split into actor and
person, `import:FILE` origins give the file's name. Observation events are mapped onto their
rows: `written_in` from the event that recorded or corrected the row, `superseded_in` from the
one that superseded or withdrew it. An observation's content never changed after it was
written, so its event holds nothing the row does not, except where a later undo broke the
link: the event of a correction whose old row is no longer linked to the new one, and that
of a withdrawal that made an older value current again, stay in `audit_event`; every other
observation event is removed. Rows no event wrote get one `migrated` change set.

PostgreSQL: coordinators read change sets, may open them (a later revision takes that away in
favour of a function that stamps the role), and update the two new observation columns
(column by column, as 0004 grants).

Downgrade writes the observation events back from the chain (record, correct with the row
it superseded as before, withdraw), stamped with their change sets, then drops the columns
and the table.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ORIGINS = (
    "import",
    "record",
    "correct",
    "withdraw",
    "edit",
    "create",
    "flag",
    "unflag",
    "revert",
    "period-close",
    "period-reopen",
    "seed",
    "migrated",
    "sql",
)
INTERFACES = ("cli", "tui", "sql", "migration")
# What an event's action says of the write it was part of, when its origin does not.
COMMANDS = {
    "record": "record",
    "correct": "correct",
    "withdraw": "withdraw",
    "flag": "flag",
    "unflag": "unflag",
    "create": "create",
    "update": "edit",
}
PERSON = re.compile(r"^(?P<account>.*?) \((?P<person>.*)\)$")
OBSERVATION_FIELDS = (
    "id",
    "indicator_id",
    "kind",
    "period",
    "precision",
    "period_start",
    "period_end",
    "value",
    "comparator",
    "programme",
    "deadline_basis",
    "relative_to",
    "quarantine",
    "source_doc",
    "source",
    "quote",
    "note",
    "entered_by",
    "entered_at",
    "state",
    "superseded_by_id",
)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK written as 0003 writes them (no IN: SQLite builds a table per row for it)."""
    return " OR ".join(f"{column} = '{value}'" for value in values)


def split_actor(actor: str) -> tuple[str, str | None]:
    """`account (person)` as (account, person); a bare account has no person."""
    found = PERSON.match(actor)
    if found is None:
        return actor, None
    return found["account"], found["person"]


def describe(origin: str, actions: set[str]) -> tuple[str, str, str | None]:
    """(command, interface, file name) of a group of events with this origin and actions."""
    interface = "tui" if origin == "tui" else "cli"
    if origin.startswith("import:"):
        return "import", interface, origin.removeprefix("import:") or None
    if origin == "seed":
        return "seed", interface, None
    for action in ("correct", "record", "withdraw", "unflag", "flag", "update", "create"):
        if action in actions:
            return COMMANDS[action], interface, None
    return "edit", interface, None


def upgrade() -> None:
    op.create_table(
        "change_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "at",
            sqlmodel.sql.sqltypes.UTCDateTime(),
            nullable=False,
            server_default=clock(),
        ),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("person", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("interface", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("file_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("reverts_id", sa.Integer(), nullable=True),
        sa.Column("txid", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(one_of("origin", ORIGINS), name=op.f("ck_change_set_origin")),
        sa.CheckConstraint(one_of("interface", INTERFACES), name=op.f("ck_change_set_interface")),
        sa.ForeignKeyConstraint(
            ["reverts_id"], ["change_set.id"], name=op.f("fk_change_set_reverts_id_change_set")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_set")),
    )
    with op.batch_alter_table("change_set") as batch_op:
        batch_op.create_index(batch_op.f("ix_change_set_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_set_reverts_id"), ["reverts_id"], unique=False)
    with op.batch_alter_table("observation") as batch_op:
        batch_op.add_column(sa.Column("written_in", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("superseded_in", sa.Integer(), nullable=True))
    with op.batch_alter_table("audit_event") as batch_op:
        batch_op.add_column(sa.Column("change_set_id", sa.Integer(), nullable=True))

    migrate_events()

    with op.batch_alter_table("observation") as batch_op:
        batch_op.alter_column("written_in", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f("ix_observation_written_in"), ["written_in"])
        batch_op.create_index(batch_op.f("ix_observation_superseded_in"), ["superseded_in"])
        batch_op.create_foreign_key(
            batch_op.f("fk_observation_written_in_change_set"), "change_set", ["written_in"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_observation_superseded_in_change_set"),
            "change_set",
            ["superseded_in"],
            ["id"],
        )
    with op.batch_alter_table("audit_event") as batch_op:
        batch_op.alter_column("change_set_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f("ix_audit_event_change_set_id"), ["change_set_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_audit_event_change_set_id_change_set"),
            "change_set",
            ["change_set_id"],
            ["id"],
        )
    if op.get_bind().dialect.name == "postgresql":
        grant()


def clock() -> sa.TextClause:
    """The database's clock, as the default of `change_set.at`."""
    if op.get_bind().dialect.name == "postgresql":
        return sa.text("now()")
    return sa.text("(strftime('%Y-%m-%d %H:%M:%f000','now'))")


def migrate_events() -> None:
    """Group the audit events into change sets and map observation events onto their rows."""
    bind = op.get_bind()
    groups = bind.execute(
        sa.text(
            "SELECT actor, origin, at, min(id) AS first FROM audit_event"
            " GROUP BY actor, origin, at ORDER BY min(id)"
        )
    ).all()
    for number, (actor, origin, at, _first) in enumerate(groups, start=1):
        actions = set(
            bind.execute(
                sa.text(
                    "SELECT DISTINCT action FROM audit_event"
                    " WHERE actor = :actor AND origin = :origin AND at = :at"
                ),
                {"actor": actor, "origin": origin, "at": at},
            ).scalars()
        )
        command, interface, file_name = describe(origin, actions)
        account, person = split_actor(actor)
        bind.execute(
            sa.text(
                "INSERT INTO change_set (id, at, actor, person, origin, interface, file_name)"
                " VALUES (:id, :at, :actor, :person, :origin, :interface, :file_name)"
            ),
            {
                "id": number,
                "at": at,
                "actor": account[:100],
                "person": person[:100] if person else None,
                "origin": command,
                "interface": interface,
                "file_name": file_name,
            },
        )
        bind.execute(
            sa.text(
                "UPDATE audit_event SET change_set_id = :id"
                " WHERE actor = :actor AND origin = :origin AND at = :at"
            ),
            {"id": number, "actor": actor, "origin": origin, "at": at},
        )
    if bind.dialect.name == "postgresql" and groups:
        op.execute(
            "SELECT setval(pg_get_serial_sequence('change_set', 'id'), (SELECT max(id) FROM"
            " change_set))"
        )
    map_observations(bind)


def map_observations(bind: sa.Connection) -> None:
    """`written_in` and `superseded_in` from the events; what the rows now hold is removed."""
    postgresql = bind.dialect.name == "postgresql"
    text_id = "CAST(o.id AS varchar)" if postgresql else "CAST(o.id AS text)"
    restored = (
        "(e.after::json ->> 'restored')" if postgresql else "json_extract(e.after, '$.restored')"
    )
    old_id = (
        "CAST(e.before::json ->> 'id' AS integer)"
        if postgresql
        else "json_extract(e.before, '$.id')"
    )
    op.execute("CREATE INDEX tmp_audit_event_entity ON audit_event (entity, entity_id)")
    for statement in (
        # The event that wrote the row: its latest record or correct (one per row).
        "UPDATE observation SET written_in = (SELECT max(e.change_set_id) FROM audit_event e"
        " WHERE e.entity = 'observation' AND e.action IN ('record', 'correct')"
        f" AND e.entity_id = {text_id.replace('o.id', 'observation.id')})",
        # A row superseded by another was superseded by the change set that wrote that one.
        "UPDATE observation SET superseded_in = (SELECT n.written_in FROM observation n"
        " WHERE n.id = observation.superseded_by_id)"
        " WHERE state = 'superseded' AND superseded_by_id IS NOT NULL",
        # A withdrawn row, by its latest withdrawal.
        "UPDATE observation SET superseded_in = (SELECT max(e.change_set_id) FROM audit_event e"
        " WHERE e.entity = 'observation' AND e.action = 'withdraw'"
        f" AND e.entity_id = {text_id.replace('o.id', 'observation.id')})"
        " WHERE state = 'withdrawn'",
    ):
        op.execute(statement)
    orphans = bind.execute(
        sa.text(
            "SELECT count(*) FROM observation WHERE written_in IS NULL"
            " OR (state <> 'current' AND superseded_in IS NULL)"
        )
    ).scalar_one()
    if orphans:
        account = migration_account(bind)
        bind.execute(
            sa.text(
                "INSERT INTO change_set (id, actor, origin, interface)"
                " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM change_set), :actor,"
                " 'migrated', 'migration')"
            ),
            {"actor": account},
        )
        if postgresql:
            op.execute(
                "SELECT setval(pg_get_serial_sequence('change_set', 'id'), (SELECT max(id) FROM"
                " change_set))"
            )
        migrated = "(SELECT max(id) FROM change_set)"
        op.execute(f"UPDATE observation SET written_in = {migrated} WHERE written_in IS NULL")
        op.execute(
            f"UPDATE observation SET superseded_in = {migrated}"
            " WHERE state <> 'current' AND superseded_in IS NULL"
        )
    # What the rows hold now. Kept: a correction whose old row is no longer linked to the new
    # one, a withdrawal that made an older value current again, an event whose row is gone.
    held = (
        f"EXISTS (SELECT 1 FROM observation o WHERE {text_id} = e.entity_id AND ("
        "(e.action = 'record' AND o.written_in = e.change_set_id)"
        " OR (e.action = 'correct' AND o.written_in = e.change_set_id AND EXISTS ("
        f"SELECT 1 FROM observation p WHERE p.id = {old_id} AND p.superseded_by_id = o.id))"
        " OR (e.action = 'withdraw' AND o.state = 'withdrawn'"
        f" AND o.superseded_in = e.change_set_id AND {restored} IS NULL)))"
    )
    op.execute(
        f"DELETE FROM audit_event WHERE id IN (SELECT e.id FROM audit_event e WHERE"
        f" e.entity = 'observation' AND {held})"
    )
    op.execute("DROP INDEX tmp_audit_event_entity")


def migration_account(bind: sa.Connection) -> str:
    """Who the migration runs as: the database role, or the operating-system account."""
    if bind.dialect.name == "postgresql":
        return str(bind.execute(sa.text("SELECT session_user")).scalar_one())
    from tracker.config import os_account

    return os_account()


def grant() -> None:
    """Coordinators read change sets and open them; they update the new observation columns
    (UPDATE column by column, as 0004 grants)."""
    bind = op.get_bind()
    schema = '"' + str(bind.execute(sa.text("SELECT current_schema()")).scalar_one()) + '"'
    for statement in (
        f"GRANT SELECT, INSERT ON {schema}.change_set TO tracker_coordinator",
        f"GRANT USAGE ON SEQUENCE {schema}.change_set_id_seq TO tracker_coordinator",
        f"GRANT UPDATE (written_in, superseded_in) ON {schema}.observation TO tracker_coordinator",
    ):
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    write_back_events(bind)
    with op.batch_alter_table("audit_event") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_audit_event_change_set_id_change_set"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_audit_event_change_set_id"))
        batch_op.drop_column("change_set_id")
    with op.batch_alter_table("observation") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_observation_superseded_in_change_set"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_observation_written_in_change_set"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_observation_superseded_in"))
        batch_op.drop_index(batch_op.f("ix_observation_written_in"))
        batch_op.drop_column("superseded_in")
        batch_op.drop_column("written_in")
    with op.batch_alter_table("change_set") as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_set_reverts_id"))
        batch_op.drop_index(batch_op.f("ix_change_set_at"))
    op.drop_table("change_set")


def plain(value: object) -> object:
    """A value as 0006's audit snapshots wrote it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def snapshot(row: sa.Row[Any], **changed: Any) -> dict[str, Any]:
    """An observation row as 0006's audit snapshots held it, with `changed` fields set."""
    return {name: plain(getattr(row, name)) for name in OBSERVATION_FIELDS} | changed


def as_json(data: dict[str, Any] | None) -> str | None:
    """A snapshot as 0006's audit events stored it."""
    if data is None:
        return None
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def write_back_events(bind: sa.Connection) -> None:
    """Write the observation events 0006 kept, from the observation chain and change sets
    (those the upgrade kept are still there)."""
    columns = ", ".join(f"o.{name}" for name in OBSERVATION_FIELDS)
    rows = bind.execute(
        sa.text(
            f"SELECT {columns}, o.written_in, o.superseded_in, i.code AS indicator_code"
            " FROM observation o JOIN indicator i ON i.id = o.indicator_id ORDER BY o.id"
        )
    ).all()
    previous = {row.superseded_by_id: row for row in rows if row.superseded_by_id is not None}
    sets = {
        change.id: change
        for change in bind.execute(
            sa.text("SELECT id, at, actor, person, origin, interface, file_name FROM change_set")
        )
    }
    kept = {
        (str(entity_id), action)
        for entity_id, action in bind.execute(
            sa.text("SELECT entity_id, action FROM audit_event WHERE entity = 'observation'")
        )
    }
    events: list[dict[str, Any]] = []
    fresh = {"state": "current", "superseded_by_id": None}
    for row in rows:
        old = previous.get(row.id)
        if not {(str(row.id), "record"), (str(row.id), "correct")} & kept:
            events.append(
                event(
                    sets[row.written_in],
                    "correct" if old is not None else "record",
                    row,
                    before=snapshot(old, **fresh) if old is not None else None,
                    after=snapshot(row, **fresh),
                )
            )
        if row.state == "withdrawn" and (str(row.id), "withdraw") not in kept:
            events.append(
                event(
                    sets[row.superseded_in],
                    "withdraw",
                    row,
                    before=snapshot(row, **fresh),
                    after=snapshot(row, restored=None),
                )
            )
    if events and bind.dialect.name == "postgresql":
        # Rows written with their ids given leave the sequence behind; the new events follow.
        op.execute(
            "SELECT setval(pg_get_serial_sequence('audit_event', 'id'), max(id))"
            " FROM audit_event HAVING max(id) IS NOT NULL"
        )
    if events:
        bind.execute(
            sa.text(
                "INSERT INTO audit_event (at, actor, origin, action, entity, entity_id,"
                " indicator_code, before, after, change_set_id) VALUES (:at, :actor, :origin,"
                " :action, 'observation', :entity_id, :indicator_code, :before, :after, :cs)"
            ),
            events,
        )


def event(
    change: Any,
    action: str,
    row: sa.Row[Any],
    *,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> dict[str, Any]:
    """One 0006 audit event of an observation, stamped as its change set was."""
    actor = f"{change.actor} ({change.person})" if change.person else change.actor
    if change.origin == "import":
        origin = f"import:{change.file_name or ''}"
    elif change.origin == "seed":
        origin = "seed"
    else:
        origin = change.interface
    return {
        "at": change.at,
        "actor": actor,
        "origin": origin,
        "action": action,
        "entity_id": str(row.id),
        "indicator_code": row.indicator_code,
        "before": as_json(before),
        "after": as_json(after),
        "cs": change.id,
    }
