"""Helpers for driving the TUI with Pilot against a fresh seeded database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tracker import services
from tracker.storage.engine import make_engine
from tracker.tui.app import TrackerApp, make_app

AS_OF = date(2025, 12, 31)
SIZE = (140, 40)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings go to this test's own folder, never the home directory."""
    folder = tmp_path / "config"
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(folder))
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    return folder


@pytest.fixture
def app_for(db_url: str) -> Callable[..., TrackerApp]:
    """Build the app on this test's database, judged as of AS_OF, without polling or blinking."""

    def build(**options: Any) -> TrackerApp:
        settings: dict[str, Any] = {
            "lang": "zh",
            "as_of": AS_OF,
            "actor": "tester",
            "poll_seconds": 0,
            "cursor_blink": False,
        }
        settings.update(options)
        return make_app(db_url, **settings)

    return build


async def settle(pilot: Any) -> None:
    """Let every worker finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def notes_of(app: TrackerApp) -> list[str]:
    """Collect the app's notifications from now on."""
    notes: list[str] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        notes.append(message)
        original(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return notes


def scalar(url: str, sql: str, **params: Any) -> Any:
    """One value read straight from the database."""
    engine = make_engine(url, create=False)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text(sql), params).scalar()
    finally:
        engine.dispose()


def rows(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows read straight from the database."""
    engine = make_engine(url, create=False)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(sa.text(sql), params)]
    finally:
        engine.dispose()


def other_editor(url: str) -> services.Store:
    """A second, independent store on the same database: another coordinator."""
    return services.open_store(url, create=False)
