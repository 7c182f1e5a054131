"""Text in the store cannot attack the terminal the TUI draws on: the table, the line under
it and the detail view show control characters as escapes and markup as text."""

from __future__ import annotations

import sqlalchemy as sa
from textual.widgets import DataTable, Input, Static

from tests.conftest import dump
from tests.tui.conftest import SIZE, notes_of, settle
from tracker.storage.engine import make_engine
from tracker.tui.screens.flag_dialog import FlagDialog
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.widgets.form_field import FormField
from tracker.tui.widgets.indicator_table import IndicatorTable

CODE = "SY-INNO-TECH-SMES"
NAME = "科技\x1b]0;pwned\x07企业\x1b[2J"  # sets the window title, clears the screen
SHOWN = "科技\\x1b]0;pwned\\x07企业\\x1b[2J"
NAME_EN = "[bold red]Tech[/] [link=https://evil.example/]SMEs[/link]"
REASON = "\x1b]8;;https://evil.example/\x1b\\核实\x1b]8;;\x1b\\"


def plant(url: str) -> None:
    """Text that predates the input checks (or came in by another client), straight in."""
    engine = make_engine(url, create=False)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE indicator SET name = :n, name_en = :e WHERE code = :c"),
            {"n": NAME, "e": NAME_EN, "c": CODE},
        )
        (indicator_id,) = connection.execute(
            sa.text("SELECT id FROM indicator WHERE code = :c"), {"c": CODE}
        ).one()
        connection.execute(
            sa.text(
                "INSERT INTO flag (indicator_id, level, reason, raised_by, raised_at)"
                " VALUES (:i, 'watch', :r, :u, '2025-12-01 00:00:00')"
            ),
            {"i": indicator_id, "r": REASON, "u": "ann\x1b[8m"},
        )
    engine.dispose()


def screen_text(table: IndicatorTable) -> str:
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


async def test_table_and_detail_show_control_characters_and_markup_as_text(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    plant(db_url)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.screen.query_one("#search", Input).value = CODE
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        assert table.current.code == CODE
        drawn = screen_text(table)
        assert "\x1b" not in drawn and "\x07" not in drawn
        assert "科技\\x1b]0;pwned" in drawn
        below = str(app.screen.query_one("#current", Static).render())
        assert SHOWN in below and "\x1b" not in below
        await pilot.press("l")  # English: the name with markup in it
        await settle(pilot)
        assert "[bold red]Tech[/]" in screen_text(table)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, IndicatorDetailScreen)
        head = str(detail.query_one("#detail-head", Static).render())
        assert SHOWN in head and NAME_EN in head and "\x1b" not in head
        flags = detail.query_one("#flags", DataTable)
        cells = [cell.plain for cell in flags.get_row_at(0)]
        assert "\\x1b]8;;https://evil.example/\\x1b\\核实\\x1b]8;;\\x1b\\" in cells
        assert any(cell.startswith("ann\\x1b[8m") for cell in cells)
        verdict = str(detail.query_one("VerdictLine").render())
        assert "\x1b" not in verdict and "核实" in verdict


async def test_a_flag_reason_with_a_control_character_is_refused(app_for, db_url) -> None:  # type: ignore[no-untyped-def]

    before = dump(db_url)
    app = app_for(lang="en")
    notes = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FlagDialog)
        dialog.query_one("#reason", FormField).input.value = "slow\x1b[8m hidden"
        await pilot.press("enter")
        await settle(pilot)
    assert any("reason: control character U+001B" in n for n in notes)
    assert not any("\x1b" in n for n in notes)
    assert dump(db_url) == before
