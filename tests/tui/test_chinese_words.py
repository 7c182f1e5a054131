"""In the Chinese interface every word is Chinese: a field's error, a toast, a conflict and
the command palette say what they say in Chinese (asserted on the text shown)."""

from __future__ import annotations

import re

from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Static

from tests.tui.conftest import SIZE, notes_of, settle
from tests.tui.test_edit_conflict import edit_name_en_while_they_edit_the_description
from tests.tui.test_flag_undo import go_to
from tracker.tui.screens.observation_dialog import ObservationDialog
from tracker.tui.widgets.form_field import FormField

ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")  # a lower-case English word (codes are upper case)


async def test_a_field_error_is_said_in_chinese(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, ObservationDialog)
        await pilot.press(*"12", "tab", *"2025年13月")
        period = app.screen.query_one("#period", FormField)
        message = str(period.query_one(".form-message", Static).render())
        assert period.invalid
        assert message == "“2025年13月”:月份 13 不在 1-12 之间"


async def test_a_toast_says_what_was_saved_in_chinese(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    notes = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot)
        await pilot.press("f")
        await pilot.press(*"进度偏慢", "enter")
        await settle(pilot)
    assert "已保存:标记(滞后):进度偏慢" in notes
    assert not any(ENGLISH_WORD.search(n) for n in notes), notes


async def test_a_conflict_is_explained_in_chinese(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        conflict = await edit_name_en_while_they_edit_the_description(pilot, db_url)
        message = str(conflict.query_one("#conflict-message", Static).render())
        assert message.startswith("您打开后此指标已被他人修改(现为第 ")
        others = [str(s.render()) for s in conflict.query("#conflict-others Static")]
        assert others and all("(cli)修改:description:" in line for line in others), others
        assert all(" → " in line and " -> " not in line for line in others), others
        mine = str(conflict.query_one("#mine", Static).render())
        assert mine == "您的更改:修改 英文名称"


async def test_the_command_palette_is_in_chinese(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(CommandInput).placeholder == "搜索命令…"
        options = palette.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        titles = " ".join(shown)
        assert "退出" in titles and "主题" in titles and "截图" in titles
        assert "搜索" in titles and "按键: " in titles  # the screen's own keys, described
        assert not re.search(r"\b(Quit|Theme|Screenshot|Keys|Search)\b", titles), shown
