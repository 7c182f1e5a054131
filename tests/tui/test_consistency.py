"""One meaning per key and per word: markers explained, stale and past-deadline told apart,
values echoed as stored, a target's new deadline in its audit line, its document kept, and a
chart of one level labelled once."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Select, Static

from tests.tui.conftest import notes_of, settle
from tests.tui.test_layout import SMALL, targets
from tests.tui.test_record import PLANS, go_to
from tracker.tui.screens.confirm_dialog import ConfirmDialog
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.screens.observation_dialog import ObservationDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.widgets.trajectory_plot import TrajectoryPlot
from tracker.tui.widgets.verdict_line import VerdictLine

EVENTS = "SYMC-CULT-PROMOTION-EVENTS"  # target 2024 >= 8, from a source document


async def test_the_help_explains_every_marker(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-text", Static).content)
        text = console.export_text()
        for line in ("⚑ 已被标记", "⏲ 逾期未达成", "⧗ 久未更新"):
            assert line in text
        assert "ctrl+l" in text  # the key that clears the filters, now that c corrects


async def test_stale_and_past_deadline_are_words_that_differ(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "COAST-TRANS-CONTAINER-ROUTES")  # stale: nothing since 2023
        await pilot.press("enter")
        await settle(pilot)
        verdict = str(app.screen.query_one(VerdictLine).render())
        assert "⧗ 久未更新" in verdict and "过期" not in verdict


async def test_the_toast_echoes_the_value_as_stored(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        notes = notes_of(app)
        await go_to(pilot, PLANS)
        await pilot.press("r", *"２３０", "tab", *"2025-11-30", "enter")
        await settle(pilot)
        if isinstance(app.screen, ConfirmDialog):  # ten times the last figure: asked first
            await pilot.click("#yes")
            await settle(pilot)
        saved = [n for n in notes if n.startswith("已保存")]
        assert saved and "230" in saved[0] and "２３０" not in saved[0]


async def test_a_new_deadline_shows_in_the_audit_and_the_document_is_kept(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    before = targets(db_url, EVENTS)
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, EVENTS)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        dialog = app.screen
        assert isinstance(dialog, ObservationDialog)
        assert dialog.query_one("#period", FormField).value == "2024"
        assert dialog.query_one("#document", Select).value is Select.NULL  # as the form shows
        dialog.query_one("#period", FormField).input.focus()
        await pilot.press("ctrl+u", *"2026", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        await pilot.press("3")
        await settle(pilot)
        audit = app.screen.query_one("#audit", DataTable)
        newest = " ".join(str(cell) for cell in audit.get_row_at(0))
        assert "2026" in newest and "原为 2024 8" in newest
    (old_period, _, document), *_ = before
    after = {period: (state, doc) for period, state, doc in targets(db_url, EVENTS)}
    assert old_period == "2024" and document
    assert after["2024"] == ("superseded", document)
    assert after["2026"] == ("current", document)


class PlotApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TrajectoryPlot(id="plot")


async def test_a_single_point_chart_is_labelled_once_without_an_exponent() -> None:
    app = PlotApp()
    async with app.run_test(size=(60, 14)) as pilot:
        plot = app.query_one(TrajectoryPlot)
        plot.show_plot(actuals=[(date(2024, 12, 31), 106000.0)], path=[], targets=[])
        await pilot.pause()
        text = str(plot.render())
        assert text.count("106,000") == 1 and "e+" not in text


async def test_a_chart_labels_its_highest_and_lowest_values() -> None:
    app = PlotApp()
    async with app.run_test(size=(60, 14)) as pilot:
        plot = app.query_one(TrajectoryPlot)
        points = [(date(2022, 12, 31), 1613.0), (date(2024, 12, 31), 2400.0)]
        plot.show_plot(actuals=points, path=[], targets=[])
        await pilot.pause()
        text = str(plot.render())
        assert "1,613┤" in text and "2,400┤" in text
