"""No role can stop the writers: locks any role may take are not what writers wait for, a
coordinator can hold up only the writers of their own regions, and a write that waits too long
says which role holds the lock."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from tests.conftest import dump
from tests.pg.conftest import Coordinator
from tests.pg.test_region_access import first_code
from tracker import services
from tracker.errors import TrackerError
from tracker.storage import engine as engine_module

pytestmark = pytest.mark.postgres

TIMEOUT_MS = 300


@pytest.fixture(autouse=True)
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 0.3 s lock timeout, so that a writer that would wait gives up quickly."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", TIMEOUT_MS)


@contextmanager
def holding(url: str, *statements: str) -> Iterator[list[str]]:
    """A session of the role behind `url` that ran `statements` (each allowed to fail) and
    keeps its transaction open until the block ends; yields the errors met."""
    engine = sa.create_engine(url)
    errors: list[str] = []
    try:
        with engine.connect() as connection:
            for statement in statements:
                try:
                    with connection.begin_nested():
                        connection.exec_driver_sql(statement)
                except sa.exc.DBAPIError as exc:
                    errors.append(str(exc.orig).splitlines()[0])
            yield errors
            connection.rollback()
    finally:
        engine.dispose()


def timed_record(store: services.Store, code: str, actor: str, value: str = "77") -> float:
    """Record a value and return how long it took."""
    started = time.monotonic()
    assert services.record(store, code=code, value=value, period="2031", actor=actor, origin="t")
    return time.monotonic() - started


def test_a_role_holding_the_old_writers_advisory_lock_stops_nobody(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    reader, tl = coordinators["reader"], coordinators["tieling"]
    with holding(reader.url, "SELECT pg_advisory_lock(1953655666)") as errors:
        assert errors == []
        took = timed_record(tl.store(), first_code(admin_store, "TL"), tl.role)
    assert took < TIMEOUT_MS / 1000


@pytest.mark.parametrize("table", ["observation", "indicator", "flag", "write_gate", "region"])
def test_no_coordinator_can_lock_a_table_writers_need(
    coordinators: dict[str, Coordinator], admin_store: services.Store, table: str
) -> None:
    tl, province, sy = coordinators["tieling"], coordinators["province"], coordinators["shenyang"]
    lock = f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"
    with holding(tl.url, lock) as tl_errors, holding(province.url, lock) as province_errors:
        took = timed_record(sy.store(), first_code(admin_store, "SY"), sy.role)
    assert took < TIMEOUT_MS / 1000
    for errors in (tl_errors, province_errors):
        assert len(errors) == 1 and "permission denied" in errors[0], errors


def regions_under(store: services.Store, top: str) -> set[str]:
    """A region's code and those of every region below it."""
    with store.engine.connect() as connection:
        return set(
            connection.exec_driver_sql(
                "WITH RECURSIVE r(code) AS (SELECT code FROM region WHERE code = %(top)s"
                " UNION SELECT region.code FROM region JOIN r ON region.parent_code = r.code)"
                " SELECT code FROM r",
                {"top": top},
            ).scalars()
        )


def test_a_coordinator_locks_only_the_gates_of_their_regions_and_changes_none(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl = coordinators["tieling"]
    before = dump(admin_store.url)
    engine = sa.create_engine(tl.url)
    with engine.connect() as connection:
        locked = connection.exec_driver_sql(
            "SELECT region_code FROM write_gate ORDER BY region_code FOR UPDATE"
        ).scalars()
        assert set(locked) == regions_under(admin_store, "TL")
        connection.rollback()
        for statement, refusal in (
            ("UPDATE write_gate SET taken = true", "row-level security"),
            ("DELETE FROM write_gate", "permission denied"),
            ("INSERT INTO write_gate (region_code) VALUES ('XX')", "permission denied"),
        ):
            with pytest.raises(sa.exc.ProgrammingError, match=refusal):
                connection.exec_driver_sql(statement)
            connection.rollback()
    engine.dispose()
    assert dump(admin_store.url) == before


def test_a_coordinator_holding_their_gates_delays_only_their_regions_and_is_named(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl, sy, province = coordinators["tieling"], coordinators["shenyang"], coordinators["province"]
    before = dump(admin_store.url)
    with holding(tl.url, "SELECT 1 FROM write_gate FOR UPDATE") as errors:
        assert errors == []
        timed_record(sy.store(), first_code(admin_store, "SY"), sy.role)  # 沈阳 is not delayed
        after_sy = dump(admin_store.url)
        with pytest.raises(TrackerError) as refused:  # the province writes 铁岭 too: it waits
            timed_record(province.store(), first_code(admin_store, "TL"), province.role)
    message = str(refused.value)
    assert f"role {tl.role} (pid " in message and "write_gate" in message, message
    assert "nothing was written" in message and "pg_terminate_backend(" in message
    assert dump(admin_store.url) == after_sy != before


def test_a_write_waiting_on_a_row_lock_names_the_role_that_holds_it(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl, province = coordinators["tieling"], coordinators["province"]
    code = first_code(admin_store, "TL")
    before = dump(admin_store.url)
    with holding(tl.url, f"SELECT * FROM indicator WHERE code = '{code}' FOR UPDATE") as errors:
        assert errors == []
        started = time.monotonic()
        with pytest.raises(TrackerError) as refused:
            timed_record(province.store(), code, province.role)
        waited = time.monotonic() - started
    message = str(refused.value)
    assert f"role {tl.role} (pid " in message and "indicator" in message, message
    assert "idle in transaction" in message or "in a transaction" in message
    assert waited < 10 * TIMEOUT_MS / 1000
    assert dump(admin_store.url) == before


def test_a_table_lock_a_coordinator_may_still_take_holds_readers_briefly_and_is_named(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    """Deleting department links needs DELETE on indicator_department, and with it PostgreSQL
    allows LOCK TABLE: readers and writers then give up after the timeout, naming the role."""
    from datetime import date

    tl, sy = coordinators["tieling"], coordinators["shenyang"]
    code = first_code(admin_store, "SY")
    lock = "LOCK TABLE indicator_department IN ACCESS EXCLUSIVE MODE"
    with holding(tl.url, lock) as errors:
        assert errors == []
        started = time.monotonic()
        with pytest.raises(TrackerError) as refused:
            services.indicator_detail(sy.store(), code, as_of=date(2025, 6, 30))
        waited = time.monotonic() - started
    message = str(refused.value)
    assert f"role {tl.role} (pid " in message and "indicator_department" in message, message
    assert "AccessExclusiveLock" in message and waited < 10 * TIMEOUT_MS / 1000
    assert services.indicator_detail(sy.store(), code, as_of=date(2025, 6, 30))


def test_coordinators_may_update_every_column_but_hold_no_table_wide_update(
    admin_store: services.Store,
) -> None:
    """Column-wide UPDATE keeps LOCK TABLE from them; a column a later revision adds without
    its grant would be one a coordinator cannot change."""
    groups = {
        "tracker_coordinator": ("indicator", "observation", "flag", "milestone"),
        "tracker_province": ("document", "region", "pillar", "programme"),
    }
    with admin_store.engine.connect() as connection:
        for group, tables in groups.items():
            for table in tables:
                columns = [c["name"] for c in sa.inspect(connection).get_columns(table)]
                may = connection.execute(
                    sa.text(
                        "SELECT has_table_privilege(:g, :t, 'UPDATE'),"
                        " bool_and(has_column_privilege(:g, :t, c, 'UPDATE'))"
                        " FROM unnest(CAST(:cs AS text[])) c"
                    ),
                    {"g": group, "t": table, "cs": columns},
                ).one()
                assert tuple(may) == (False, True), (group, table)


def test_writers_who_share_a_region_still_go_one_at_a_time(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    """铁岭's coordinator and the province's write the same figure at once, again and again:
    every write is kept, and one value stays current."""
    import threading

    from sqlmodel import select

    from tracker.domain.models import Indicator, Observation
    from tracker.storage.engine import reading

    code = first_code(admin_store, "TL")
    writers = [coordinators["tieling"], coordinators["province"]]
    failures: list[BaseException] = []
    start = threading.Barrier(len(writers))

    def write(who: Coordinator, offset: int) -> None:
        store = who.store()
        start.wait()
        try:
            for n in range(15):
                services.record(
                    store,
                    code=code,
                    value=str(offset + n),
                    period="2032",
                    actor=who.role,
                    origin="t",
                )
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            store.engine.dispose()

    threads = [threading.Thread(target=write, args=(w, 1000 * i)) for i, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with reading(admin_store.engine) as session:
        indicator = session.exec(select(Indicator).where(Indicator.code == code)).one()
        rows = session.exec(
            select(Observation.state).where(
                Observation.indicator_id == indicator.id, Observation.period == "2032"
            )
        ).all()
    assert len(rows) == 30 and rows.count("current") == 1
