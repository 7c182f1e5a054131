"""The database keeps the record (revision 0009): what coordinators write by raw SQL, as their
own login roles, lands in a change set naming them; history, change sets and audit events
cannot be rewritten; versions cannot be skipped; the tracker's own writes still work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from tests.conftest import dump
from tests.pg.conftest import Coordinator
from tests.pg.test_region_access import first_code, version_of
from tracker import services
from tracker.errors import ConflictError
from tracker.storage import mutations, queries
from tracker.storage.engine import writing

pytestmark = pytest.mark.postgres

FORGED_AT = datetime(2000, 1, 1, tzinfo=UTC)
# A raw value of an indicator, as a coordinator would type it into psql.
INSERT_VALUE = (
    "INSERT INTO observation (indicator_id, kind, period, precision, period_end, value, source,"
    " quote, note, entered_by, entered_at, state{extra}) VALUES (%(indicator)s, 'actual', %(p)s,"
    " 'year', %(end)s, 7, '', '', '', 'someone else', %(at)s, 'current'{marks}) RETURNING id"
)


@contextmanager
def raw(url: str) -> Iterator[psycopg.Connection[Any]]:
    """A psycopg connection as the role behind `url`: one transaction, committed at the end of
    the block unless it raised."""
    parsed = sa.make_url(url)
    with psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname=parsed.database,
    ) as connection:
        yield connection


def refusal(url: str, statement: str, params: dict[str, Any] | None = None) -> str:
    """Run `statement` alone as the role behind `url`; the database's refusal (it must refuse)."""
    with raw(url) as connection:
        with pytest.raises(psycopg.Error) as refused:
            connection.execute(statement, params)
        connection.rollback()
    return str(refused.value).splitlines()[0]


def one(url: str, query: str, params: dict[str, Any] | None = None) -> tuple[Any, ...]:
    """The one row `query` returns, read as the role behind `url`."""
    with raw(url) as connection:
        row = connection.execute(query, params).fetchone()
    assert row is not None, query
    return tuple(row)


def raw_rows(url: str, query: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows `query` returns, read as the role behind `url`."""
    with raw(url) as connection:
        return [tuple(row) for row in connection.execute(query, params)]


def indicator_id(store: services.Store, code: str) -> int:
    """The id of the indicator coded `code`."""
    with store.engine.connect() as connection:
        found = connection.execute(sa.text("SELECT id FROM indicator WHERE code = :c"), {"c": code})
        return int(found.scalar_one())


def insert_value(connection: psycopg.Connection[Any], indicator: int, **extra: Any) -> int:
    """Insert an actual for 2031 by raw SQL, with a forged author and time; its id."""
    statement = INSERT_VALUE.format(
        extra="".join(f", {name}" for name in extra),
        marks="".join(f", %({name})s" for name in extra),
    )
    params = {"indicator": indicator, "p": "2031", "end": "2031-12-31", "at": FORGED_AT, **extra}
    row = connection.execute(statement, params).fetchone()
    assert row is not None
    return int(row[0])


def test_a_raw_insert_of_a_value_is_recorded_in_a_change_set_naming_the_role(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl = coordinators["tieling"]
    code = first_code(admin_store, "TL")
    version = version_of(admin_store, code)
    with raw(tl.url) as connection:
        new = insert_value(connection, indicator_id(admin_store, code))
    actor, origin, interface, at, entered_at = one(
        admin_store.url,
        "SELECT c.actor, c.origin, c.interface, c.at, o.entered_at FROM observation o"
        " JOIN change_set c ON c.id = o.written_in WHERE o.id = %(id)s",
        {"id": new},
    )
    assert (actor, origin, interface) == (tl.role, "sql", "sql")
    assert entered_at == at != FORGED_AT
    assert version_of(admin_store, code) == version + 1


def test_a_forged_actor_or_time_is_overwritten_by_the_database(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    """Even the administrator, who may insert a change set directly, cannot choose its author,
    time or transaction; a coordinator's function call names their own role."""
    tl = coordinators["tieling"]
    admin = sa.make_url(admin_store.url).username
    with raw(admin_store.url) as connection:
        forged = connection.execute(
            "INSERT INTO change_set (actor, at, origin, interface, txid)"
            " VALUES (%(who)s, %(at)s, 'record', 'cli', 1) RETURNING id, txid_current()",
            {"who": tl.role, "at": FORGED_AT},
        ).fetchone()
    assert forged is not None
    actor, at, txid = one(
        admin_store.url,
        "SELECT actor, at, txid FROM change_set WHERE id = %(id)s",
        {"id": forged[0]},
    )
    assert (actor, txid) == (admin, forged[1]) and at != FORGED_AT
    with raw(tl.url) as connection:
        opened = connection.execute(
            "SELECT tracker_open_change_set('record', 'cli', '张三', NULL, NULL, NULL)"
        ).fetchone()
    assert opened is not None
    assert one(
        admin_store.url,
        "SELECT actor, person FROM change_set WHERE id = %(id)s",
        {"id": opened[0]},
    ) == (tl.role, "张三")


def test_history_cannot_be_rewritten_nor_deleted(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl = coordinators["tieling"]
    code = first_code(admin_store, "TL")
    with raw(tl.url) as connection:
        value = insert_value(connection, indicator_id(admin_store, code))
    before = dump(admin_store.url)
    target = {"id": value}
    for statement in (
        "UPDATE observation SET value = 8 WHERE id = %(id)s",
        "UPDATE observation SET entered_by = 'nobody', note = 'changed' WHERE id = %(id)s",
        "UPDATE observation SET written_in = written_in - 1 WHERE id = %(id)s",
        "DELETE FROM observation WHERE id = %(id)s",
    ):
        assert refusal(tl.url, statement, target)
    assert dump(admin_store.url) == before
    # Withdrawn by raw SQL: the move is one of the role's `sql` change set, and it counts as a
    # change of the indicator. A value out of current never comes back.
    version = version_of(admin_store, code)
    with raw(tl.url) as connection:
        connection.execute("UPDATE observation SET state = 'withdrawn' WHERE id = %(id)s", target)
    withdrawn = dump(admin_store.url)
    assert one(
        admin_store.url,
        "SELECT o.state, c.actor, c.origin FROM observation o"
        " JOIN change_set c ON c.id = o.superseded_in WHERE o.id = %(id)s",
        target,
    ) == ("withdrawn", tl.role, "sql")
    assert version_of(admin_store, code) == version + 1
    assert "not a move the record allows" in refusal(
        tl.url, "UPDATE observation SET state = 'current' WHERE id = %(id)s", target
    )
    # Nor does the administrator rewrite or delete it.
    for statement in (
        "UPDATE observation SET value = 9 WHERE id = %(id)s",
        "DELETE FROM observation WHERE id = %(id)s",
    ):
        assert refusal(admin_store.url, statement, target)
    assert dump(admin_store.url) == withdrawn


def test_change_sets_and_audit_events_cannot_be_written_or_changed_directly(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    province = coordinators["province"]
    code = first_code(admin_store, "TL")
    services.flag(admin_store, code=code, reason="进度滞后", actor="admin", origin="cli")
    before = dump(admin_store.url)
    assert before["audit_event"] and before["change_set"]
    for statement in (
        "INSERT INTO change_set (actor, origin, interface) VALUES ('someone', 'record', 'cli')",
        "UPDATE change_set SET actor = 'someone'",
        "DELETE FROM change_set",
        "INSERT INTO audit_event (at, actor, origin, action, entity, entity_id, change_set_id)"
        " SELECT now(), 'someone', 'cli', 'update', 'indicator', 'X', max(id) FROM change_set",
        "UPDATE audit_event SET actor = 'someone'",
        "DELETE FROM audit_event",
    ):
        assert refusal(province.url, statement)
    for statement in ("UPDATE change_set SET actor = 'someone'", "DELETE FROM audit_event"):
        assert "never changed" in refusal(admin_store.url, statement)
    assert dump(admin_store.url) == before


def test_no_role_writes_into_another_roles_or_another_transactions_change_set(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl, province = coordinators["tieling"], coordinators["province"]
    indicator = indicator_id(admin_store, first_code(admin_store, "TL"))
    with raw(province.url) as connection:
        theirs = connection.execute(
            "SELECT tracker_open_change_set('record', 'cli', NULL, NULL, NULL, NULL)"
        ).fetchone()
    with raw(tl.url) as connection:
        mine_earlier = connection.execute(
            "SELECT tracker_open_change_set('record', 'cli', NULL, NULL, NULL, NULL)"
        ).fetchone()
    assert theirs is not None and mine_earlier is not None
    before = dump(admin_store.url)
    for change_set in (theirs[0], mine_earlier[0]):
        with raw(tl.url) as connection:
            with pytest.raises(psycopg.Error, match="not one this transaction"):
                insert_value(connection, indicator, written_in=change_set)
            connection.rollback()
            with pytest.raises(psycopg.Error, match="not one this transaction"):
                connection.execute(
                    "SELECT tracker_record_audit(%(c)s, 'cli', 'update', 'indicator', 'X', NULL,"
                    " NULL, NULL)",
                    {"c": change_set},
                )
            connection.rollback()
    with raw(tl.url) as connection:  # nor describes, in their own, a region they may not write
        with pytest.raises(psycopg.Error, match="may not write"):
            connection.execute(
                "SELECT tracker_record_audit(tracker_open_change_set('edit', 'cli', NULL, NULL,"
                " NULL, NULL), 'cli', 'update', 'indicator', %(sy)s, %(sy)s, NULL, NULL)",
                {"sy": first_code(admin_store, "SY")},
            )
        connection.rollback()
    assert dump(admin_store.url) == before
    with raw(tl.url) as connection:  # one opened in the same transaction is theirs to use
        mine = connection.execute(
            "SELECT tracker_open_change_set('record', 'cli', NULL, NULL, NULL, NULL)"
        ).fetchone()
        assert mine is not None
        new = insert_value(connection, indicator, written_in=mine[0])
    written = "SELECT written_in FROM observation WHERE id = %(id)s"
    assert one(admin_store.url, written, {"id": new}) == (mine[0],)


CLOSE_MAY = (
    "INSERT INTO period_close (region_code, period, period_start, period_end{column})"
    " VALUES ('TL', '2025-05', '2025-05-01', '2025-05-31'{mark}) RETURNING id"
)


def test_a_closing_names_a_change_set_of_the_province_role_that_closed_it(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    """A closing or reopening by raw SQL lands in the role's `sql` change set; one naming
    another role's change set is refused."""
    tl, province = coordinators["tieling"], coordinators["province"]
    with raw(tl.url) as connection:
        theirs = connection.execute(
            "SELECT tracker_open_change_set('period-close', 'cli', NULL, NULL, NULL, NULL)"
        ).fetchone()
    assert theirs is not None
    named = CLOSE_MAY.format(column=", closed_in", mark=", %(c)s")
    assert "not one this transaction" in refusal(province.url, named, {"c": theirs[0]})
    with raw(province.url) as connection:
        closing = connection.execute(CLOSE_MAY.format(column="", mark="")).fetchone()
        assert closing is not None
    with raw(province.url) as connection:
        connection.execute(
            "UPDATE period_close SET reopened_in = NULL WHERE id = %(id)s", {"id": closing[0]}
        )
    closed, reopened = (
        one(
            admin_store.url,
            "SELECT c.actor, c.origin FROM period_close p"
            f" JOIN change_set c ON c.id = p.{column} WHERE p.id = %(id)s",
            {"id": closing[0]},
        )
        for column in ("closed_in", "reopened_in")
    )
    assert closed == reopened == (province.role, "sql")
    assert "never changed" in refusal(admin_store.url, "DELETE FROM period_close")


def test_a_raw_update_of_an_indicator_or_flag_bumps_the_version_and_is_recorded(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl = coordinators["tieling"]
    code = first_code(admin_store, "TL")
    store = tl.store()
    services.flag(store, code=code, reason="进度滞后", actor=tl.role, origin="cli")
    seen = version_of(admin_store, code)
    with raw(tl.url) as connection:
        # Setting the version back, as a client hiding its change would, does not stick.
        connection.execute(
            "UPDATE indicator SET name = name || '（改）', version = %(v)s WHERE code = %(c)s",
            {"v": seen, "c": code},
        )
        connection.execute(
            "UPDATE flag SET reason = '已整改' WHERE cleared_at IS NULL AND indicator_id ="
            " (SELECT id FROM indicator WHERE code = %(c)s)",
            {"c": code},
        )
        for statement in (
            "INSERT INTO indicator_department (indicator_id, department_id, role, position)"
            " SELECT i.id, (SELECT min(id) FROM department), 'lead', 9 FROM indicator i"
            " WHERE i.code = %(c)s",
            "DELETE FROM indicator_department WHERE position = 9 AND indicator_id ="
            " (SELECT id FROM indicator WHERE code = %(c)s)",
        ):
            assert connection.execute(statement, {"c": code}).rowcount == 1
    assert version_of(admin_store, code) == seen + 1
    with raw(admin_store.url) as connection:
        events = connection.execute(
            "SELECT e.entity, e.before::jsonb, e.after::jsonb, c.actor, c.origin, c.interface"
            " FROM audit_event e JOIN change_set c ON c.id = e.change_set_id"
            " WHERE e.indicator_code = %(c)s AND e.origin = 'sql' ORDER BY e.id",
            {"c": code},
        ).fetchall()
    assert [(e[0], e[3], e[4], e[5]) for e in events] == [
        ("indicator", tl.role, "sql", "sql"),
        ("flag", tl.role, "sql", "sql"),
        ("indicator_department", tl.role, "sql", "sql"),
        ("indicator_department", tl.role, "sql", "sql"),
    ]
    (_, name_before, name_after, *_), (_, flag_before, flag_after, *_) = events[:2]
    linked, unlinked = events[2:]
    assert linked[1] is None and linked[2]["position"] == 9
    assert unlinked[1] == linked[2] and unlinked[2] is None
    assert name_after["name"] == name_before["name"] + "（改）"
    assert (flag_before["reason"], flag_after["reason"]) == ("进度滞后", "已整改")
    # Someone who opened the indicator before the raw change is told of a conflict.
    with pytest.raises(ConflictError):
        services.record(
            store,
            code=code,
            value="5",
            period="2030",
            actor=tl.role,
            origin="cli",
            expected_version=seen,
        )
    store.engine.dispose()


def test_the_trackers_own_writes_still_work_as_a_coordinator_and_name_the_role(
    coordinators: dict[str, Coordinator], admin_store: services.Store, tmp_path: Path
) -> None:
    """Record, correct, withdraw, flag and import as 铁岭's coordinator, giving another name:
    each write is one change set naming the login role (the name given stays beside it), none
    is taken for raw SQL, and each moves the version by exactly one."""
    tl = coordinators["tieling"]
    code = first_code(admin_store, "TL")
    store = tl.store()
    start = version_of(admin_store, code)
    for value in ("40", "45"):
        services.record(store, code=code, value=value, period="2030", actor="张三", origin="cli")
    first, second = (
        row[0]
        for row in raw_rows(
            admin_store.url,
            "SELECT id FROM observation WHERE period = '2030' AND indicator_id ="
            " (SELECT id FROM indicator WHERE code = %(c)s) ORDER BY id",
            {"c": code},
        )
    )
    with writing(store.engine) as session:
        mutations.withdraw_observation(
            session=session,
            ctx=services.context("张三", "cli"),
            indicator=queries.get_indicator(session=session, code=code),
            observation_id=second,
        )
    services.flag(store, code=code, reason="进度滞后", actor="张三", origin="cli")
    path = tmp_path / "values.csv"
    path.write_text(f"indicator,kind,period,value\n{code},actual,2029,12\n", encoding="utf-8")
    assert services.import_file(store, path, actor="张三", accept_outliers=True).new == 1
    store.engine.dispose()
    assert version_of(admin_store, code) == start + 5
    with raw(admin_store.url) as connection:
        change_sets = connection.execute(
            "SELECT actor, person, origin FROM change_set WHERE id >="
            " (SELECT written_in FROM observation WHERE id = %(first)s) ORDER BY id",
            {"first": first},
        ).fetchall()
        rows = connection.execute(
            "SELECT o.state, w.origin, s.origin FROM observation o"
            " JOIN change_set w ON w.id = o.written_in"
            " LEFT JOIN change_set s ON s.id = o.superseded_in"
            " WHERE o.id IN (%(a)s, %(b)s) ORDER BY o.id",
            {"a": first, "b": second},
        ).fetchall()
        events = connection.execute(
            "SELECT e.entity, e.actor, c.origin FROM audit_event e"
            " JOIN change_set c ON c.id = e.change_set_id WHERE e.indicator_code = %(c)s"
            " AND c.id >= (SELECT written_in FROM observation WHERE id = %(first)s)",
            {"c": code, "first": first},
        ).fetchall()
    assert change_sets == [
        (tl.role, "张三", origin) for origin in ("record", "correct", "withdraw", "flag", "import")
    ]
    assert rows == [("superseded", "record", "correct"), ("withdrawn", "correct", "withdraw")]
    assert events == [("flag", f"{tl.role} (张三)", "flag")]
