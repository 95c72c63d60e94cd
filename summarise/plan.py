"""What a strategy asks the model, written once: a :class:`Plan` holds the requests and how their answers
make a digest. Running it is the only part with a synchronous and an asynchronous form: one request after
another over a connection from :func:`summarise.llm.connect`, or all at once on the event loop over one
from :func:`summarise.llm.connect_async`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from summarise.extract import Answer, Usage, ask, ask_async
from summarise.llm import Connection
from summarise.schema import Digest

__all__ = ["Request", "Plan", "run_plan", "run_plan_async"]


@dataclass(frozen=True)
class Request:
    """One question to the model: the answer's model, the messages, and what the answer must agree with
    (the validation context)."""

    model: type[BaseModel]
    messages: list[dict[str, str]]
    context: dict[str, Any]


Answers = Sequence[Answer[Any] | None]


@dataclass(frozen=True)
class Plan:
    """Independent requests (None where there is nothing to ask), and the digest their answers make; an
    answer is None where its request was."""

    requests: list[Request | None]
    finish: Callable[[Answers], Digest]


def _total(answers: Answers) -> Usage:
    return sum((answer.usage for answer in answers if answer is not None), Usage())


def run_plan(connection: Connection, plan: Plan, max_retries: int) -> tuple[Digest, Usage]:
    """The requests one after another, in order; the digest and the usage of every answer."""
    answers = [None if request is None else ask(connection, request.model, request.messages, request.context,
                                                max_retries) for request in plan.requests]
    return plan.finish(answers), _total(answers)


async def run_plan_async(connection: Connection, plan: Plan, max_retries: int) -> tuple[Digest, Usage]:
    """:func:`run_plan` with every request in flight at once."""

    async def answer(request: Request | None) -> Answer[Any] | None:
        if request is None:
            return None
        return await ask_async(connection, request.model, request.messages, request.context, max_retries)

    answers = await asyncio.gather(*(answer(request) for request in plan.requests))
    return plan.finish(answers), _total(answers)
