"""Flagging with a required reason, clearing with a note, and undoing this session's changes."""

from __future__ import annotations

from textual.widgets import Input, RadioButton

from tests.tui.conftest import SIZE, notes_of, rows, settle
from tracker import services
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.clear_flag_dialog import ClearFlagDialog
from tracker.tui.screens.flag_dialog import FlagDialog
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.widgets.form_field import FormField
from tracker.tui.widgets.indicator_table import IndicatorTable

CODE = "SY-INNO-TECH-SMES"


def flags(url: str) -> list[tuple[str, str, str | None, str | None]]:
    return rows(
        url,
        "SELECT f.level, f.reason, f.cleared_by, f.clear_note FROM flag f JOIN indicator i"
        " ON i.id = f.indicator_id WHERE i.code = :code ORDER BY f.id",
        code=CODE,
    )


def audit(url: str, code: str = CODE) -> list[tuple[str, str, str, str]]:
    """The indicator's record as `tracker audit` reads it, oldest first: action, entity, who,
    from where."""
    store = services.open_store(url, create=False)
    found = services.audit_trail(store, indicator=code)
    store.engine.dispose()
    return [(e.action, e.entity, e.actor, e.origin) for e in reversed(found)]


async def go_to(pilot, code: str = CODE) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("slash")
    pilot.app.screen.query_one("#search", Input).value = code
    await pilot.press("enter")


async def test_flag_needs_a_reason_then_clear_with_a_note(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot)
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, FlagDialog)
        await pilot.press("enter")  # no reason yet
        assert isinstance(app.screen, FlagDialog)
        assert dialog.query_one("#reason", FormField).invalid
        assert flags(db_url) == []
        await pilot.click("#level-watch")
        assert dialog.query_one("#level-watch", RadioButton).value
        dialog.query_one("#reason", FormField).input.focus()
        await pilot.press(*"进度偏慢", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        row = app.screen.query_one(IndicatorTable).current
        assert row.flagged and row.flag_reason == "进度偏慢"
        assert app.screen.query_one(IndicatorTable).render_line(1).text.startswith("⚑")
        assert flags(db_url) == [("watch", "进度偏慢", None, None)]

        await pilot.press("f")  # flagged: f now clears, with a note
        assert isinstance(app.screen, ClearFlagDialog)
        await pilot.press("enter")
        assert app.screen.query_one("#note", FormField).invalid
        await pilot.press(*"已督办", "enter")
        await settle(pilot)
        assert not app.screen.query_one(IndicatorTable).current.flagged
    assert flags(db_url) == [("watch", "进度偏慢", "tester", "已督办")]
    assert [a[:2] for a in audit(db_url)[-2:]] == [("flag", "flag"), ("unflag", "flag")]


async def test_undo_a_recorded_value_is_a_new_audited_change(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    notes = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "DL-TRANS-AIRPORT-PAX")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("c", "ctrl+u", *"1620", "enter")  # correct 1,613 to 1,620
        await settle(pilot)
        assert app.screen.row.actual_value == 1620
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        assert app.screen.row.actual_value == 1613  # the corrected value is back in force
        states = {(str(o.value), o.state.value) for o in app.screen.view.observations}
        # History stays as it was: the old value comes back as a copy written by the revert.
        assert states == {("1613", "current"), ("1613", "superseded"), ("1620", "withdrawn")}
        await pilot.press("3")  # the audit tab shows the correction and its revert
        audit_table = app.screen.query_one("#audit")
        actions = [str(audit_table.get_row_at(i)[3]) for i in range(3)]
        assert actions == ["恢复", "撤回", "更正"]  # restore, withdraw, correct, in Chinese
        await pilot.press("ctrl+z")  # nothing more from this session
    assert any("撤销" in n for n in notes) and any("没有可撤销" in n for n in notes)
    observations = rows(
        db_url,
        "SELECT o.value, o.state FROM observation o JOIN indicator i ON i.id = o.indicator_id"
        " WHERE i.code = 'DL-TRANS-AIRPORT-PAX' ORDER BY o.id",
    )
    assert observations == [("1613", "superseded"), ("1620", "withdrawn"), ("1613", "current")]
    assert audit(db_url, "DL-TRANS-AIRPORT-PAX")[-3:] == [
        ("correct", "observation", "tester", "tui"),
        ("withdraw", "observation", "tester", "tui"),
        ("restore", "observation", "tester", "tui"),
    ]


async def test_undo_a_flag_then_a_target_change_last_first(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot)
        await pilot.press("t", "ctrl+u", *"9900", "enter")
        await settle(pilot)
        await pilot.press("f", *"慢", "enter")
        await settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        assert table.current.flagged and table.current.target_value == 9900
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert not table.current.flagged and table.current.target_value == 9900
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert table.current.target_value == 9000
    flagged_in = rows(
        db_url,
        "SELECT change_set_id FROM audit_event WHERE action = 'flag' AND indicator_code = :c",
        c=CODE,
    )[0][0]
    assert flags(db_url) == [("off_track", "慢", "tester", f"revert of change set {flagged_in}")]
    assert [a[0] for a in audit(db_url)][-5:] == [
        "correct",
        "flag",
        "unflag",
        "withdraw",
        "restore",
    ]


async def test_a_change_that_can_no_longer_be_undone_is_dropped(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    from tests.tui.conftest import other_editor

    app = app_for()
    notes = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot)
        await pilot.press("f", *"慢", "enter")
        await settle(pilot)
        # A colleague clears that flag: undoing the raise is no longer possible.
        services.unflag(
            other_editor(db_url),
            origin=services.TUI_ORIGIN,
            code=CODE,
            note="已处理",
            actor="colleague",
            expected_version=None,
        )
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.changes == []
        await pilot.press("ctrl+z")
    assert any("无法撤销" in n for n in notes) and any("没有可撤销" in n for n in notes)
    assert flags(db_url) == [("off_track", "慢", "colleague", "已处理")]
