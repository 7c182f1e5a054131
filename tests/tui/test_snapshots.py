"""Snapshots of every screen and dialog at the sizes people use (80x24, 120x40), in both
languages (regenerate with --snapshot-update, then read the SVGs that changed)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import sqlalchemy as sa
from textual.widgets import Input

from tests.tui.conftest import SIZE, settle
from tracker import services
from tracker.storage.engine import make_engine
from tracker.tui.screens.conflict_dialog import ConflictDialog
from tracker.tui.widgets.form_field import FormField

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
LANGS = ("zh", "en")
PLANS = "SYMC-PLAN-SPECIAL-PLANS"
FLAGGED = "SY-OPEN-CRE-TRAINS"
AIRPORT = "DL-TRANS-AIRPORT-PAX"

Steps = Callable[[Any], Awaitable[None]]


async def find(pilot: Any, code: str) -> None:
    """Put the table's cursor on `code` (pasted into the search box)."""
    await settle(pilot)
    await pilot.press("slash")
    pilot.app.screen.query_one("#search", Input).value = code
    await pilot.press("enter")
    await settle(pilot)


def keys(code: str | None, *pressed: str) -> Steps:
    """Find `code` (if any), then press these keys and let the screen settle."""

    async def steps(pilot: Any) -> None:
        if code is None:
            await settle(pilot)
        else:
            await find(pilot, code)
        for key in pressed:
            await pilot.press(key)
        await settle(pilot)

    return steps


async def conflict(pilot: Any) -> None:
    """The conflict dialog as a definition edit meets a colleague's (its lines fixed, so
    that no clock shows)."""
    await settle(pilot)
    lang = pilot.app.lang
    lines = [
        f"2025-12-30 09:{m:02d}  colleague  cli  update  description: … -> …" for m in range(6)
    ]
    fields = [("description", "按省科技厅口径统计", None), ("name_en", None, "Tech-based SMEs")]
    message = "SY-INNO-TECH-SMES: 已被他人修改" if lang == "zh" else "SY-INNO-TECH-SMES changed"
    dialog = ConflictDialog(
        lang=lang, message=message, others=lines, mine="name_en", can_edit=True, fields=fields
    )
    pilot.app.push_screen(dialog)
    await settle(pilot)


async def bad_value(pilot: Any) -> None:
    await find(pilot, PLANS)
    await pilot.press("r", *"12个半", "tab", *"2025年6月")
    await settle(pilot)


async def outlier(pilot: Any) -> None:
    await find(pilot, PLANS)
    await pilot.press("r", *"2100", "tab", *"2025-11-30", "enter")
    await settle(pilot)


async def last_field_of_the_edit_form(pilot: Any) -> None:
    await find(pilot, PLANS)
    await pilot.press("e")
    await settle(pilot)
    pilot.app.screen.query_one("#responsible", FormField).input.focus()
    await settle(pilot)


SCENES: dict[str, Steps] = {
    "browse": keys(None),
    "dashboard": keys(None, "d", "right", "down"),
    "help": keys(None, "question_mark"),
    "detail": keys(AIRPORT, "enter"),
    "record_form": bad_value,
    "target_form": keys("SY-INNO-TECH-SMES", "t"),
    "edit_form": keys(PLANS, "e"),
    "edit_form_scrolled": last_field_of_the_edit_form,
    "flag_form": keys(PLANS, "f"),
    "unflag_form": keys(FLAGGED, "f"),
    "outlier_question": outlier,
    "future_question": keys(PLANS, "r", *"30", "tab", *"2026-06", "enter"),
    "conflict": conflict,
}


def entered_long_ago(url: str) -> None:
    """Every value entered at one fixed moment, so that no clock shows in a snapshot."""
    engine = make_engine(url, create=False)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE observation SET entered_at = '2025-12-01 09:00:00'"))
            connection.execute(sa.text("UPDATE change_set SET at = '2025-12-01 09:00:00.000000'"))
    finally:
        engine.dispose()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", SCENES)
def test_scene(app_for, store, db_url, snap_compare, scene: str, size: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    services.flag(store, code=FLAGGED, reason="核对", actor="t", origin="test")
    entered_long_ago(db_url)
    app = app_for(lang=lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCENES[scene])


@pytest.mark.parametrize("lang", LANGS)
def test_detail_with_its_chart_unfolded_at_80x24(app_for, db_url, snap_compare, lang: str) -> None:  # type: ignore[no-untyped-def]
    entered_long_ago(db_url)
    app = app_for(lang=lang)
    steps = keys(AIRPORT, "enter", "g")
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=steps)


def test_attention_view_in_english(app_for, store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    # A flag and a measured shortfall: what needs attention (a reporting gap does not).
    services.flag(store, code=FLAGGED, reason="核对", actor="t", origin="test")
    services.record(
        store,
        code="SYMC-GOV-CROSS-REGION-ITEMS",
        value="150",
        period="2025-09",
        actor="t",
        origin="test",
    )

    async def attention(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("a", "down", "down")

    assert snap_compare(app_for(lang="en"), terminal_size=SIZE, run_before=attention)
