"""The cycle collector, paused while a large job makes objects that outlive it anyway."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cycle collector off, then on again if it was on.

    An import makes millions of objects (cells, rows, values) that hold no cycles and live
    until it ends; the collector would walk them again and again, about a tenth of a
    million-row import's time (bench/RESULTS.md). Cycles made meanwhile are collected after.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
