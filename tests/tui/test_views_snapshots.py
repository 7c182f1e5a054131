"""Snapshots of the views coordinators asked for, at a laptop's 80x24 and at 120x40, in both
languages (regenerate with --snapshot-update, then read the SVGs)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from textual.widgets import DataTable, Input

from tests.tui.conftest import settle
from tracker.storage.engine import make_engine
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
LANGS = ["zh", "en"]
QUOTE = "今年中欧班列(沈阳)开行数量力争突破900列"


async def not_reported(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("down", "down")
    await settle(pilot)


async def as_of_dialog(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("D")
    await settle(pilot)


async def export_dialog(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("E")
    await settle(pilot)
    # The default is a path in the current folder: a name of its own keeps the picture fixed.
    pilot.app.screen.query_one("#prompt-value", Input).value = "indicators-2025-12-31.xlsx"
    await pilot.pause()


async def filters_dialog(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)


async def source_viewer(pilot: Any) -> None:
    await settle(pilot)
    app = pilot.app
    app.push_screen(IndicatorDetailScreen("SY-OPEN-CRE-TRAINS"))
    await settle(pilot)
    table = app.screen.query_one("#observations", DataTable)
    keys = [str(k.value) for k in table.rows]
    wanted = next(o for o in app.screen.view.observations if o.quote == QUOTE)
    table.move_cursor(row=keys.index(str(wanted.id)))
    await pilot.press("o")
    await settle(pilot)
    # The viewer scrolls to the quote once its paragraphs have their places: the picture is
    # taken once it has scrolled (the quote is paragraph 24 of 44) and the document's height
    # and the scroll stop changing.
    scroll, seen = app.screen.query_one("#source-text"), None
    for _ in range(60):
        now = (scroll.virtual_size, scroll.scroll_y)
        if now == seen and scroll.scroll_y > 0:
            break
        seen = now
        await pilot.pause(0.05)


VIEWS = {
    "not_reported": not_reported,
    "as_of_dialog": as_of_dialog,
    "export_dialog": export_dialog,
    "filters_dialog": filters_dialog,
    "source_viewer": source_viewer,
}


@pytest.fixture
def fixed_times(db_url: str) -> None:
    """Every write stamped at one moment, so that the audit lines shown stay the same."""
    engine = make_engine(db_url, create=False)
    with engine.begin() as connection:
        for table in ("audit_event", "change_set"):
            connection.execute(sa.text(f"UPDATE {table} SET at = '2025-01-02 09:30:00.000000'"))
    engine.dispose()


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_view(
    app_for, fixed_times, snap_compare, view: str, lang: str, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(lang=lang), terminal_size=size, run_before=VIEWS[view])
