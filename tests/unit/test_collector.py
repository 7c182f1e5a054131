"""Pausing the cycle collector around bulk steps must not stop it for good, nor hide garbage."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from tracker import collector
from tracker.collector import collector_paused


@pytest.fixture(autouse=True)
def handing_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a command does (a TUI test in the same worker may have said
    otherwise)."""
    monkeypatch.setitem(collector.HAND_OFF, "on", True)


class Node:
    """Something that can sit in a reference cycle and be watched through a weak reference."""

    def __init__(self) -> None:
        self.other: Node | None = None


def test_the_collector_runs_again_after_the_block_and_stays_off_if_it_was_off() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_block_keeps_is_handed_to_the_oldest_generation_unwalked() -> None:
    with collector_paused():
        kept = [[i] for i in range(10_000)]
    assert gc.get_count()[0] < 100  # no young collection is owed for the 10,000 lists
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept[::1000])


def test_a_long_running_process_keeps_the_collectors_own_course() -> None:
    collector.for_long_running_process()
    gc.collect()
    with collector_paused():
        kept = [[i] for i in range(10_000)]
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    assert not any(id(item) in oldest for item in kept[::1000])  # the young collections' own


def test_the_tui_runs_as_a_long_running_process(tmp_path: Path) -> None:
    from tracker.tui.app import make_app

    make_app(f"sqlite:///{tmp_path / 'tracker.db'}", lang="en", poll_seconds=0)
    assert collector.HAND_OFF["on"] is False


def test_a_cycle_made_in_the_block_is_still_collected() -> None:
    with collector_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        watched = weakref.ref(a)
    del a, b
    assert watched() is not None  # reference counting alone cannot free a cycle
    gc.collect()
    assert watched() is None
