"""Ask the model for a structured answer through instructor, re-asking when it fails validation.

This is instructor's retry layer (the transport has its own, for HTTP faults). The validation context
carries what the answer must agree with (the article, or the numbered sentences), so an unfound quote or
an unsupported number goes back to the model as a re-ask. When every attempt fails those checks, the
last answer that is valid in structure is kept; the grounding step then flags what is unverified
instead of dropping it silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx2 as httpx
import pydantic_core
from pydantic import BaseModel, ValidationError

from summarise.errors import BackendUnreachableError, ExtractionError, SummariseError
from summarise.llm import AnswerCutOff, AnswersInvalid, Connection
from summarise.validation import checking_against

__all__ = ["Answer", "Usage", "ask", "ask_async"]

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Usage:
    """LLM calls and tokens, summed over attempts (and over passes with ``+``)."""

    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.attempts + other.attempts, self.prompt_tokens + other.prompt_tokens,
                     self.completion_tokens + other.completion_tokens)


@dataclass(frozen=True)
class Answer(Generic[Model]):
    value: Model
    usage: Usage


def _usage(attempts: int, usage: Any) -> Usage:
    if usage is None:
        return Usage(attempts)
    return Usage(attempts, int(getattr(usage, "prompt_tokens", 0) or 0),
                 int(getattr(usage, "completion_tokens", 0) or 0))


def _answer_text(completion: Any) -> str | None:
    """The JSON text of a chat completion: the message content, or the first tool call's arguments."""
    if completion is None or not getattr(completion, "choices", None):
        return None
    message = completion.choices[0].message
    if message.content is None and getattr(message, "tool_calls", None):
        return str(message.tool_calls[0].function.arguments)
    return message.content  # type: ignore[no-any-return]


def _from_failure(model: type[Model], error: AnswersInvalid) -> Answer[Model]:
    """Keep the last answer that is valid in structure, though it failed the grounding checks."""
    attempts = error.attempts
    content = _answer_text(error.completion)
    if content is None:
        raise ExtractionError(f"the model gave no usable answer after {attempts} attempts: {error}") from error
    try:
        value = model.model_validate_json(content)
    except (ValidationError, json.JSONDecodeError) as parse_error:
        raise ExtractionError(
            f"the model's answer is not a valid {model.__name__} after {attempts} attempts: {parse_error}"
        ) from error
    return Answer(value, _usage(attempts, error.usage))


Cause = TypeVar("Cause", bound=BaseException)


def _cause(error: BaseException, kind: type[Cause] | tuple[type[Cause], ...]) -> Cause | None:
    """The first exception of ``kind`` in the chain of causes that led to ``error`` (``error`` included)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _unreachable(failure: httpx.TransportError) -> BackendUnreachableError:
    try:
        where = str(failure.request.url)
    except RuntimeError:  # httpx raises this when the error carries no request
        where = "the model server"
    return BackendUnreachableError(f"cannot connect to {where}: {failure}")


def _salvage(model: type[Model], error: AnswerCutOff, connection: Connection) -> Answer[Model]:
    """An answer cut off at max_tokens keeps its complete list entries: the partial JSON is parsed and
    the unfinished last entries are dropped until the rest is a valid ``model`` (grounding checks it
    afterwards like any answer)."""
    completion = error.completion
    content = _answer_text(completion)
    if not content:
        raise _too_long(connection) from error
    try:
        data = pydantic_core.from_json(content, allow_partial=True)
    except ValueError:
        raise _too_long(connection) from error
    for _ in range(8):
        try:
            value = model.model_validate(data)
        except ValidationError:
            if not isinstance(data, dict):
                break
            lists = [name for name, item in data.items() if isinstance(item, list) and item]
            if not lists:
                break
            data = {**data, lists[-1]: data[lists[-1]][:-1]}
            continue
        return Answer(value, _usage(error.attempts, getattr(completion, "usage", None)))
    raise _too_long(connection) from error


def _too_long(connection: Connection) -> ExtractionError:
    return ExtractionError(
        f"the model's answer was cut off at max_tokens={connection.settings.max_tokens} before the JSON closed"
    )


def _recover(error: Exception, model: type[Model], connection: Connection) -> Answer[Model]:
    """What a failed call still yields: the complete part of a cut-off answer, or the last answer that
    is valid in structure; our own errors (a replay miss) unwrapped from the openai client's; a failure to
    connect as BackendUnreachableError; else the error itself."""
    if isinstance(error, AnswerCutOff):
        return _salvage(model, error, connection)
    cause = _cause(error, SummariseError)
    if cause is not None and cause is not error:
        raise cause from error
    no_connection = _cause(error, (httpx.ConnectError, httpx.ConnectTimeout))
    if no_connection is not None:
        raise _unreachable(no_connection) from error
    if isinstance(error, AnswersInvalid):
        return _from_failure(model, error)
    raise error


def ask(connection: Connection, model: type[Model], messages: list[dict[str, str]], context: dict[str, Any],
        max_retries: int = 1) -> Answer[Model]:
    """One ``model`` answer; up to ``max_retries`` re-asks when validation against ``context`` fails."""
    try:
        with checking_against(context):
            reply = connection.answer(model, messages, max_retries)
    except Exception as error:
        return _recover(error, model, connection)
    return Answer(reply.value, _usage(reply.attempts, reply.usage))


async def ask_async(connection: Connection, model: type[Model], messages: list[dict[str, str]],
                    context: dict[str, Any], max_retries: int = 1) -> Answer[Model]:
    """The asynchronous twin of :func:`ask`, for a connection made by :func:`summarise.llm.connect_async`."""
    try:
        with checking_against(context):
            reply = await connection.answer_async(model, messages, max_retries)
    except Exception as error:
        return _recover(error, model, connection)
    return Answer(reply.value, _usage(reply.attempts, reply.usage))
