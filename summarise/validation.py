"""The validation context of the answer being checked: what a re-ask must agree with.

Pydantic passes ``context=`` to validators as ``info.context``. instructor 1.17 would take that same
dictionary and render every message as a Jinja template with it, so an article containing ``{{`` or
``{%`` would break or be rewritten. The context therefore travels in a :class:`~contextvars.ContextVar`
set around each instructor call; an explicit ``context=`` (a direct ``model_validate``) still wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pydantic import ValidationInfo

__all__ = ["checking_against", "context_of"]

_CURRENT: ContextVar[dict[str, Any] | None] = ContextVar("summarise_validation_context", default=None)


@contextmanager
def checking_against(context: dict[str, Any]) -> Iterator[None]:
    """Validators run inside this block see ``context`` (task-local under asyncio)."""
    token = _CURRENT.set(context)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def context_of(info: ValidationInfo) -> dict[str, Any]:
    """The context a validator checks against: ``info.context`` when given, else the current one."""
    if info.context:
        return dict(info.context)
    return _CURRENT.get() or {}
