"""Browsing: search as you type, filters, sorting by any column, counts of what is shown."""

from __future__ import annotations

from collections import Counter

from textual.widgets import Select

from tests.seed_figures import indicator_codes, on_board
from tests.tui.conftest import AS_OF, SIZE, settle
from tracker import services
from tracker.domain.vocab import STATUS_ORDER, Status
from tracker.tui.row_set import STATUS_RANK
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.widgets.indicator_table import COLUMNS, IndicatorTable
from tracker.tui.widgets.status_counts import StatusCounts


def codes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.code for row in app.screen.query_one(IndicatorTable).rows]


async def test_table_shows_every_indicator_with_counts(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        # Every indicator but those of programmes that have ended (x shows them).
        board = on_board()
        assert set(codes(app)) == board and len(table.rows) == len(board)
        assert codes(app) == sorted(codes(app))
        counts = app.screen.query_one(StatusCounts)
        rendered = counts.render().plain
        assert f"显示 {len(board)}/{len(board)}" in rendered
        expected = Counter(row.status for row in table.rows)
        for status in STATUS_ORDER:
            assert counts.counts[status] == expected[status]
        # The status is a word on the row, not only a colour.
        line = table.render_line(1).text
        assert table.rows[0].code[:10] in line
        assert any(
            word in line for word in ("滞后", "需加快", "正常推进", "已达成", "数据不足", "无目标")
        )


async def test_search_matches_code_chinese_and_english_names_as_you_type(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"airport")
        assert codes(app) == ["DL-TRANS-AIRPORT-PAX", "DL-TRANS-AIRPORT-PAX-GROWTH"]
        board = len(on_board())
        assert f"显示 2/{board}" in app.screen.query_one(StatusCounts).render().plain
        await pilot.press("ctrl+u")
        await pilot.press(*"空港吞吐量增长")
        assert codes(app) == ["DL-TRANS-AIRPORT-PAX-GROWTH"]
        await pilot.press("ctrl+u")
        await pilot.press(*"THROUGHPUT GROWTH")
        assert codes(app) == ["DL-TRANS-AIRPORT-PAX-GROWTH"]
        await pilot.press("ctrl+u")
        await pilot.press(*"dl-trans-airport-pax")
        assert codes(app)[0] == "DL-TRANS-AIRPORT-PAX"
        await pilot.press("enter")
        assert isinstance(app.focused, IndicatorTable)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        assert app.screen.code == "DL-TRANS-AIRPORT-PAX"
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)
        # Back where we were: same search, same row under the cursor.
        assert codes(app) == ["DL-TRANS-AIRPORT-PAX", "DL-TRANS-AIRPORT-PAX-GROWTH"]
        assert app.screen.query_one(IndicatorTable).current.code == "DL-TRANS-AIRPORT-PAX"


async def test_filters_narrow_and_combine(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#region", Select).value = "TL"
        await pilot.pause()
        tieling = screen.query_one(IndicatorTable).rows
        assert tieling and {r.region_code for r in tieling} <= {
            "TL",
            *(f"TL-{x}" for x in ("TLX", "CT", "XF", "KY", "DBS", "QH")),
        }
        screen.query_one("#pillar", Select).value = "transport"
        await pilot.pause()
        both = screen.query_one(IndicatorTable).rows
        assert both and all(
            r.pillar_code == "transport" and r.region_code.startswith("TL") for r in both
        )
        assert len(both) < len(tieling)
        screen.query_one("#region", Select).value = Select.NULL
        screen.query_one("#pillar", Select).value = Select.NULL
        screen.query_one("#status", Select).value = Status.NOT_REPORTED
        await pilot.pause()
        off = screen.query_one(IndicatorTable).rows
        assert off and all(r.status is Status.NOT_REPORTED for r in off)
        assert screen.query_one(StatusCounts).counts == Counter({Status.NOT_REPORTED: len(off)})
        screen.query_one("#status", Select).value = Select.NULL
        await pilot.click("#stale")
        await pilot.pause()
        assert all(r.stale for r in screen.query_one(IndicatorTable).rows)
        await pilot.press("ctrl+l")  # clear every filter
        await pilot.pause()
        assert len(screen.query_one(IndicatorTable).rows) == len(on_board())


async def test_department_filter(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        department = "省邮政管理局"
        app.screen.query_one("#department", Select).value = department
        await pilot.pause()
        shown = app.screen.query_one(IndicatorTable).rows
        assert shown and all(department in r.departments for r in shown)


async def test_sort_by_keys_and_by_clicking_a_header(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        await pilot.press("s")  # code -> name
        assert table.sort_column == "name"
        names = [r.name for r in table.rows]
        assert names == sorted(names)
        await pilot.press("S")
        assert [r.name for r in table.rows] == sorted(names, reverse=True)
        # Click the status header: worst first.
        x = sum(
            w + 1
            for c, w in zip(COLUMNS, table._widths, strict=True)
            if c.key in ("markers", "code", "name")
        )
        await pilot.click(IndicatorTable, offset=(x + 1, 0))
        assert table.sort_column == "status" and not table.sort_reverse
        ranks = [STATUS_RANK[r.status] for r in table.rows]
        assert ranks == sorted(ranks)
        assert "状态▲" in table.render_line(0).text
        await pilot.click(IndicatorTable, offset=(x + 1, 0))
        assert table.sort_reverse
        assert [STATUS_RANK[r.status] for r in table.rows] == sorted(ranks, reverse=True)


async def test_cursor_keys_and_mouse(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        await pilot.press("down", "down")
        assert table.cursor == 2
        await pilot.press("end")
        assert table.current is table.rows[-1]
        assert table.scroll_offset.y > 0
        await pilot.press("home")
        await pilot.click(IndicatorTable, offset=(30, 4))
        assert table.cursor == 3
        await pilot.double_click(IndicatorTable, offset=(30, 4))
        await settle(pilot)
        assert isinstance(app.screen, IndicatorDetailScreen)
        assert app.screen.code == table.rows[3].code


async def test_attention_view_lists_what_needs_attention_worst_first(app_for, store) -> None:  # type: ignore[no-untyped-def]
    # A person's flag needs attention whatever the status; a reporting gap does not.
    for code in ("SYMC-ECO-GOOD-AIR-DAYS", "SY-OPEN-CRE-TRAINS"):
        services.flag(store, code=code, reason="核对", actor="t", origin="test")
    services.record(
        store,
        code="SYMC-GOV-CROSS-REGION-ITEMS",
        value="150",
        period="2025-09",
        actor="t",
        origin="test",
    )
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        shown = app.screen.query_one(IndicatorTable).rows
        everything = app.screen.rowset.rows
        behind = (Status.OFF_TRACK, Status.ACCELERATE)
        expected = {r.code for r in everything if r.flagged or r.status in behind}
        assert {r.code for r in shown} == expected
        assert "SYMC-GOV-CROSS-REGION-ITEMS" in expected and len(expected) == 3
        # The one definition the summary uses, in its order: flagged first, then worst.
        summary = services.summarize(store, as_of=AS_OF)
        assert [r.code for r in shown] == [i.code for i in summary.attention]
        assert [r.flagged for r in shown] == [True, True, False]
        ranks = [STATUS_RANK[r.status] for r in shown if r.flagged]
        assert ranks == sorted(ranks)
        assert "需关注的指标" in app.screen.sub_title
        await pilot.press("a")
        assert len(app.screen.query_one(IndicatorTable).rows) == len(on_board())


async def test_the_first_screen_needs_no_store_and_a_store_that_will_not_open_is_said(
    app_for, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tracker import services
    from tracker.errors import TrackerError

    def refuse(url: str, **_options: object) -> None:
        raise TrackerError(f"cannot open {url} for changes: read-only file")

    monkeypatch.setattr(services, "open_store", refuse)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert {r.code for r in app.screen.query_one(IndicatorTable).rows} == on_board()
        shown = [n.message for n in app._notifications]
        assert any("read-only file" in message for message in shown), shown


async def test_closed_programmes_leave_the_table_until_x(app_for, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tracker.domain.models import Programme
    from tracker.storage import mutations
    from tracker.storage.engine import writing

    with writing(store.engine) as session:
        row = Programme(code="P-2024", name="2024年工作", start_period="2024", end_period="2024")
        mutations.upsert_reference(session=session, ctx=services.context("t", "t"), row=row)
    path = tmp_path / "o.csv"
    path.write_text(
        "indicator,kind,period,value,programme\nSY-OPEN-CRE-TRAINS,target,2024,900,P-2024\n",
        encoding="utf-8",
    )
    services.import_file(store, path, actor="t", origin="test")
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = {r.code for r in app.screen.query_one(IndicatorTable).rows}
        assert shown == on_board() - {"SY-OPEN-CRE-TRAINS"}
        # The counts are of the board as shown: the closed ones are not "filtered out".
        counts = app.screen.query_one(StatusCounts)
        assert (counts.shown, counts.total) == (len(shown), len(shown))
        await pilot.press("x")
        await pilot.pause()
        rows = {r.code: r for r in app.screen.query_one(IndicatorTable).rows}
        assert set(rows) == indicator_codes()
        assert rows["SY-OPEN-CRE-TRAINS"].status is Status.CLOSED
        closed = {code for code, row in rows.items() if row.status is Status.CLOSED}
        assert closed == indicator_codes() - shown
        assert (counts.shown, counts.total) == (len(rows), len(rows))
        assert counts.counts[Status.CLOSED] == len(closed)
        assert "已关闭" in app.screen.sub_title
        await pilot.press("x")
        await pilot.pause()
        assert {r.code for r in app.screen.query_one(IndicatorTable).rows} == shown
