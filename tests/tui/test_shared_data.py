"""Shared data stays true: another coordinator's change shows up by itself, and saving over it
is never silent - the user sees it and chooses."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Static

from tests.tui.conftest import SIZE, other_editor, rows, settle
from tracker import services
from tracker.domain.vocab import FlagLevel
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.conflict_dialog import ConflictDialog
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.screens.observation_dialog import ObservationDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.widgets.indicator_table import IndicatorTable

CODE = "SY-INNO-TECH-SMES"  # a target of 9,000 by 2025, no actual yet


def actuals(url: str) -> list[tuple[str, str, str, str]]:
    return rows(
        url,
        "SELECT o.period, o.value, o.state, o.entered_by FROM observation o JOIN indicator i"
        " ON i.id = o.indicator_id WHERE i.code = :code AND o.kind = 'actual' ORDER BY o.id",
        code=CODE,
    )


async def open_form(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("slash")
    pilot.app.screen.query_one("#search", Input).value = "SY-INNO-TECH"
    await pilot.press("enter", "r")
    assert isinstance(pilot.app.screen, ObservationDialog)


async def test_conflict_shows_the_other_change_and_reapplying_keeps_both(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        # Meanwhile a colleague flags the same indicator from another process.
        colleague = other_editor(db_url)
        services.flag(
            colleague,
            origin=services.TUI_ORIGIN,
            code=CODE,
            level=FlagLevel.WATCH,
            reason="进度需核实",
            actor="colleague",
            expected_version=None,
        )
        await pilot.press(*"8000", "tab", *"2025-06", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        shown = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "colleague" in shown and "进度需核实" in shown
        assert "8000" in shown  # the user's own change, not lost
        assert actuals(db_url) == []  # nothing written yet
        await pilot.click("#reapply")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        row = app.screen.query_one(IndicatorTable).current
        assert row.actual_value == 8000 and row.flagged
    assert actuals(db_url) == [("2025-06", "8000", "current", "tester")]
    open_flags = rows(db_url, "SELECT reason FROM flag WHERE cleared_at IS NULL")
    assert open_flags == [("进度需核实",)]


async def test_conflict_discard_keeps_the_other_value(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        services.record(
            other_editor(db_url),
            code=CODE,
            value="7000",
            period="2025-06",
            actor="colleague",
            expected_version=None,
            origin="cli",
        )
        await pilot.press(*"8000", "tab", *"2025-06", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        assert "7000" in " ".join(str(s.render()) for s in app.screen.query(Static))
        await pilot.press("escape")  # discard mine
        await settle(pilot)
        assert app.screen.query_one(IndicatorTable).current.actual_value == 7000
    assert actuals(db_url) == [("2025-06", "7000", "current", "colleague")]


async def test_conflict_edit_again_reopens_the_form_with_what_was_typed(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        services.record(
            other_editor(db_url),
            origin=services.TUI_ORIGIN,
            code=CODE,
            value="7000",
            period="2025-06",
            actor="colleague",
            expected_version=None,
        )
        await pilot.press(*"7100", "tab", *"2025-06", "enter")
        await settle(pilot)
        await pilot.click("#edit")
        await settle(pilot)
        assert isinstance(app.screen, ObservationDialog)
        assert app.screen.query_one("#value", FormField).value == "7100"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert actuals(db_url) == [
        ("2025-06", "7000", "superseded", "colleague"),
        ("2025-06", "7100", "current", "tester"),
    ]


async def wait_until(pilot, condition, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await asyncio.sleep(0.1)
        await pilot.pause()
    raise AssertionError("the screen did not show the change in time")


async def test_another_process_change_shows_up_without_losing_the_place(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for(poll_seconds=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"SY-", "enter", "down", "down")
        table = app.screen.query_one(IndicatorTable)
        shown = [r.code for r in table.rows]
        assert CODE in shown
        table.move_cursor(shown.index(CODE))
        services.record(
            other_editor(db_url),
            code=CODE,
            value="8500",
            period="2025",
            actor="colleague",
            expected_version=None,
            origin="import:other.csv",
        )
        await wait_until(pilot, lambda: table.current.actual_value == 8500)
        assert table.current.code == CODE
        assert [r.code for r in table.rows] == shown  # the same search, the same rows
        assert app.screen.query_one("#search", Input).value == "SY-"
        # The detail view follows changes too.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        services.flag(
            other_editor(db_url),
            origin=services.TUI_ORIGIN,
            code=CODE,
            level=FlagLevel.OFF_TRACK,
            reason="远程标记",
            actor="colleague",
            expected_version=None,
        )
        await wait_until(pilot, lambda: app.screen.row is not None and app.screen.row.flagged)
        assert app.screen.query_one("#flags").row_count == 1


async def test_the_dashboard_counts_again_after_another_process_changes(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for(poll_seconds=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        heat = app.screen.query_one("HeatTable")
        before = heat.counts[(None, None)][0]
        services.flag(
            other_editor(db_url),
            origin=services.TUI_ORIGIN,
            code="SYMC-CULT-TOURISM-ROUTES",
            level=FlagLevel.WATCH,
            reason="核实",
            actor="colleague",
            expected_version=None,
        )
        await wait_until(pilot, lambda: heat.counts[(None, None)][0] == before + 1)
