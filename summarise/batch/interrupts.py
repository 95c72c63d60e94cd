"""SIGINT and SIGTERM during a batch: stop taking new articles, abandon the ones in flight, keep the rest.

Both signals mean the same here (a terminal's Ctrl-C, a scheduler's or container's stop). The handlers are
installed only while articles are being digested; the files already written stay whole because every
write is atomic.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["STOP_SIGNALS", "Interrupted", "raising_on_signals", "calling_on_signals"]

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A stop signal arrived; a BaseException so that no ``except Exception`` records it as a failure."""

    def __init__(self, signal_number: int) -> None:
        self.signal_number = signal_number
        super().__init__(signal.Signals(signal_number).name)


@contextmanager
def raising_on_signals() -> Iterator[None]:
    """Within the block, the first stop signal raises :class:`Interrupted` in the main thread; a second one
    gets the handlers that were there before (Ctrl-C twice aborts at once)."""
    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    def interrupt(signal_number: int, _: FrameType | None) -> None:
        restore()
        raise Interrupted(signal_number)

    for number in STOP_SIGNALS:
        signal.signal(number, interrupt)
    try:
        yield
    finally:
        restore()


@contextmanager
def calling_on_signals(loop: asyncio.AbstractEventLoop, callback: Callable[[int], None]) -> Iterator[None]:
    """Within the block, each stop signal calls ``callback(signal_number)`` on the event loop."""
    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    for number in STOP_SIGNALS:
        loop.add_signal_handler(number, callback, number)
    try:
        yield
    finally:
        for number, handler in previous.items():
            loop.remove_signal_handler(number)
            signal.signal(number, handler)
