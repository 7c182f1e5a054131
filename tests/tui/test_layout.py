"""Every dialog and the detail view usable at 80x24: buttons and keys in view, the chart
folded on demand, the observations' quotes readable; the header names store and user."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.errors import NoWidget
from textual.widgets import Button, DataTable, Input, Static

from tests.tui.conftest import rows, settle
from tests.tui.test_record import PLANS, actuals, go_to
from tracker.tui.screens.confirm_dialog import ConfirmDialog
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.screens.indicator_dialog import IndicatorDialog
from tracker.tui.screens.observation_dialog import ObservationDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.widgets.trajectory_plot import TrajectoryPlot
from tracker.tui.words import store_word, title_word

SMALL, LARGE = (80, 24), (120, 40)


def footer_fits(app) -> bool:  # type: ignore[no-untyped-def]
    """Whether every key the footer shows is drawn whole and none over another (the palette's
    key is docked right: a row of keys too long runs under it)."""
    regions = [key.region for key in app.screen.query("FooterKey")]
    inside = all(app.screen.region.contains_region(region) for region in regions)
    return inside and not any(
        a.overlaps(b) for i, a in enumerate(regions) for b in regions[i + 1 :]
    )


def on_screen(app, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the widget is drawn whole inside the terminal (not scrolled or clipped away)."""
    try:
        geometry = app.screen.find_widget(app.screen.query_one(selector))
    except NoWidget:  # not drawn at all
        return False
    drawn = geometry.region.intersection(geometry.clip)  # what its containers let show
    return drawn == geometry.region and bool(drawn.height)


async def test_the_edit_form_keeps_save_and_cancel_in_view_at_80x24(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, PLANS)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDialog)
        assert on_screen(app, "#save") and on_screen(app, "#cancel")
        keys = str(app.screen.query_one(".dialog-keys", Static).render())
        assert "ctrl+s" in keys and "保存" in keys
        # The last field, reached with tab, is scrolled into view; the buttons stay.
        app.screen.query_one("#responsible", FormField).input.focus()
        await settle(pilot)
        assert on_screen(app, "#responsible-input")
        assert on_screen(app, "#save") and on_screen(app, "#cancel")


async def test_a_form_in_a_very_short_terminal_scrolls_and_still_saves(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=(80, 10)) as pilot:
        await go_to(pilot, PLANS)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ObservationDialog)
        assert on_screen(app, "#save")
        await pilot.press(*"25", "tab", *"2025-11-30")
        app.screen.query_one("#note", FormField).input.focus()
        await pilot.press(*"核对")
        await settle(pilot)
        assert on_screen(app, "#note-input") and on_screen(app, "#save")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ObservationDialog)
    assert ("2025-11-30", "25", "current") in actuals(db_url, PLANS)


async def test_the_detail_view_at_80x24_folds_the_chart_and_shows_the_quotes(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "DL-TRANS-AIRPORT-PAX")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        plot = app.screen.query_one(TrajectoryPlot)
        assert not plot.display
        table = app.screen.query_one("#observations", DataTable)
        # Rows of observations are on screen, not only the header.
        assert table.row_count and table.region.height >= 4 and on_screen(app, "#observations")
        quote = str(app.screen.query_one("#observation-text", Static).render())
        assert "原文" in quote and on_screen(app, "#observation-text")
        # The footer names the chart key, and every key it shows is drawn whole.
        keys = list(app.screen.query("FooterKey"))
        assert "图表" in [key.description for key in keys] and footer_fits(app)
        await pilot.press("g")
        await settle(pilot)
        assert plot.display and on_screen(app, "#plot")
        assert on_screen(app, "#observations")
        await pilot.press("g")
        await settle(pilot)
        assert not plot.display


async def test_the_detail_view_at_120x40_shows_the_chart_and_longer_quotes(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=LARGE) as pilot:
        await go_to(pilot, "DL-TRANS-AIRPORT-PAX")
        await pilot.press("enter")
        await settle(pilot)
        plot = app.screen.query_one(TrajectoryPlot)
        assert plot.display and plot.region.width >= 50 and plot.region.height >= 14
        table = app.screen.query_one("#observations", DataTable)
        assert table.region.height >= 8


async def test_the_header_names_the_store_and_the_user(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        store = db_url.rsplit("/", 1)[-1]
        assert app.title.endswith(f"tester@{store}")
        header = app.screen.query_one("HeaderTitle").render()
        assert f"tester@{store}" in str(header)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_browse_header_and_footer_fit_80_columns(app_for, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        # The header's title, store, user and judging date, drawn whole.
        title = app.screen.query_one("HeaderTitle")
        shown = str(title.render())
        assert app.screen.sub_title in shown and "2025-12-31" in shown
        assert cell_len(shown) <= title.region.width
        assert len(app.screen.query("FooterKey")) >= 8 and footer_fits(app)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_detail_footer_fits_80_columns(app_for, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "DL-TRANS-AIRPORT-PAX")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        assert len(app.screen.query("FooterKey")) >= 8 and footer_fits(app)


async def test_every_filter_comes_into_view_when_it_has_the_focus_at_80x24(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for selector in ("#department", "#flagged", "#stale", "#attention", "#search"):
            app.screen.query_one(selector).focus()
            await settle(pilot)
            assert on_screen(app, selector), selector


async def test_a_period_to_come_is_asked_about_and_no_saves_nothing(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()  # judged as of 2025-12-31
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, PLANS)
        await pilot.press("r", *"30", "tab", *"2026-06", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "2026-06" in app.screen.body and "2025-12-31" in app.screen.body
        assert on_screen(app, "#yes") and on_screen(app, "#no")
        await pilot.click("#no")
        await settle(pilot)
        assert isinstance(app.screen, ObservationDialog)  # back to the form, as typed
        assert app.screen.query_one("#period", FormField).value == "2026-06"
        await pilot.press("escape")
        await settle(pilot)
    assert not [a for a in actuals(db_url, PLANS) if a[0] == "2026-06"]


async def test_a_quarter_of_an_annual_indicator_is_asked_about_then_saved(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, PLANS)  # annual
        await pilot.press("r", *"30", "tab", *"2025Q3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "年度" in app.screen.body and "2025Q3" in app.screen.body
        await pilot.click("#yes")
        await settle(pilot)
    assert ("2025Q3", "30", "current") in actuals(db_url, PLANS)


async def test_a_newer_month_of_an_annual_indicator_is_saved_unasked(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, PLANS)  # latest actual 2025-05-26: a later month is shown
        await pilot.press("r", *"30", "tab", *"2025-10", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
    assert ("2025-10", "30", "current") in actuals(db_url, PLANS)


async def test_a_month_older_than_the_latest_annual_figure_is_asked_about(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, PLANS)  # latest actual 2025-05-26: the row would keep it
        await pilot.press("r", *"30", "tab", *"2025-03", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#no")
        await pilot.press("escape")


async def test_dialog_buttons_in_english_at_80x24(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "SY-INNO-TECH-SMES")
        await pilot.press("t")
        await settle(pilot)
        assert on_screen(app, "#save")
        assert str(app.screen.query_one("#save", Button).label) == "Save"
        assert "ctrl+s save" in str(app.screen.query_one(".dialog-keys", Static).render())


async def test_c_does_not_clear_the_table_filters(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, PLANS)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == PLANS
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == ""


def targets(url: str, code: str) -> list[tuple[str, str, str | None]]:
    return rows(
        url,
        "SELECT o.period, o.state, o.source_doc FROM observation o JOIN indicator i"
        " ON i.id = o.indicator_id WHERE i.code = :code AND o.kind = 'target' ORDER BY o.id",
        code=code,
    )


async def test_a_chart_with_nothing_to_draw_starts_folded_even_when_tall(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=LARGE) as pilot:
        await go_to(pilot, "COAST-GOV-COOPERATION")  # a task: no figure to plot
        await pilot.press("enter")
        await settle(pilot)
        plot = app.screen.query_one(TrajectoryPlot)
        assert not plot.display
        await pilot.press("g")  # asked for, it shows (saying there is nothing yet)
        await settle(pilot)
        assert plot.display


async def test_a_form_shrunk_with_the_terminal_keeps_its_buttons(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=LARGE) as pilot:
        await go_to(pilot, PLANS)
        await pilot.press("e")
        await settle(pilot)
        await pilot.resize_terminal(80, 14)
        await settle(pilot)
        assert on_screen(app, "#save") and on_screen(app, "#cancel")
        await pilot.resize_terminal(*LARGE)
        await settle(pilot)
        assert on_screen(app, "#save") and on_screen(app, "#responsible-input")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("tracker.db", "tracker.db"),
        ("sqlite:////srv/data/liaoning.db", "liaoning.db"),
        ("postgresql+psycopg://alice:secret@db.example:5433/tracker", "db.example:5433/tracker"),
        ("postgresql+psycopg://alice@/tracker?host=/run/postgresql", "/run/postgresql/tracker"),
    ],
)
def test_the_store_is_named_by_its_file_or_its_host_and_database(url: str, shown: str) -> None:
    assert store_word(url) == shown
    assert "secret" not in title_word("zh", url=url, actor="alice")
