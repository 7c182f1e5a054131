"""The use-cases the TUI calls, on SQLite and on PostgreSQL: every change is audited, undo
records the opposite change, conflicts name the other change, the marker moves on writes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.seed_figures import indicator_codes, on_board
from tests.storage.checks import who
from tests.tui.conftest import AS_OF, SIZE, settle
from tracker import services
from tracker.domain.vocab import FlagLevel, ObservationState, Status
from tracker.errors import ConflictError, ValidationError
from tracker.tui.app import make_app
from tracker.tui.widgets.indicator_table import IndicatorTable

CODE = "SY-INNO-TECH-SMES"


@pytest.fixture
def store(backend_url: str):  # type: ignore[no-untyped-def]
    opened = services.open_store(backend_url)
    yield opened
    opened.engine.dispose()


def test_browse_rows_carry_periods_and_the_governing_target(store) -> None:  # type: ignore[no-untyped-def]
    items = {i.code: i for i in services.statuses(store, as_of=AS_OF)}
    assert set(items) == indicator_codes()  # closed programmes' too: the faces hide them
    item = items[CODE]
    # An open commitment: a target with no period, so no deadline and no verdict.
    assert (item.target.value, item.row.target_period, item.verdict.status) == (
        Decimal(9000),
        "",
        Status.OPEN,
    )
    assert item.target.deadline is None
    assert item.row.target_id is not None
    routes = items["SYMC-CULT-TOURISM-ROUTES"]
    assert (routes.latest.value, routes.row.latest_period) == (Decimal(108), "2025-05-26")
    view = services.indicator_view(store, CODE, as_of=AS_OF)
    assert view.item.verdict == item.verdict
    assert [o.kind.value for o in view.observations] == ["target"]


def test_record_undo_and_the_audit_trail(store) -> None:  # type: ignore[no-untyped-def]
    marker = services.change_marker(store)
    version = services.indicator_view(store, CODE, as_of=AS_OF).item.row.version
    change = services.record(
        store,
        origin=services.TUI_ORIGIN,
        code=CODE,
        value="8,800",
        period="2025年6月",
        actor="tester",
        expected_version=version,
    )
    assert change is not None and change.version == version + 1
    assert services.change_marker(store) > marker
    assert (
        services.record(
            store,
            origin=services.TUI_ORIGIN,
            code=CODE,
            value="8800",
            period="2025-06",
            actor="tester",
            expected_version=change.version,
        )
        is None
    )  # the same value again changes nothing
    undone = services.revert(
        store,
        change.change_set_id,
        origin=services.TUI_ORIGIN,
        actor="tester",
        expected_version=change.version,
    )
    assert undone.action == "revert"
    view = services.indicator_view(store, CODE, as_of=AS_OF)
    assert [(o.value, o.state) for o in view.observations if o.kind.value == "actual"] == [
        (Decimal(8800), ObservationState.WITHDRAWN)
    ]
    assert [a.action for a in view.audit[:2]] == ["withdraw", "record"]


def test_flag_edit_and_their_undo(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.flag(
            store,
            origin=services.TUI_ORIGIN,
            code=CODE,
            level=FlagLevel.WATCH,
            reason=" ",
            actor="t",
            expected_version=None,
        )
    flagged = services.flag(
        store,
        origin=services.TUI_ORIGIN,
        code=CODE,
        level=FlagLevel.WATCH,
        reason="slow",
        actor="t",
        expected_version=None,
    )
    cleared = services.unflag(
        store,
        origin=services.TUI_ORIGIN,
        code=CODE,
        note="checked",
        actor="t",
        expected_version=flagged.version,
    )
    services.revert(
        store,
        cleared.change_set_id,
        origin=services.TUI_ORIGIN,
        actor="t",
        expected_version=cleared.version,
    )
    view = services.indicator_view(store, CODE, as_of=AS_OF)
    assert [(f.reason, f.cleared_at is None) for f in view.flags] == [
        ("slow", False),
        ("slow", True),
    ]  # the undo raised the same flag again
    edited = services.edit_indicator(
        store,
        origin=services.TUI_ORIGIN,
        code=CODE,
        fields={"name_en": "Tech SMEs"},
        actor="t",
        expected_version=view.item.row.version,
    )
    assert edited is not None and "name_en" in edited.summary
    services.revert(
        store,
        edited.change_set_id,
        origin=services.TUI_ORIGIN,
        actor="t",
        expected_version=edited.version,
    )
    shown = services.indicator_view(store, CODE, as_of=AS_OF).item.row
    assert shown.name_en == "Technology-based SMEs"


def test_a_stale_version_is_refused_and_the_other_change_is_named(store) -> None:  # type: ignore[no-untyped-def]
    version = services.indicator_view(store, CODE, as_of=AS_OF).item.row.version
    seen = services.change_marker(store)[0]
    services.flag(
        store,
        origin=services.TUI_ORIGIN,
        code=CODE,
        level=FlagLevel.OFF_TRACK,
        reason="other",
        actor="colleague",
        expected_version=None,
    )
    with pytest.raises(ConflictError) as caught:
        services.record(
            store,
            origin=services.TUI_ORIGIN,
            code=CODE,
            value="1",
            period="2025",
            actor="me",
            expected_version=version,
        )
    assert "colleague" in str(caught.value) and caught.value.current_version == version + 1
    others = services.changes_since(store, CODE, seen)
    # On PostgreSQL the database names the login role, with the name given beside it.
    author = who(store.url, "colleague")
    assert [(o.actor, o.action, o.summary) for o in others] == [
        (author, "flag", "off_track: other")
    ]


@pytest.mark.postgres
async def test_the_interface_on_postgresql(pg_url, config_dir) -> None:  # type: ignore[no-untyped-def]
    app = make_app(pg_url, lang="en", as_of=date(2025, 12, 31), actor="tester", poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        assert {r.code for r in table.rows} == on_board()
        await pilot.press("slash", *CODE, "enter", "r", *"8500", "tab", *"2025", "enter")
        await settle(pilot)
        assert table.current.code == CODE and table.current.latest.value == 8500
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert table.current.latest is None
