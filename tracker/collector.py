"""Pausing Python's cycle collector around bulk steps.

A million-row file or a hundred thousand indicators become millions of small objects, none of
them in a reference cycle; the collector would walk all of them again and again as they
accumulate (a third of an import's time, most of a sort's second at 100,000 rows). Reference
counting still frees everything as usual.

What the block made and kept is long-lived by then (a board, a table's rows), so on resuming it
goes straight to the oldest generation: otherwise the first young collection after the block
walks every one of those objects at once, and the next one walks them again (about 30 ms and
then 50 ms after reading 10,000 indicators). Full collections still see them.
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
            # Freezing moves every tracked object to the permanent generation and unfreezing
            # moves them all to the oldest one; neither walks them. Nothing else in the
            # program freezes objects, so nothing is unfrozen that should stay frozen.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
