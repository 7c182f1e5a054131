"""Not reported this period: which figure each indicator owes by a date, and who owes it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.tui.conftest import scalar
from tracker import services
from tracker.domain.vocab import Frequency
from tracker.services.reporting_due import due_period, not_reported

CODE = "SY-OPEN-CRE-TRAINS"  # annual, 沈阳, no actual in the seed


@pytest.mark.parametrize(
    ("day", "monthly", "quarterly", "annual"),
    [
        (date(2025, 12, 1), "2025-11", "2025Q3", "2024"),
        (date(2025, 12, 31), "2025-12", "2025Q4", "2025"),
        (date(2025, 3, 31), "2025-03", "2025Q1", "2024"),
        (date(2025, 1, 15), "2024-12", "2024Q4", "2024"),
        (date(2024, 2, 29), "2024-02", "2023Q4", "2023"),
        (date(2025, 2, 28), "2025-02", "2024Q4", "2024"),
        (date(2025, 6, 29), "2025-05", "2025Q1", "2024"),
    ],
)
def test_the_period_due_is_the_latest_whole_period_ended(
    day: date, monthly: str, quarterly: str, annual: str
) -> None:
    assert str(due_period(Frequency.MONTHLY, day)) == monthly
    assert str(due_period(Frequency.QUARTERLY, day)) == quarterly
    assert str(due_period(Frequency.ANNUAL, day)) == annual
    assert due_period(Frequency.ONCE, day) is None


def codes(store: services.Store, day: date, region: str | None = None) -> set[str]:
    return {item.code for item in not_reported(store, as_of=day, region=region)}


def test_an_annual_figure_is_owed_until_reported(store: services.Store) -> None:
    day = date(2026, 3, 1)
    owed = {item.code: item for item in not_reported(store, as_of=day, region="沈阳")}
    assert owed[CODE].due.text == "2025" and owed[CODE].last_reported is None
    services.record(store, code=CODE, value="1200", period="2024", actor="t", origin="test")
    owed = {item.code: item for item in not_reported(store, as_of=day, region="沈阳")}
    assert owed[CODE].last_period == "2024" and owed[CODE].last_reported == date(2024, 12, 31)
    services.record(store, code=CODE, value="1300", period="2025", actor="t", origin="test")
    assert CODE not in codes(store, day, "沈阳")
    # A year later the next year's figure is owed again.
    assert CODE in codes(store, date(2027, 1, 10), "沈阳")


def test_a_monthly_indicator_owes_last_month_and_a_year_to_date_figure_pays_it(
    store: services.Store,
) -> None:
    services.edit_indicator(
        store, code=CODE, fields={"frequency": "monthly"}, actor="t", origin="test"
    )
    day = date(2025, 12, 15)
    owed = {item.code: item for item in not_reported(store, as_of=day)}
    assert owed[CODE].due.text == "2025-11"
    services.record(store, code=CODE, value="800", period="2025-10", actor="t", origin="test")
    assert CODE in codes(store, day)
    services.record(
        store, code=CODE, value="900", period="2025-01..2025-11", actor="t", origin="test"
    )
    assert CODE not in codes(store, day)


def test_a_region_lists_its_own_indicators_and_those_below_it(store: services.Store) -> None:
    day = date(2025, 12, 31)
    tieling = not_reported(store, as_of=day, region="铁岭")
    assert tieling and {item.region_code for item in tieling} <= {"TL", "TL-TLX"}
    assert codes(store, day, "铁岭") < codes(store, day)


def test_indicators_reported_once_and_closed_programmes_owe_nothing(
    store: services.Store,
) -> None:
    day = date(2026, 12, 1)
    board = {s.row.code: s for s in services.read_status_board(store, as_of=day).statuses}
    owed = codes(store, day)
    once = {c for c, s in board.items() if s.row.frequency is Frequency.ONCE}
    closed = {c for c, s in board.items() if s.verdict.status is services.Status.CLOSED}
    assert once and closed
    assert not owed & once and not owed & closed
    with_closed = {i.code for i in not_reported(store, as_of=day, include_closed=True)}
    assert with_closed & (closed - once)


def test_a_value_held_for_checking_is_counted_beside_the_gap(store: services.Store) -> None:
    # The seed holds one value of this indicator for checking: it was reported, not verified.
    held = scalar(
        store.url,
        "SELECT count(*) FROM observation o JOIN indicator i ON i.id = o.indicator_id"
        " WHERE i.code = 'SY-GOV-E-PRESCRIPTIONS' AND o.quarantine IS NOT NULL"
        " AND o.state = 'current'",
    )
    owed = {item.code: item for item in not_reported(store, as_of=date(2025, 12, 31))}
    assert held == 1 and owed["SY-GOV-E-PRESCRIPTIONS"].held == 1
    assert all(item.held == 0 for code, item in owed.items() if code != "SY-GOV-E-PRESCRIPTIONS")
