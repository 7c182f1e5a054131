"""Recording values: what people type is understood, bad input is explained and nothing is
saved until it is valid, odd values are confirmed first; targets and definitions are edited."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Input, Select, Static

from tests.conftest import dump
from tests.tui.conftest import SIZE, notes_of, rows, scalar, settle
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.confirm_dialog import ConfirmDialog
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.screens.indicator_dialog import IndicatorDialog
from tracker.tui.screens.observation_dialog import ObservationDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.widgets.indicator_table import IndicatorTable

PLANS = "SYMC-PLAN-SPECIAL-PLANS"  # unit 个, latest actual 21


def actuals(url: str, code: str) -> list[tuple[str, str, str]]:
    return rows(
        url,
        "SELECT o.period, o.value, o.state FROM observation o JOIN indicator i"
        " ON i.id = o.indicator_id WHERE i.code = :code AND o.kind = 'actual' ORDER BY o.id",
        code=code,
    )


async def go_to(pilot, code: str) -> None:  # type: ignore[no-untyped-def]
    """Search for `code` (pasted into the search box) and put the cursor on it."""
    await settle(pilot)
    await pilot.press("slash")
    pilot.app.screen.query_one("#search", Input).value = code
    await pilot.press("enter")
    assert pilot.app.screen.query_one(IndicatorTable).current.code == code


async def fill(pilot, value: str, period: str) -> None:  # type: ignore[no-untyped-def]
    """Type a value and a period into the open value form."""
    await pilot.press(*value, "tab", *period)


async def test_record_a_value_typed_with_full_width_digits(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, PLANS)
        await pilot.press("r")
        assert isinstance(app.screen, ObservationDialog)
        await fill(pilot, "２５", "2025年6月")
        value = app.screen.query_one("#value", FormField)
        assert not value.invalid
        assert "25" in str(value.query_one(".form-message", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        row = app.screen.query_one(IndicatorTable).current
        assert (row.code, row.actual_value, row.actual_period) == (PLANS, Decimal(25), "2025-06")
        assert "25 2025-06" in app.screen.query_one(IndicatorTable).render_line(1).text
    assert ("2025-06", "25", "current") in actuals(db_url, PLANS)
    assert scalar(db_url, "SELECT actor FROM change_set ORDER BY id DESC LIMIT 1") == "tester"


async def test_invalid_input_is_explained_and_nothing_is_saved(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_url)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, PLANS)
        await pilot.press("r")
        await fill(pilot, "abc", "2025-13")
        value = app.screen.query_one("#value", FormField)
        period = app.screen.query_one("#period", FormField)
        assert value.invalid and "“abc”不是数字" in str(
            value.query_one(".form-message", Static).render()
        )
        assert period.invalid and "月份 13 不在 1-12 之间" in str(
            period.query_one(".form-message", Static).render()
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ObservationDialog)  # still open: nothing was saved
        assert "请先更正" in str(app.screen.query_one("#form-error", Static).render())
        # A percentage into a count, and an empty period, are refused too.
        assert app.focused is value.input  # the first field to fix
        await pilot.press("ctrl+u", *"87.5%", "tab", "ctrl+u")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ObservationDialog)
        assert value.invalid and "是百分数,但单位是 个" in str(
            value.query_one(".form-message", Static).render()
        )
        assert period.invalid
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert dump(db_url) == before


async def test_units_and_magnitudes_are_converted(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        # 亿元 indicator: 3亿 is 3 (hundred-million yuan); 1,613 is read with its separator.
        await go_to(pilot, "LN-PLAT-EQUITY-EXCH-SERVICE-CONTRACTS")
        await pilot.press("r")
        await fill(pilot, "3亿", "2025-06-30")
        await pilot.press("enter")
        await settle(pilot)
        await go_to(pilot, "DL-TRANS-AIRPORT-PAX")
        await pilot.press("r")
        await fill(pilot, "1,700", "2025")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert ("2025-06-30", "3", "current") in actuals(
        db_url, "LN-PLAT-EQUITY-EXCH-SERVICE-CONTRACTS"
    )
    assert ("2025", "1700", "current") in actuals(db_url, "DL-TRANS-AIRPORT-PAX")


async def test_a_ten_fold_jump_asks_for_confirmation(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_url)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, PLANS)
        await pilot.press("r")
        await fill(pilot, "6.1万", "2025")  # 61,000 plans against 21: surely a mistake
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "61,000" in app.screen.body and "变化了 2905 倍" in app.screen.body
        await pilot.press("escape")  # no: back to the form, with what was typed
        await settle(pilot)
        assert isinstance(app.screen, ObservationDialog)
        assert app.screen.query_one("#value", FormField).value == "6.1万"
        assert dump(db_url) == before
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert ("2025", "61000", "current") in actuals(db_url, PLANS)


async def test_a_percentage_above_100_asks_for_confirmation(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "SY-ECO-LIAOHE-UPGRADE-PROGRESS")
        await pilot.press("r")
        await fill(pilot, "187.5%", "2025-11")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "100" in app.screen.body
        await pilot.click("#no")
        await pilot.press("escape")
        await settle(pilot)
    assert not [a for a in actuals(db_url, "SY-ECO-LIAOHE-UPGRADE-PROGRESS") if a[0] == "2025-11"]


async def test_correct_an_observation_from_the_detail_view(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "DL-TRANS-AIRPORT-PAX")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        await pilot.press("c")  # the highlighted observation: the 1,613 actual
        assert isinstance(app.screen, ObservationDialog)
        assert app.screen.query_one("#value", FormField).value == "1613"
        await pilot.press("ctrl+u", *"1614", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        states = {(o.value, o.state.value) for o in app.screen.view.observations}
        assert (Decimal(1613), "superseded") in states and (Decimal(1614), "current") in states
        # The superseded one is shown, greyed.
        table = app.screen.query_one("#observations")
        styles = [table.get_row_at(i)[2].style for i in range(table.row_count)]
        assert "dim strike" in styles and "" in styles
    states = {(v, s) for _, v, s in actuals(db_url, "DL-TRANS-AIRPORT-PAX")}
    assert states == {("1613", "superseded"), ("1614", "current")}


async def test_edit_the_target(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    code = "SY-INNO-TECH-SMES"  # target >= 9000, an open commitment (no deadline given)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, code)
        await pilot.press("t")
        dialog = app.screen
        assert isinstance(dialog, ObservationDialog)
        assert dialog.query_one("#value", FormField).value == "9000"
        assert dialog.query_one("#period", FormField).value == ""
        await pilot.press("ctrl+u", *"9500")
        dialog.query_one("#comparator", Select).value = "="
        dialog.query_one("#period", FormField).input.focus()
        await pilot.press("ctrl+u", *"2026")
        await pilot.press("enter")
        await settle(pilot)
        row = app.screen.query_one(IndicatorTable).current
        assert (row.target_comparator, row.target_value, row.target_period) == ("=", 9500, "2026")
    targets = rows(
        db_url,
        "SELECT o.period, o.value, o.comparator, o.state FROM observation o JOIN indicator i"
        " ON i.id = o.indicator_id WHERE i.code = :code AND o.kind = 'target' ORDER BY o.id",
        code=code,
    )
    # The commitment given a deadline supersedes the open one.
    assert targets == [("", "9000", ">=", "superseded"), ("2026", "9500", "=", "current")]


async def test_edit_the_definition(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    code = "SY-INNO-TECH-SMES"
    app = app_for()
    notes = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, code)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, IndicatorDialog)
        await pilot.press("ctrl+u", "enter")  # an empty name is refused next to the field
        assert dialog.query_one("#name", FormField).invalid
        await pilot.press(*"科技型中小企业数量")
        dialog.query_one("#frequency", Select).value = "quarterly"
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        row = app.screen.query_one(IndicatorTable).current
        assert (row.name, row.frequency) == ("科技型中小企业数量", "quarterly")
    assert any("已保存" in n for n in notes)
    assert (
        scalar(db_url, "SELECT name FROM indicator WHERE code = :c", c=code) == "科技型中小企业数量"
    )
    assert scalar(db_url, "SELECT frequency FROM indicator WHERE code = :c", c=code) == "quarterly"
    assert (
        scalar(
            db_url,
            "SELECT action FROM audit_event WHERE indicator_code = :c ORDER BY id DESC",
            c=code,
        )
        == "update"
    )
