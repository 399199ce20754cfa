"""No cyclic garbage collection while a build runs.

A build makes hundreds of thousands of small objects that live until it ends (items, notes,
ledger entries, cache records) and makes almost no reference cycles, so every pass of the
cycle collector scans them all and finds nothing: about a fifteenth of a 10,000-article
build's CPU (and a sixth of an incremental one's before the thresholds were raised). Memory is
still freed as soon as an object is no longer used (reference counting); a cycle made during a
build waits for the collector's next pass after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def pause_collector() -> None:
    """For a process that does nothing but build (a reading worker)."""
    gc.disable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collector passes for the duration of a build; then as it was before.

    What the build made and kept moves straight to the oldest generation: left in the
    youngest, the first allocation after the collector is back would scan it all to find
    what the build already knows is not garbage.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # (unfreeze would also release what others froze)
            gc.freeze()  # every tracked object to the permanent generation, young count reset
            gc.unfreeze()  # and back into the oldest generation
        if was_enabled:
            gc.enable()
