"""Language switching (remembered), the dashboard, the help screen and the command palette."""

from __future__ import annotations

import json

from textual.widgets import Static

from tests.seed_figures import indicator_codes, on_board
from tests.tui.conftest import SIZE, settle
from tracker import services
from tracker.domain.status_board import needs_attention
from tracker.tui import table_row
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.widgets.heat_table import HeatTable
from tracker.tui.widgets.indicator_table import IndicatorTable
from tracker.tui.widgets.status_counts import StatusCounts


def footer_words(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.binding.description for a in app.screen.active_bindings.values()}


async def test_language_switch_is_remembered(app_for, config_dir) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.lang == "zh"
        table = app.screen.query_one(IndicatorTable)
        assert "状态" in table.render_line(0).text and "记录" in footer_words(app)
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert "Status" in table.render_line(0).text
        assert "Record" in footer_words(app) and "记录" not in footer_words(app)
        board = len(on_board())
        assert f"Showing {board} of {board}" in app.screen.query_one(StatusCounts).render().plain
        counts = app.screen.query_one(StatusCounts).render().plain
        assert "achieved" in counts and "滞后" not in counts and "已达成" not in counts
        # Names in English where there is one, and the explanation too.
        await pilot.press("slash", *"airport", "enter")
        assert "Airport passenger" in table.render_line(1).text
        assert "target" in str(app.screen.query_one("#current", Static).render()).lower()
    assert json.loads((config_dir / "settings.json").read_text())["lang"] == "en"

    again = app_for(lang=None)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.lang == "en"
        assert "Status" in again.screen.query_one(IndicatorTable).render_line(0).text
        await pilot.press("l")
    assert json.loads((config_dir / "settings.json").read_text())["lang"] == "zh"


async def test_detail_view_in_both_languages(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"SY-OPEN-CRE-TRAINS", "enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IndicatorDetailScreen)
        verdict = screen.query_one("#verdict").render().plain
        assert "逾期未报" in verdict and "期限" in verdict
        plot = screen.query_one("#plot").render().plain
        assert "◆" in plot and "实际值" in plot  # a target marker and the legend
        await pilot.press("l")
        await pilot.pause()
        verdict = screen.query_one("#verdict").render().plain
        assert "not reported" in verdict and "deadline" in verdict
        tab = screen.query_one("TabbedContent").get_tab("tab-observations")
        assert "Observations" in str(tab.label)
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_dashboard_cell_filters_the_table(app_for, store) -> None:  # type: ignore[no-untyped-def]
    services.flag(store, code="SYMC-ECO-GOOD-AIR-DAYS", reason="核对", actor="t", origin="test")
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        heat = dashboard.query_one(HeatTable)
        # It counts what the table shows: closed programmes' indicators stay off it, and so
        # does the 2016 plan's Shenyang Economic Zone, whose every indicator is closed.
        assert heat.counts[(None, None)][1] == len(on_board())
        assert "SYEZ" not in [r[0] for r in heat.regions]
        dalian_transport = [
            r
            for r in app.screen_stack[0].rowset.rows
            if (r.row.pillar.code, r.row.region.code) == ("transport", "DL")
            and not table_row.closed(r)
        ]
        expected = len(dalian_transport)
        attention, total = heat.counts[("transport", "DL")]
        assert total == expected and attention == sum(needs_attention(r) for r in dalian_transport)
        worst = dashboard.query_one("#worst", IndicatorTable).rows
        assert worst and worst[0].code == "SYMC-ECO-GOOD-AIR-DAYS"  # flagged first
        row = [p[0] for p in heat.pillars].index("transport")
        column = [r[0] for r in heat.regions].index("DL")
        heat.move_cursor(row=row, column=column)
        await pilot.pause()
        assert dashboard.query_one(StatusCounts).shown == expected
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        shown = app.screen.query_one(IndicatorTable).rows
        assert len(shown) == expected
        assert all(r.row.pillar.code == "transport" and r.row.region.code == "DL" for r in shown)
        assert app.screen.selection.pillar == "transport"


async def test_the_dashboard_counts_closed_programmes_once_x_shows_them(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", "d")
        await pilot.pause()
        heat = app.screen.query_one(HeatTable)
        assert heat.counts[(None, None)][1] == len(indicator_codes())
        closed = len(indicator_codes(region="沈阳经济区"))
        assert closed and heat.counts[(None, "SYEZ")][1] == closed
        everything = len(heat.pillars)  # the last row: every pillar
        heat.move_cursor(row=everything, column=[r[0] for r in heat.regions].index("SYEZ"))
        await pilot.pause()
        assert app.screen.query_one(StatusCounts).shown == closed
        await pilot.press("enter")
        await pilot.pause()
        # The chosen cell filters the table, which still shows the closed programmes.
        assert isinstance(app.screen, BrowseScreen)
        shown = app.screen.query_one(IndicatorTable).rows
        assert len(shown) == closed and all(table_row.closed(r) for r in shown)


async def test_help_lists_the_keys_of_every_screen(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {key for key, _ in app.screen.entries}
        assert {"/", "enter", "r", "t", "f", "ctrl+z", "escape", "?", "ctrl+p", "d", "a"} <= keys
        assert ("r", "记录") in app.screen.entries
        await pilot.press("l")
        await pilot.pause()
        assert ("r", "Record") in app.screen.entries
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_every_key_is_in_the_command_palette(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        words = ("记录", "改目标", "标记", "改指标", "撤销", "需关注", "总览", "排序列", "帮助")
        assert set(words) <= titles
        dashboard = next(c for c in app.get_system_commands(app.screen) if c.title == "总览")
        await dashboard.callback()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_detail_lists_a_tasks_deliverables(app_for, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    task = "SYMC-TRANS-SHENBAI-HSR-PROGRESS"
    path = tmp_path / "ms.csv"
    path.write_text(
        "indicator,deliverable,state,period,source_doc,quote,note\n"
        f"{task},沈白高铁,开工,2021-06,,开工建设,\n{task},沈白高铁,通车,2025-09,,建成通车,\n",
        encoding="utf-8",
    )
    services.import_file(store, path, actor="t", origin="test")
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *task, "enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IndicatorDetailScreen)
        await pilot.press("4")
        await pilot.pause()
        table = screen.query_one("#deliverables")
        assert table.row_count == 2
        cells = [table.get_row_at(i) for i in range(2)]
        # Cells are text as written, never read as markup.
        assert [str(c[1]) for c in cells] == ["开工", "建成"]
        assert "交付项" in str(screen.query_one("TabbedContent").get_tab("tab-deliverables").label)
