"""The target form takes every target the seed holds: a bound such as 突破900 (`>`) and an open
commitment (no deadline) open in it, and saving keeps what the person did not change: the
comparator, the open deadline and the programme that set the target."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from tests.tui.conftest import SIZE, rows, settle
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.observation_dialog import ObservationDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.widgets.indicator_table import IndicatorTable

BOUND = "SY-OPEN-CRE-TRAINS"  # target: 突破900列 in 2024, a strict lower bound
OPEN = "SY-INNO-TECH-SMES"  # target: 9000家, no deadline (an open commitment)


def targets(url: str, code: str) -> list[tuple[str, str, str | None, str, str | None]]:
    return rows(
        url,
        "SELECT o.period, o.value, o.comparator, o.state, o.programme FROM observation o"
        " JOIN indicator i"
        " ON i.id = o.indicator_id WHERE i.code = :code AND o.kind = 'target' ORDER BY o.id",
        code=code,
    )


async def open_target_form(pilot, code: str) -> ObservationDialog:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("slash")
    pilot.app.screen.query_one("#search", Input).value = code
    await pilot.press("enter")
    assert pilot.app.screen.query_one(IndicatorTable).current.code == code
    await pilot.press("t")
    dialog = pilot.app.screen
    assert isinstance(dialog, ObservationDialog)
    return dialog


async def test_a_strict_bound_opens_with_its_comparator_and_keeps_it(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_target_form(pilot, BOUND)
        assert dialog.query_one("#comparator", Select).value == ">"
        await pilot.press("ctrl+u", *"950", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert targets(db_url, BOUND) == [
        ("2024", "900", ">", "superseded", "R001"),
        ("2024", "950", ">", "current", "R001"),  # still the programme's
    ]


async def test_an_open_commitment_is_saved_without_a_deadline(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_target_form(pilot, OPEN)
        period = dialog.query_one("#period", FormField)
        assert period.value == "" and not period.invalid
        said = str(period.query_one(".form-message", Static).render())
        assert "开放承诺" in said or "open commitment" in said
        await pilot.press("ctrl+u", *"9500", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.query_one(IndicatorTable).current.target.value == 9500
    assert targets(db_url, OPEN) == [
        ("", "9000", ">=", "superseded", "R001"),
        ("", "9500", ">=", "current", "R001"),
    ]


async def test_an_actual_still_needs_its_period(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await open_target_form(pilot, OPEN)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r", *"100", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ObservationDialog)
        assert dialog.query_one("#period", FormField).invalid
    assert targets(db_url, OPEN) == [("", "9000", ">=", "current", "R001")]
