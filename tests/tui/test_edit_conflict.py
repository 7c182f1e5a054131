"""Editing a definition while a colleague edits it: only the fields the user changed are
saved, so the colleague's change to another field stands, whichever way the conflict goes."""

from __future__ import annotations

import json

from textual.widgets import Static

from tests.tui.conftest import SIZE, other_editor, rows, settle
from tracker import services
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.conflict_dialog import ConflictDialog
from tracker.tui.screens.indicator_dialog import IndicatorDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.widgets.indicator_table import IndicatorTable

CODE = "SY-INNO-TECH-SMES"
THEIRS = "按省科技厅口径统计"
MINE = "Tech-based SMEs (count)"


def definition(url: str) -> tuple[str, str]:
    (row,) = rows(url, "SELECT name_en, description FROM indicator WHERE code = :c", c=CODE)
    return row


async def edit_name_en_while_they_edit_the_description(pilot, db_url: str) -> ConflictDialog:  # type: ignore[no-untyped-def]
    await settle(pilot)
    table = pilot.app.screen.query_one(IndicatorTable)
    table.move_cursor([r.code for r in table.rows].index(CODE))
    await pilot.press("e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, IndicatorDialog)
    # Meanwhile a colleague, in another shell, changes the description.
    services.edit_indicator(
        other_editor(db_url),
        code=CODE,
        fields={"description": THEIRS},
        actor="colleague",
        origin="cli",
    )
    dialog.query_one("#name_en", FormField).input.value = MINE
    await pilot.press("ctrl+s")
    await settle(pilot)
    conflict = pilot.app.screen
    assert isinstance(conflict, ConflictDialog)
    return conflict


async def test_reapplying_keeps_their_description_and_my_english_name(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        conflict = await edit_name_en_while_they_edit_the_description(pilot, db_url)
        shown = [str(s.render()) for s in conflict.query(Static)]
        assert f"Description: theirs “{THEIRS}”; yours unchanged" in shown
        assert f"English name: theirs unchanged; yours “{MINE}”" in shown
        assert definition(db_url)[0] != MINE  # nothing of mine written yet
        await pilot.click("#reapply")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert definition(db_url) == (MINE, THEIRS)
    (after,) = rows(
        db_url,
        "SELECT before, after FROM audit_event WHERE indicator_code = :c AND actor = 'tester'",
        c=CODE,
    )
    before, after = (json.loads(s) for s in after)
    changed = {k for k in after if before.get(k) != after.get(k)} - {
        "version",
        "updated_at",
        "updated_by",
    }
    assert changed == {"name_en"}


async def test_editing_again_shows_their_description_and_keeps_both(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await edit_name_en_while_they_edit_the_description(pilot, db_url)
        await pilot.click("#edit")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, IndicatorDialog)
        assert dialog.query_one("#description", FormField).value == THEIRS
        assert dialog.query_one("#name_en", FormField).value == MINE
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
    assert definition(db_url) == (MINE, THEIRS)
