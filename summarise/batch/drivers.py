"""How a batch schedules its articles: one after another, or N at a time on an asyncio event loop.

The embedded model is CPU-bound and there is one instance per process (see summarise.llm), so articles
go through it one at a time: more at once would only queue on its lock. A server takes N requests at once;
each article waits for a free slot, so no more than N are in memory however large the folder.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Protocol

from summarise.batch.interrupts import Interrupted, calling_on_signals, raising_on_signals
from summarise.batch.outcomes import Outcome
from summarise.batch.steps import Batch, failed_stage
from summarise.errors import ConfigurationError
from summarise.ingest import Article
from summarise.result import Result

__all__ = ["Driver", "SyncDigester", "AsyncDigester", "sequential", "concurrent"]

SyncDigester = Callable[[Article], Result]

Driver = Callable[[Batch, Iterable[str]], int | None]
"""Digests the articles at the given paths; returns the number of the signal that stopped it, if one did."""


class AsyncDigester(Protocol):
    """Digests one article on the event loop; ``aclose`` releases its connection at the end of the run."""

    async def __call__(self, article: Article) -> Result: ...

    async def aclose(self) -> None: ...


def digest_one(batch: Batch, path: str, digest: SyncDigester) -> Outcome:
    prepared = batch.prepare(path)
    if isinstance(prepared, Outcome):
        return prepared
    try:
        result = digest(prepared)
    except ConfigurationError:
        raise
    except Exception as error:
        return batch.fail(path, prepared.id, failed_stage(error), error)
    return batch.finish(path, prepared, result)


async def digest_one_async(batch: Batch, path: str, digest: AsyncDigester) -> Outcome:
    prepared = batch.prepare(path)
    if isinstance(prepared, Outcome):
        return prepared
    try:
        result = await digest(prepared)
    except ConfigurationError:
        raise
    except Exception as error:
        return batch.fail(path, prepared.id, failed_stage(error), error)
    return await batch.finish_async(path, prepared, result)


def sequential(digest: SyncDigester) -> Driver:
    """One article after another in this thread; a stop signal abandons the article in progress."""

    def drive(batch: Batch, paths: Iterable[str]) -> int | None:
        try:
            with raising_on_signals():
                for path in paths:
                    digest_one(batch, path, digest)
        except Interrupted as interruption:
            return interruption.signal_number
        return None

    return drive


def concurrent(digest: AsyncDigester, jobs: int) -> Driver:
    """Up to ``jobs`` articles in flight on an asyncio event loop; a stop signal cancels those in flight."""

    def drive(batch: Batch, paths: Iterable[str]) -> int | None:
        return asyncio.run(_drive(batch, paths, digest, jobs))

    return drive


class _Flight:
    """The tasks in flight, and why the run stopped taking new ones."""

    def __init__(self, jobs: int) -> None:
        self.slots = asyncio.Semaphore(jobs)
        self.tasks: set[asyncio.Task[Outcome]] = set()
        self.signal_number: int | None = None
        self.fatal: BaseException | None = None

    @property
    def stopping(self) -> bool:
        return self.signal_number is not None or self.fatal is not None

    def stop(self, signal_number: int) -> None:
        self.signal_number = signal_number
        for task in self.tasks:
            task.cancel()

    def launch(self, batch: Batch, path: str, digest: AsyncDigester) -> None:
        task = asyncio.create_task(digest_one_async(batch, path, digest))
        self.tasks.add(task)
        task.add_done_callback(self._landed)

    def _landed(self, task: asyncio.Task[Outcome]) -> None:
        self.tasks.discard(task)
        self.slots.release()
        if not task.cancelled() and task.exception() is not None and self.fatal is None:
            self.fatal = task.exception()
            for other in self.tasks:
                other.cancel()


async def _drive(batch: Batch, paths: Iterable[str], digest: AsyncDigester, jobs: int) -> int | None:
    flight = _Flight(jobs)
    try:
        with calling_on_signals(asyncio.get_running_loop(), flight.stop):
            for path in paths:
                await flight.slots.acquire()
                if flight.stopping:
                    break
                flight.launch(batch, path, digest)
            await asyncio.gather(*flight.tasks, return_exceptions=True)
    finally:
        await digest.aclose()
    if flight.fatal is not None:
        raise flight.fatal
    return flight.signal_number
