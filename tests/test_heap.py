"""The start-up heap is frozen only for the block that asks for it."""

from __future__ import annotations

import gc

from summarise.batch.heap import start_up_heap_frozen


def test_the_heap_is_frozen_inside_the_block() -> None:
    with start_up_heap_frozen():
        assert gc.get_freeze_count() > 0


def test_nothing_stays_frozen_after_the_block() -> None:
    with start_up_heap_frozen():
        pass
    assert gc.get_freeze_count() == 0


def test_a_freeze_made_by_the_caller_outlives_the_block() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with start_up_heap_frozen():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
