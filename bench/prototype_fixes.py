"""Prototypes, for the benchmark only, of fixes bench/README.md proposes outside summarise/; applied by
monkeypatching inside the benchmark process so the gain can be measured.

- :func:`instructor_memo` (an upstream fix for instructor, finding 5): ``reject_async_validators`` walks the
  whole response model (every field, every base class) seven times per call; memoise it per model. This
  stays here: summarise/ does not monkeypatch instructor.

The fixes prototyped here earlier for summarise/ itself are now in the product, so the benchmark's ``ours``
path has them: the response model wrapped once per class (``summarise/extract.py``), no Jinja rendering of
the article (``summarise/validation.py``), the digest written off the event loop (``Batch.finish_async``)
and the aiohttp connection pool (``summarise/aio_transport.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import instructor.v2.core.patch as instructor_patch
import instructor.v2.validation.async_validators as async_validators

__all__ = ["instructor_memo"]


@contextlib.contextmanager
def instructor_memo() -> Iterator[None]:
    original = async_validators.reject_async_validators
    checked: set[int] = set()
    keep_alive: list[Any] = []

    def reject_once(response_model: Any) -> None:
        if id(response_model) in checked:
            return
        original(response_model)
        checked.add(id(response_model))
        keep_alive.append(response_model)

    async_validators.reject_async_validators = reject_once  # type: ignore[assignment]
    instructor_patch.reject_async_validators = reject_once  # type: ignore[attr-defined]
    try:
        yield
    finally:
        async_validators.reject_async_validators = original  # type: ignore[assignment]
        instructor_patch.reject_async_validators = original  # type: ignore[attr-defined]
