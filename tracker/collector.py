"""Pausing Python's cycle collector around bulk steps.

A million-row file or a hundred thousand indicators become millions of small objects, none of
them in a reference cycle; the collector would walk all of them again and again as they
accumulate (a third of an import's time, most of a sort's second at 100,000 rows). Reference
counting still frees everything as usual.

In a command that ends after its bulk step, what the block made and kept (a board, its
verdicts) is handed on resuming straight to the oldest generation: otherwise the first young
collection after the block walks every one of those objects at once, and the next one walks
them again (about 30 ms and then 50 ms after reading 10,000 indicators). A process that goes
on (the TUI) keeps the collector's own course instead: handed-off objects are left out of its
count of old objects, so the first full collection would come at some later keystroke and
walk them all there (0.65 s at 100,000 indicators), rather than right after the load.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

HAND_OFF = {"on": True}


def for_long_running_process() -> None:
    """Keep the collector's own course after paused blocks from now on (see above)."""
    HAND_OFF["on"] = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (usable as a decorator too)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if HAND_OFF["on"]:
                # Freezing moves every tracked object to the permanent generation and
                # unfreezing moves them all to the oldest one; neither walks them. Nothing
                # else in the program freezes objects, so nothing is unfrozen that should
                # stay frozen.
                gc.freeze()
                gc.unfreeze()
            gc.enable()
