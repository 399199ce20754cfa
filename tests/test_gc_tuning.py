"""A build runs without collector passes, and what it keeps is not scanned again afterwards."""

from __future__ import annotations

import gc

from levcards.gc_tuning import collector_paused


def test_what_a_build_keeps_moves_to_the_oldest_generation() -> None:
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        with collector_paused():
            assert not gc.isenabled()
            kept = [[n] for n in range(20_000)]
        assert gc.isenabled()
        assert gc.get_count()[0] < 1_000, "the young generation holds nothing to scan"
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        assert all(id(x) in oldest for x in kept[::1000])
    finally:
        if not was_enabled:
            gc.disable()


def test_objects_frozen_by_someone_else_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            pass
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()
