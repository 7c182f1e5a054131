"""Closed periods on PostgreSQL, enforced by the database: real login roles writing raw SQL.
Only a province role may close or reopen a period; a value dated in a closed period is refused
by the database itself, whoever writes it, until the period is reopened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tests.conftest import dump
from tests.pg.conftest import Coordinator
from tracker import services
from tracker.errors import PermissionDeniedError

pytestmark = pytest.mark.postgres

CLOSE_JUNE = (
    "INSERT INTO period_close (region_code, period, period_start, period_end, closed_in)"
    " VALUES ('TL', '2025-06', '2025-06-01', '2025-06-30', :change) RETURNING id"
)


@contextmanager
def connected(url: str) -> Iterator[Connection]:
    """A connection of the role behind `url` (a transaction begins with the first statement)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def open_change_set(connection: Connection, origin: str) -> int:
    """A change set of this role and transaction, opened as the database lets a role open one:
    through `tracker_open_change_set` where a revision provides it, else by a plain INSERT."""
    provided = connection.execute(
        sa.text("SELECT 1 FROM pg_proc WHERE proname = 'tracker_open_change_set'")
    ).first()
    if provided is not None:
        found = connection.execute(
            sa.text("SELECT tracker_open_change_set(:origin, 'sql', NULL, NULL, NULL, NULL)"),
            {"origin": origin},
        ).scalar_one()
        return int(found)
    found = connection.execute(
        sa.text(
            "INSERT INTO change_set (actor, origin, interface)"
            " VALUES (session_user, :origin, 'sql') RETURNING id"
        ),
        {"origin": origin},
    ).scalar_one()
    return int(found)


def tieling_indicator(connection: Connection) -> int:
    """The id of an indicator of 铁岭."""
    return int(
        connection.execute(
            sa.text("SELECT min(id) FROM indicator WHERE region_code = 'TL'")
        ).scalar_one()
    )


def insert_actual(connection: Connection, indicator_id: int, month: str, value: int) -> None:
    """A raw INSERT of a current actual for a month, in a change set of its own."""
    year, number = (int(part) for part in month.split("-"))
    end = date(year + number // 12, number % 12 + 1, 1).toordinal() - 1
    change = open_change_set(connection, "sql")
    columns = connection.execute(
        sa.text(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'observation'"
        )
    ).scalars()
    written = ", written_in" if "written_in" in set(columns) else ""
    connection.execute(
        sa.text(
            "INSERT INTO observation (indicator_id, kind, period, precision, period_end, value,"
            f" source, quote, note, entered_by, entered_at, state{written}) VALUES"
            " (:i, 'actual', :period, 'month', :end, :value, '', '', '', session_user, now(),"
            f" 'current'{', :change' if written else ''})"
        ),
        {
            "i": indicator_id,
            "period": month,
            "end": date.fromordinal(end),
            "value": value,
            "change": change,
        },
    )


def test_a_coordinator_cannot_close_or_reopen_a_period_a_province_role_can(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    before = dump(admin_store.url)
    with connected(coordinators["tieling"].url) as connection:
        change = open_change_set(connection, "period-close")
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            connection.execute(sa.text(CLOSE_JUNE), {"change": change})
        connection.rollback()
    assert dump(admin_store.url)["period_close"] == before["period_close"] == []
    with connected(coordinators["province"].url) as connection:
        change = open_change_set(connection, "period-close")
        closing = connection.execute(sa.text(CLOSE_JUNE), {"change": change}).scalar_one()
        connection.commit()
    with connected(coordinators["tieling"].url) as connection:
        change = open_change_set(connection, "period-reopen")
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            connection.execute(
                sa.text("UPDATE period_close SET reopened_in = :change WHERE id = :id"),
                {"change": change, "id": closing},
            )
        connection.rollback()
    with connected(coordinators["province"].url) as connection:
        # Nobody changes what a closing covers, not even a province role.
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            connection.execute(sa.text("UPDATE period_close SET period_end = '2025-12-31'"))
        connection.rollback()
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            connection.execute(sa.text("DELETE FROM period_close"))
        connection.rollback()
    [row] = dump(admin_store.url)["period_close"]
    assert row[1:5] == ("TL", "2025-06", "2025-06-01", "2025-06-30")
    assert row[6] == "None"  # reopened_in: still closed


def test_the_tracker_refuses_a_coordinators_close_and_lets_a_province_role_close(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tieling = coordinators["tieling"].store()
    province = coordinators["province"].store()
    try:
        with pytest.raises(PermissionDeniedError, match="may not close or reopen periods"):
            services.close_period(tieling, period="2025-06", region="铁岭", actor="t", origin="cli")
        assert services.closed_periods(admin_store) == []
        closing = services.close_period(
            province, period="2025-06", region="铁岭", actor="p", origin="cli"
        )
        assert (closing.region_code, closing.period, closing.is_open) == ("TL", "2025-06", True)
        with pytest.raises(PermissionDeniedError, match="may not close or reopen periods"):
            services.reopen_period(
                tieling, period="2025-06", region="铁岭", actor="t", origin="cli"
            )
        [still] = services.closed_periods(admin_store)
        assert still.is_open
    finally:
        tieling.engine.dispose()
        province.engine.dispose()


def test_a_coordinators_raw_insert_into_a_closed_month_is_refused_until_it_is_reopened(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tieling, province = coordinators["tieling"], coordinators["province"]
    with connected(tieling.url) as connection:
        indicator = tieling_indicator(connection)
        insert_actual(connection, indicator, "2025-06", 7)  # written before the closing
        connection.commit()
    with connected(province.url) as connection:
        closing = connection.execute(
            sa.text(CLOSE_JUNE), {"change": open_change_set(connection, "period-close")}
        ).scalar_one()
        connection.commit()
    before = dump(admin_store.url)
    with connected(tieling.url) as connection:
        with pytest.raises(sa.exc.IntegrityError) as refused:
            insert_actual(connection, indicator, "2025-06", 8)
        reason = str(refused.value.orig).splitlines()[0]
        assert "falls in a closed period: period 2025-06 is closed for 铁岭 (TL)" in reason
        assert f"by {province.role} at " in reason and " UTC" in reason
        connection.rollback()
        # The value written before the closing cannot be moved out of `current` either.
        with pytest.raises(sa.exc.IntegrityError, match="may not change: period 2025-06"):
            connection.execute(
                sa.text(
                    "UPDATE observation SET state = 'withdrawn'"
                    " WHERE indicator_id = :i AND period = '2025-06' AND state = 'current'"
                ),
                {"i": indicator},
            )
        connection.rollback()
        # July is open: the refusal was the closing's, not a lack of permission.
        insert_actual(connection, indicator, "2025-07", 9)
        connection.commit()
    after = dump(admin_store.url)
    assert len(after["observation"]) == len(before["observation"]) + 1
    with connected(province.url) as connection:
        connection.execute(
            sa.text("UPDATE period_close SET reopened_in = :change WHERE id = :id"),
            {"change": open_change_set(connection, "period-reopen"), "id": closing},
        )
        connection.commit()
    with connected(tieling.url) as connection:
        insert_actual(connection, indicator, "2025-06", 8)
        connection.commit()
    with connected(admin_store.url) as connection:
        found = connection.execute(
            sa.text(
                "SELECT period, value FROM observation WHERE indicator_id = :i"
                " AND period IN ('2025-06', '2025-07') ORDER BY id"
            ),
            {"i": indicator},
        ).all()
    assert [(p, int(v)) for p, v in found] == [("2025-06", 7), ("2025-07", 9), ("2025-06", 8)]


def test_the_provinces_closing_binds_every_region_below_it(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    province, tieling = coordinators["province"].store(), coordinators["tieling"]
    try:
        services.close_period(province, period="2025H1", region="辽宁省", actor="p", origin="cli")
    finally:
        province.engine.dispose()
    with connected(tieling.url) as connection:
        indicator = tieling_indicator(connection)
        with pytest.raises(sa.exc.IntegrityError, match="period 2025H1 is closed for 辽宁省"):
            insert_actual(connection, indicator, "2025-03", 1)
        connection.rollback()
