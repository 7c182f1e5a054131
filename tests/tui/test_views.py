"""What coordinators asked for: the as-of date, not reported this period, more filters, my
region remembered, exporting what is shown, the fill-in template, the source at its quote."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from tests.tui.conftest import AS_OF, SIZE, notes_of, rows, scalar, settle
from tracker import services
from tracker.domain.vocab import Status
from tracker.services.reporting_due import not_reported
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.filters_dialog import FiltersDialog
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.screens.not_reported import NotReportedScreen
from tracker.tui.screens.prompt_dialog import PromptDialog
from tracker.tui.screens.source_viewer import SourceViewerScreen
from tracker.tui.settings import load_settings
from tracker.tui.widgets.filter_bar import FilterBar
from tracker.tui.widgets.indicator_table import IndicatorTable

LATER = date(2026, 12, 1)
CODE = "SY-OPEN-CRE-TRAINS"
DOC = "001_429e4e3d7d47d75c"


def shown(app: Any) -> list[str]:
    return [row.code for row in app.screen.query_one(IndicatorTable).rows]


def listed(app: Any) -> list[str]:
    table = app.screen.query_one("#due", DataTable)
    return [str(key.value) for key in table.rows]


async def type_into_prompt(pilot: Any, text: str) -> None:
    """Replace the prompt's text and press enter."""
    field = pilot.app.screen.query_one("#prompt-value", Input)
    field.value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_the_as_of_date_judges_the_board_again_and_is_shown(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert str(AS_OF) in app.screen.sub_title
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await type_into_prompt(pilot, "2026年12月1日")
        assert app.as_of == LATER
        screen = app.screen
        assert isinstance(screen, BrowseScreen) and str(LATER) in screen.sub_title
        expected = services.read_status_board(db_url, as_of=LATER).statuses
        judged = {s.row.code: s.verdict.status for s in expected}
        assert screen.rowset is not None
        assert {r.code: r.verdict.status for r in screen.rowset.rows} == judged
        # The later date ends programmes: what the table holds changed with it.
        before = services.read_status_board(db_url, as_of=AS_OF).statuses
        assert judged != {s.row.code: s.verdict.status for s in before}


async def test_a_date_that_is_not_one_is_explained_and_nothing_changes(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await pilot.pause()
        await type_into_prompt(pilot, "2025-13-40")
        assert isinstance(app.screen, PromptDialog) and app.as_of == AS_OF
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "2025-13-40" in error and "2025-12-31" in error
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and app.as_of == AS_OF


async def test_not_reported_lists_my_regions_gaps_and_follows_a_new_figure(  # type: ignore[no-untyped-def]
    app_for, db_url, store, tmp_path
) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#region", Select).value = "SY"
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NotReportedScreen)
        expected = [i.code for i in not_reported(db_url, as_of=AS_OF, region="SY")]
        assert listed(app) == expected and CODE in expected
        line = str(app.screen.query_one("#due-line", Static).render())
        assert f"截至 {AS_OF}" in line and f"{len(expected)} 项" in line and "沈阳" in line
        # The figure arrives (from another shell, say): the list follows the change marker.
        services.record(store, code=CODE, value="1300", period="2025", actor="t", origin="test")
        app.marker = services.change_marker(store)
        await settle(pilot)
        assert CODE not in listed(app) and len(listed(app)) == len(expected) - 1
        # Enter opens the indicator to record its figure.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        assert app.screen.code == listed_first(expected, CODE)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NotReportedScreen)  # opened once, not twice


def listed_first(expected: list[str], gone: str) -> str:
    return next(code for code in expected if code != gone)


async def test_not_reported_exports_to_xlsx(app_for, db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = notes_of(app)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        target = tmp_path / "reminders.xlsx"
        await type_into_prompt(pilot, str(target))
    sheet = load_workbook(target).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("Code", "Indicator", "Due", "Last reported")
    expected = not_reported(db_url, as_of=AS_OF)
    assert [r[0] for r in values[1:]] == [i.code for i in expected]
    assert all(r[2] == "2025" for r in values[1:])  # every seeded indicator reports yearly
    assert any(str(target) in note and str(len(expected)) in note for note in notes)


async def test_the_view_is_exported_as_shown_with_its_filters(app_for, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"班列")
        await pilot.press("enter")
        await settle(pilot)
        on_screen = shown(app)
        assert 1 < len(on_screen) < 10
        await pilot.press("E")
        await pilot.pause()
        target = tmp_path / "view.csv"
        await type_into_prompt(pilot, str(target))
    read = list(csv.reader(target.read_text("utf-8-sig").splitlines()))
    assert read[0][:3] == ["编码", "指标", "地区"]
    assert [r[0] for r in read[1:]] == on_screen
    assert all("班列" in r[1] for r in read[1:])


async def test_an_export_to_a_missing_folder_or_format_is_refused_in_the_dialog(  # type: ignore[no-untyped-def]
    app_for, tmp_path
) -> None:
    app = app_for(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        await type_into_prompt(pilot, str(tmp_path / "view.json"))
        assert "csv or .xlsx" in str(app.screen.query_one("#form-error", Static).render())
        await type_into_prompt(pilot, str(tmp_path / "nowhere" / "view.csv"))
        assert "No such folder" in str(app.screen.query_one("#form-error", Static).render())
        assert isinstance(app.screen, PromptDialog)
    assert list(tmp_path.glob("view*")) == []


async def open_filters(pilot: Any) -> FiltersDialog:
    await pilot.press("m")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, FiltersDialog)
    return dialog


async def test_filter_by_document_programme_and_several_statuses(app_for, db_url) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_filters(pilot)
        dialog.query_one("#filter-document", Select).value = DOC
        await pilot.press("ctrl+s")
        await settle(pilot)
        citing = {
            code
            for (code,) in rows(
                db_url,
                "SELECT DISTINCT i.code FROM observation o JOIN indicator i"
                " ON i.id = o.indicator_id WHERE o.state = 'current' AND o.source_doc = :doc"
                " UNION SELECT i.code FROM milestone m JOIN indicator i ON i.id = m.indicator_id"
                " WHERE m.source_doc = :doc",
                doc=DOC,
            )
        }
        board = {r.code for r in app.screen.rowset.rows if r.verdict.status is not Status.CLOSED}
        assert set(shown(app)) == citing & board and CODE in shown(app)
        assert "文件:" in app.screen.sub_title
        dialog = await open_filters(pilot)
        dialog.query_one("#filter-document", Select).value = Select.NULL
        dialog.query_one("#filter-programme", Select).value = "R001"
        statuses = dialog.query_one("#filter-statuses", SelectionList)
        statuses.select(Status.NO_TARGET)
        statuses.select(Status.OPEN)
        await pilot.press("ctrl+s")
        await settle(pilot)
        by_programme = {
            code
            for (code,) in rows(
                db_url,
                "SELECT DISTINCT i.code FROM observation o JOIN indicator i"
                " ON i.id = o.indicator_id WHERE o.state = 'current' AND o.programme = 'R001'",
            )
        }
        table = app.screen.query_one(IndicatorTable).rows
        assert "规划:沈阳、大连“双核”提案答复所列安排" in app.screen.sub_title
        assert "状态:开放承诺、无目标" in app.screen.sub_title
        assert table and {r.code for r in table} <= by_programme
        assert {r.verdict.status for r in table} <= {Status.NO_TARGET, Status.OPEN}
        expected = {
            r.code
            for r in app.screen.rowset.rows
            if r.code in by_programme and r.verdict.status in (Status.NO_TARGET, Status.OPEN)
        }
        assert {r.code for r in table} == expected
        # ctrl+l clears them with the bar's filters.
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert len(shown(app)) == len(board)


async def test_my_region_is_remembered_across_launches(app_for, config_dir) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_filters(pilot)
        dialog.query_one("#my-region", Select).value = "TL"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load_settings()["region"] == "TL"
    assert json.loads((config_dir / "settings.json").read_text("utf-8"))["region"] == "TL"
    again = app_for()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.screen.query_one(FilterBar).selection.region == "TL"
        codes = shown(again)
        assert codes and all(code.startswith("TL") for code in codes)
        # The reminders list is my region's too.
        again.screen.query_one("#region", Select).value = Select.NULL
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert listed(again) == [i.code for i in not_reported(again.url, as_of=AS_OF, region="TL")]


async def test_the_palette_makes_the_fill_in_template_of_the_region(  # type: ignore[no-untyped-def]
    app_for, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = notes_of(app)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "生成填报表")
        command.callback()
        await settle(pilot)
        assert notes and "请先选定地区" in notes[-1]
        app.screen.query_one("#region", Select).value = "TL"
        await settle(pilot)
        command.callback()
        await settle(pilot)
    written = tmp_path / "template-TL-2025.xlsx"
    sheet = load_workbook(written)["填报"]
    codes = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
    assert codes and all(str(code).startswith("TL") for code in codes)
    assert any(str(written) in note for note in notes)


async def open_source_of(pilot: Any, code: str, quote: str) -> SourceViewerScreen:
    """Open `code`'s detail, put the cursor on the observation quoting `quote`, press o."""
    app = pilot.app
    app.push_screen(IndicatorDetailScreen(code))
    await settle(pilot)
    table = app.screen.query_one("#observations", DataTable)
    keys = [str(k.value) for k in table.rows]
    wanted = next(o for o in app.screen.view.observations if o.quote == quote)
    table.move_cursor(row=keys.index(str(wanted.id)))
    await pilot.press("o")
    await settle(pilot)
    viewer = app.screen
    assert isinstance(viewer, SourceViewerScreen)
    return viewer


async def test_the_source_opens_at_the_quote(app_for) -> None:  # type: ignore[no-untyped-def]
    quote = "今年中欧班列(沈阳)开行数量力争突破900列"
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        viewer = await open_source_of(pilot, CODE, quote)
        assert viewer.document is not None and viewer.located is not None
        paragraph = viewer.document.paragraphs[viewer.located.paragraph]
        text = (Path(__file__).parents[2] / "seed_data" / "documents" / f"{DOC}.txt").read_text()
        assert paragraph in text.splitlines() and quote in paragraph
        quoted = viewer.query(".source-paragraph.-quoted")
        assert len(quoted) == 1 and quote in str(quoted.first(Static).render())
        # The quote is scrolled into view.
        scroll = viewer.query_one("#source-text")
        assert scroll.scroll_y <= quoted.first().virtual_region.y
        assert quoted.first().virtual_region.y < scroll.scroll_y + scroll.size.height
        head = str(viewer.query_one("#source-head", Static).render())
        assert "随程序提供的文件" in head and "录入:seed" in head
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorDetailScreen)


async def test_an_imported_value_names_its_file_and_line(  # type: ignore[no-untyped-def]
    app_for, store, tmp_path
) -> None:
    path = tmp_path / "沈阳-2025.csv"
    path.write_text(
        "沈阳市2025年调度表\n"
        f"indicator,kind,period,value,quote\n{CODE},actual,2024,1100,\n"
        f"{CODE},actual,2025,1250,全年开行1250列\n",
        "utf-8",
    )
    services.import_file(store, path, actor="王芳")
    assert scalar(store.url, "SELECT count(*) FROM observation WHERE quote = '全年开行1250列'") == 1
    app = app_for(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        viewer = await open_source_of(pilot, CODE, "全年开行1250列")
        head = str(viewer.query_one("#source-head", Static).render())
        # Line 1 is the sheet's title, line 2 its header: the figure is on line 4.
        assert "Imported from 沈阳-2025.csv, line 4" in head
        assert "Entered by 王芳" in head and "import:沈阳-2025.csv" in head
        assert "names no source document" not in head and viewer.document is None


async def test_the_palette_offers_every_new_action_and_runs_the_export(app_for, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"判断日期", "本期未报", "筛选", "导出", "生成填报表", "生成调度通报"} <= titles
        on_screen = shown(app)
        # Typed into the palette and chosen with enter, as a user does.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"导出", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog)
        await type_into_prompt(pilot, str(tmp_path / "all.xlsx"))
    sheet = load_workbook(tmp_path / "all.xlsx").active
    assert sheet is not None
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert exported == on_screen and len(on_screen) > 100


async def test_the_source_viewer_and_the_list_are_in_the_help(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        entries = set(app.screen.entries)
        assert {("n", "Due"), ("m", "Filters"), ("D", "As-of date"), ("d", "Dashboard")} <= entries
        assert {("E", "Export"), ("o", "Source"), ("g", "Back to quote")} <= entries
