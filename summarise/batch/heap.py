"""What the cyclic garbage collector scans during a batch.

Everything alive when a batch starts (the modules, the classes of openai, instructor and pydantic, the
compiled patterns and the caches: some 140,000 objects) stays alive until it ends, yet each full collection
walks all of it again: 80 ms a time on the benchmark's machine, 1.3-1.6 ms an article at -j 64, about a tenth
of the client's CPU (bench/README.md, issue 14, fourth pass). Frozen for the batch, it is skipped; what the
articles allocate is collected as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["start_up_heap_frozen"]


@contextmanager
def start_up_heap_frozen() -> Iterator[None]:
    """Inside this block the collector skips every object alive when it began (``gc.freeze``); afterwards they
    are collected again like any other (``gc.unfreeze``), so nothing outlives the block because of it. A
    block inside another, or inside a freeze the caller made, changes nothing."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
