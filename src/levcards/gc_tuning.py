"""Fewer garbage-collector passes while a build holds many long-lived objects.

A build makes hundreds of thousands of small objects that live until it ends (cache records,
items, notes, ledger entries) and almost no reference cycles. With CPython's default
thresholds the collector scans all of them again and again: about a sixth of an incremental
build of 10,000 articles. Raising the first threshold lets it run a few dozen times instead of
hundreds; cycles are still collected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (50_000, 20, 100)


def raise_thresholds() -> None:
    """For a process that does nothing but build (a worker)."""
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the thresholds for the duration of a build, then put back what was there."""
    before = gc.get_threshold()
    raise_thresholds()
    try:
        yield
    finally:
        gc.set_threshold(*before)
