"""Whole-database checks the storage, fault and load tests share: the audit log against the data."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from tracker.storage.engine import make_engine

Rows = dict[str, dict[tuple[str, ...], dict[str, Any]]]


def snapshot(url: str) -> Rows:
    """Every row of every tracker table by primary key, values as text (dialect-neutral)."""
    engine = make_engine(url, create=False)
    result: Rows = {}
    try:
        with engine.connect() as connection:
            metadata = sa.MetaData()
            metadata.reflect(connection)
            for name, table in metadata.tables.items():
                if name == "alembic_version":
                    continue
                keys = [c.name for c in table.primary_key.columns]
                rows: dict[tuple[str, ...], dict[str, Any]] = {}
                for row in connection.execute(sa.select(table)).mappings():
                    plain = {k: None if v is None else str(v) for k, v in row.items()}
                    rows[tuple(plain[k] or "" for k in keys)] = plain
                result[name] = rows
    finally:
        engine.dispose()
    return result


def audit_matches_data(url: str) -> list[str]:
    """Problems with the rule 'every change is recorded, every record names a change'.

    Every observation names the change set that wrote it; a value that left `current` names
    the one that moved it, and a superseded value points at the value that replaced it,
    written in that same change set; a current value names none; no audit event describes an
    observation's value (the rows are the record); every audit event belongs to a change set;
    no (indicator, kind, period) has two current values; every flag has its flag event and
    every cleared flag its unflag event; every indicator has a create event.
    """
    rows = snapshot(url)
    events = list(rows["audit_event"].values())
    sets = {key[0] for key in rows["change_set"]}
    problems: list[str] = []
    for event in events:
        if event["change_set_id"] not in sets:
            problems.append(f"audit event {event['id']} names no change set")
        if event["entity"] == "observation":
            problems.append(f"audit event {event['id']} copies observation {event['entity_id']}")
    observations = rows["observation"]
    for (obs_id,), row in observations.items():
        if row["written_in"] not in sets:
            problems.append(f"observation {obs_id} names no change set that wrote it")
        if row["state"] == "current":
            if row["superseded_in"] is not None:
                problems.append(f"current observation {obs_id} names a change that replaced it")
            continue
        if row["superseded_in"] not in sets:
            problems.append(f"{row['state']} observation {obs_id} names no change that moved it")
        if row["state"] == "superseded":
            newer = row["superseded_by_id"]
            if newer is None or (newer,) not in observations:
                problems.append(f"observation {obs_id} is superseded by a missing row {newer}")
            elif observations[(newer,)]["written_in"] != row["superseded_in"]:
                problems.append(f"observation {newer} replaced {obs_id} in another change set")
    current: dict[tuple[str, str, str], str] = {}
    for (obs_id,), row in observations.items():
        if row["state"] == "current":
            key = (row["indicator_id"], row["kind"], row["period"])
            if key in current:
                problems.append(f"two current values for {key}: {current[key]} and {obs_id}")
            current[key] = obs_id
    flag_events = {(e["action"], e["entity_id"]) for e in events if e["entity"] == "flag"}
    for (flag_id,), row in rows["flag"].items():
        if ("flag", flag_id) not in flag_events:
            problems.append(f"flag {flag_id} has no flag event")
        if row["cleared_at"] is not None and ("unflag", flag_id) not in flag_events:
            problems.append(f"cleared flag {flag_id} has no unflag event")
    indicator_events = {
        e["entity_id"] for e in events if e["entity"] == "indicator" and e["action"] == "create"
    }
    for row in rows["indicator"].values():
        if row["code"] not in indicator_events:
            problems.append(f"indicator {row['code']} has no create event")
    return problems


def same_number(a: str | None, b: str | None) -> bool:
    """Whether two decimal texts are the same number, or both absent (a target with no value,
    such as one relative to another series)."""
    from decimal import Decimal, InvalidOperation

    if a is None or b is None:
        return a is b
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def integrity(path: str) -> tuple[str, list[tuple[Any, ...]]]:
    """SQLite's integrity_check result and any foreign-key violations."""
    import sqlite3

    with sqlite3.connect(path) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        violations = connection.execute("PRAGMA foreign_key_check").fetchall()
    return str(result), violations


def actor_of(url: str, name: str) -> str:
    """The actor a change set of `name`'s write names: the name on SQLite; on PostgreSQL the
    login role, stamped by the database (the name is kept beside it as the person)."""
    return name if url.startswith("sqlite") else str(sa.make_url(url).username)


def who(url: str, name: str) -> str:
    """How a message names the author of `name`'s write: `role (name)` on PostgreSQL."""
    role = actor_of(url, name)
    return name if role == name else f"{role} ({name})"
