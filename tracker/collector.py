"""Pausing Python's cycle collector around bulk steps.

A million-row file or a hundred thousand indicators become millions of small objects, none of
them in a reference cycle; the collector would walk all of them again and again as they
accumulate (a third of an import's time, most of a sort's second at 100,000 rows). Reference
counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (usable as a decorator too)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
