"""The table's columns as a coordinator sees them at the sizes they use: long names told
apart, regions told apart in English, the deadline and the figures with thousands separated,
and what does not fit reached by scrolling right."""

from __future__ import annotations

import sqlalchemy as sa
from textual.widgets import Input

from tests.tui.conftest import AS_OF, settle
from tracker import services
from tracker.domain.vocab import Kind
from tracker.storage.engine import make_engine
from tracker.tui.widgets.indicator_table import IndicatorTable

WIDE, LAPTOP = (120, 40), (80, 24)


def rename(url: str, names: dict[str, str]) -> None:
    """Give indicators the names a large store has, straight in."""
    engine = make_engine(url, create=False)
    with engine.begin() as connection:
        for code, name in names.items():
            connection.execute(
                sa.text("UPDATE indicator SET name = :n WHERE code = :c"), {"n": name, "c": code}
            )
    engine.dispose()


def screen_lines(table: IndicatorTable) -> list[str]:
    """The table's lines as the terminal shows them (scrolled as it is)."""
    return [table.render_line(y).text for y in range(table.size.height)]


async def search(pilot, text: str) -> IndicatorTable:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("slash")
    pilot.app.screen.query_one("#search", Input).value = text
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.screen.query_one(IndicatorTable)


async def test_long_names_that_share_a_start_are_told_apart_at_120_columns(
    app_for, db_url, store
) -> None:  # type: ignore[no-untyped-def]
    codes = [i.code for i in services.statuses(store, as_of=AS_OF)][:2]
    rename(
        db_url,
        {
            codes[0]: "积极推进中国（辽宁）自由贸易试验区沈阳片区制度创新",
            codes[1]: "积极推进铁岭县域经济高质量发展重点任务落实",
        },
    )
    app = app_for()
    async with app.run_test(size=WIDE) as pilot:
        table = await search(pilot, "积极推进")
        header, *rows = screen_lines(table)[:3]
        assert "积极推进中国（辽宁）" in rows[0] and "积极推进铁岭县域经济" in rows[1]
        # A name cut short ends in an ellipsis, and the region and pillar are on screen.
        assert "…" in rows[0]
        assert "地区" in header and "领域" in header and "期限" in header


async def test_english_region_names_stay_apart(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for(lang="en")
    async with app.run_test(size=WIDE) as pilot:
        table = await search(pilot, "SYMC-PLAN-SPECIAL-PLANS")
        circle = screen_lines(table)[1]
        table = await search(pilot, "SY-INNO-TECH-SMES")
        city = screen_lines(table)[1]
    assert "Shenyang MMC" in circle
    assert "Shenyang" in city and "Shenyang MMC" not in city and "Shenyang …" not in city


async def test_the_deadline_and_the_target_with_thousands_separated(app_for, store) -> None:  # type: ignore[no-untyped-def]
    services.record(
        store,
        code="SY-INNO-TECH-SMES",
        value="12500",
        period="2027",
        kind=Kind.TARGET,
        comparator=">=",
        actor="t",
        origin="test",
    )
    app = app_for()
    async with app.run_test(size=WIDE) as pilot:
        table = await search(pilot, "SY-INNO-TECH-SMES")
        header, row = screen_lines(table)[:2]
    assert "期限" in header and "≥12,500" in row and "2027-12-31" in row


async def test_what_does_not_fit_is_reached_by_scrolling_right(app_for) -> None:  # type: ignore[no-untyped-def]
    app = app_for()
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        header = screen_lines(table)[0]
        assert "指标" in header and "单位" not in header
        for _ in range(12):  # one column a key
            await pilot.press("right")
        await pilot.pause()
        assert "单位" in screen_lines(table)[0]
        assert table.cursor == 0  # the cursor stays on its row
