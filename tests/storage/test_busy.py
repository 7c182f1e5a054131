"""A writer that finds the write lock taken waits (busy timeout), retries a bounded number of
times, and either succeeds or says the database is busy, having written nothing."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import dump
from tracker import services
from tracker.errors import TrackerError
from tracker.storage import engine as engine_module

CODE = "SYMC-GOV-CROSS-REGION-ITEMS"
TIMEOUT_MS = 200


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 0.2 s busy timeout, so that waiting it out several times stays quick."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", TIMEOUT_MS)


def hold_sqlite_lock(path: Path, seconds: float) -> Iterator[None]:
    """Another process's long write: the write lock is held for `seconds`."""
    ready = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    yield
    thread.join()


def hold_pg_lock(url: str, seconds: float) -> Iterator[None]:
    """Another writer's long transaction on PostgreSQL: every region's write gate is held."""
    ready = threading.Event()

    def hold() -> None:
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.execute(sa.text("SELECT 1 FROM write_gate FOR UPDATE")).all()
            ready.set()
            time.sleep(seconds)
        engine.dispose()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    yield
    thread.join()


def holding(url: str, seconds: float) -> Iterator[None]:
    """The write lock held by someone else for `seconds`, on either backend."""
    path = engine_module.sqlite_path(url)
    return hold_sqlite_lock(path, seconds) if path else hold_pg_lock(url, seconds)


def test_a_writer_waits_out_a_lock_held_past_one_busy_timeout(
    backend_url: str, short_timeout: None
) -> None:
    store = services.open_store(backend_url)
    # held past one busy timeout, and released well before the last retry gives up (the
    # slack keeps a loaded machine from turning this into the too-long case below)
    lock = holding(backend_url, seconds=1.5 * TIMEOUT_MS / 1000)
    next(lock)
    new_id = services.record(store, code=CODE, value="230", period="2025-09", actor="a", origin="t")
    next(lock, None)
    assert new_id is not None
    store.engine.dispose()


def test_a_lock_held_too_long_is_a_clear_busy_error_and_writes_nothing(
    backend_url: str, short_timeout: None
) -> None:
    store = services.open_store(backend_url)
    before = dump(backend_url)
    lock = holding(backend_url, seconds=6 * TIMEOUT_MS / 1000)
    next(lock)
    started = time.monotonic()
    with pytest.raises(TrackerError, match="busy") as refused:
        services.record(store, code=CODE, value="230", period="2025-09", actor="a", origin="t")
    waited = time.monotonic() - started
    next(lock, None)
    assert "locked" not in str(refused.value) and "nothing was written" in str(refused.value)
    assert engine_module.BUSY_RETRIES * TIMEOUT_MS / 1000 * 0.9 <= waited < 5
    assert dump(backend_url) == before
    store.engine.dispose()
