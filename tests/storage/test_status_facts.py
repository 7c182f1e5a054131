"""The set-based status inputs give every indicator the verdict its own detail view gives it."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import services
from tracker.domain.vocab import Kind

CODE = "SYMC-GOV-CROSS-REGION-ITEMS"
OTHER = "SYMC-PLAN-SPECIAL-PLANS"


@pytest.fixture
def varied(store: services.Store) -> services.Store:
    """The seeded store plus figures that test the edges: two actuals ending the same day,
    an actual after the date judged, several targets, a withdrawn-free correction."""
    for code, kind, value, period in (
        (CODE, Kind.ACTUAL, "230", "2025"),
        (CODE, Kind.ACTUAL, "231", "2025-12"),  # ends on the same day as "2025"
        (CODE, Kind.ACTUAL, "260", "2026-09"),  # after some of the dates judged
        (CODE, Kind.TARGET, "300", "2027"),
        (CODE, Kind.TARGET, "280", "2026-06"),
        (CODE, Kind.ACTUAL, "232", "2025-12"),  # a correction: supersedes 231
        (OTHER, Kind.BASELINE, "15", "2022"),
        (OTHER, Kind.TARGET, "30", "2026-06-30"),
    ):
        services.record(
            store, code=code, kind=kind, value=value, period=period, actor="t", origin="test"
        )
    return store


@pytest.mark.parametrize("as_of", [date(2024, 6, 30), date(2025, 12, 31), date(2026, 6, 30)])
def test_every_verdict_matches_the_indicator_view(varied: services.Store, as_of: date) -> None:
    items = services.statuses(varied, as_of=as_of)
    assert len(items) > 100
    for item in items:
        view = services.indicator_view(varied, item.row.code, as_of=as_of)
        assert item.verdict == view.item.verdict, item.row.code


@pytest.mark.parametrize("as_of", [date(2025, 12, 31), date(2026, 6, 30)])
def test_every_browse_row_matches_the_indicator_view(varied: services.Store, as_of: date) -> None:
    items = services.statuses(varied, as_of=as_of)
    assert len(items) > 100
    for item in items:
        shown = services.indicator_view(varied, item.code, as_of=as_of).item
        # The view's facts hold every current observation, the board's only those it needs.
        assert shown.row._replace(facts=item.row.facts) == item.row, item.code
        assert shown.verdict == item.verdict, item.code
        assert shown.baseline == item.baseline, item.code
