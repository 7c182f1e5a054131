"""Snapshots of the main screens at a fixed size (regenerate with --snapshot-update)."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import SIZE, settle
from tracker import services


def test_browse_in_chinese(app_for, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(), terminal_size=SIZE, run_before=settle)


def test_attention_view_in_english(app_for, store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    # A flag and a measured shortfall: what needs attention (a reporting gap does not).
    services.flag(store, code="SY-OPEN-CRE-TRAINS", reason="核对", actor="t", origin="test")
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


def test_dashboard(app_for, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def dashboard(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("right", "down")

    assert snap_compare(app_for(), terminal_size=SIZE, run_before=dashboard)


def test_record_form_explains_a_bad_value(app_for, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def bad_value(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("slash")
        pilot.app.screen.query_one("#search", Input).value = "SYMC-PLAN-SPECIAL-PLANS"
        await pilot.press("enter", "r", *"12个半", "tab", *"2025年6月")
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=SIZE, run_before=bad_value)
