"""The one seam to the LLM: builds the openai client, wraps it with instructor, and asks it for structured
answers. Every instructor import lives here; the rest of summarise sees a :class:`Connection`, a
:class:`Reply` and this module's two exceptions.

Whatever the backend, requests pass through the transport stack of summarise.transports (fixtures, retries,
the server or the in-process model).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

import httpx2 as httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks
from pydantic import BaseModel

from summarise.fixtures import FixtureMode
from summarise.settings import Settings
from summarise.transports import async_transport, base_url, sync_transport

__all__ = ["Connection", "Reply", "AnswerCutOff", "AnswersInvalid", "connect", "connect_async"]

Model = TypeVar("Model", bound=BaseModel)

# json_object_schema and json_schema_strict rewrite JSON_SCHEMA's response_format on the way out
# (summarise.structured, applied by summarise.transports).
_MODES = {"json_schema": instructor.Mode.JSON_SCHEMA, "json_schema_strict": instructor.Mode.JSON_SCHEMA,
          "json_object_schema": instructor.Mode.JSON_SCHEMA, "tools": instructor.Mode.TOOLS,
          "json": instructor.Mode.JSON}


@dataclass(frozen=True)
class Reply(Generic[Model]):
    """A structured answer, how many responses it took (one per attempt) and the token usage summed over
    them (the openai client's usage object, or None)."""

    value: Model
    attempts: int
    usage: Any


class AnswerCutOff(Exception):
    """The answer was cut off at max_tokens before its JSON closed; ``completion`` is what came back."""

    def __init__(self, completion: Any, attempts: int) -> None:
        super().__init__("the answer was cut off at max_tokens")
        self.completion = completion
        self.attempts = attempts


class AnswersInvalid(Exception):
    """Every attempt failed validation; ``completion`` is the last answer, ``usage`` the sum over attempts."""

    def __init__(self, message: str, completion: Any, usage: Any, attempts: int) -> None:
        super().__init__(message)
        self.completion = completion
        self.usage = usage
        self.attempts = attempts


class _Responses:
    """Counts the model's responses to one request through instructor's hooks."""

    def __init__(self) -> None:
        self.count = 0
        self.hooks = Hooks()
        self.hooks.on("completion:response", self._seen)

    def _seen(self, *_: Any, **__: Any) -> None:
        self.count += 1


@functools.lru_cache(maxsize=1024)
def _response_schema(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` wrapped as instructor would wrap it, once per class. Instructor skips wrapping a model that
    is already wrapped; left to itself it makes a new class on every call, so the JSON schema (and the
    tool definition) would be generated again for every request. The request is the same either way.
    Bounded because the passes strategy makes a model class per request."""
    return instructor.response_schema(model)


@dataclass
class Connection:
    """An instructor client plus what provenance needs to know about it. ``with connect(...) as connection``
    (``async with`` for :func:`connect_async`) closes it at the end."""

    client: instructor.Instructor | instructor.AsyncInstructor
    settings: Settings

    @property
    def backend(self) -> str:
        return "replay" if self.settings.fixtures is FixtureMode.REPLAY else self.settings.backend

    @property
    def constrained(self) -> bool | None:
        """Whether decoding is held to the response schema: always for the embedded model (its transport turns
        the schema into a grammar); on a server, what its probed kind says of the mode (None: not known)."""
        return True if self.settings.backend == "embedded" else self.settings.constrained

    def _request(self, model: type[BaseModel], messages: list[dict[str, str]], max_retries: int,
                 responses: _Responses) -> dict[str, Any]:
        return {
            "model": self.settings.model,
            "response_model": _response_schema(model),
            "messages": messages,
            "max_retries": max_retries,
            "hooks": responses.hooks,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }

    def answer(self, model: type[Model], messages: list[dict[str, str]], max_retries: int) -> Reply[Model]:
        """One ``model`` answer, re-asked up to ``max_retries`` times when it fails validation (raises
        AnswerCutOff, AnswersInvalid, or what the transport raised)."""
        responses = _Responses()
        try:
            value = self.client.create(**self._request(model, messages, max_retries, responses))
        except (IncompleteOutputException, InstructorRetryException) as error:
            raise _translated(error, responses) from error
        return Reply(value, responses.count, getattr(value, "_total_usage", None))  # type: ignore[arg-type]

    async def answer_async(self, model: type[Model], messages: list[dict[str, str]],
                           max_retries: int) -> Reply[Model]:
        """:meth:`answer` for a connection made by :func:`connect_async`."""
        responses = _Responses()
        try:
            value = await self.client.create(  # type: ignore[misc]
                **self._request(model, messages, max_retries, responses))
        except (IncompleteOutputException, InstructorRetryException) as error:
            raise _translated(error, responses) from error
        return Reply(value, responses.count, getattr(value, "_total_usage", None))

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    async def __aenter__(self) -> Connection:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    def close(self) -> None:
        """Close the connections of a client made by :func:`connect`; it is not usable afterwards."""
        openai_client = self.client.client
        if isinstance(openai_client, openai.AsyncOpenAI):
            raise TypeError("a connection made by connect_async closes with `await connection.aclose()`")
        if openai_client is not None:
            openai_client.close()

    async def aclose(self) -> None:
        """Close the connections of a client made by :func:`connect_async` (or by :func:`connect`)."""
        openai_client = self.client.client
        if isinstance(openai_client, openai.AsyncOpenAI):
            await openai_client.close()
        elif openai_client is not None:
            openai_client.close()


def _translated(error: IncompleteOutputException | InstructorRetryException,
                responses: _Responses) -> AnswerCutOff | AnswersInvalid:
    if isinstance(error, IncompleteOutputException):
        return AnswerCutOff(error.last_completion, responses.count or 1)
    return AnswersInvalid(str(error), error.last_completion, error.total_usage, responses.count or error.n_attempts)


def connect(settings: Settings, transport: httpx.BaseTransport | None = None) -> Connection:
    """A synchronous instructor client for ``settings``; ``transport`` carries its requests instead of the
    stack the settings choose (an ``httpx.MockTransport`` over a fake server, say)."""
    settings = replace(settings, model=settings.model_name)
    client = openai.OpenAI(
        api_key=settings.api_key or "not-needed",
        base_url=base_url(settings),
        http_client=httpx.Client(transport=transport or sync_transport(settings), timeout=settings.timeout),
        max_retries=0,
    )
    return Connection(instructor.from_openai(client, mode=_MODES[settings.effective_mode]), settings)


def connect_async(settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> Connection:
    """An asynchronous instructor client for ``settings`` (batch jobs against a server), ``transport`` as for
    :func:`connect`. Use it on one event loop and end with ``await connection.aclose()``: a server's
    connection pool belongs to that loop."""
    settings = replace(settings, model=settings.model_name)
    client = openai.AsyncOpenAI(
        api_key=settings.api_key or "not-needed",
        base_url=base_url(settings),
        http_client=httpx.AsyncClient(transport=transport or async_transport(settings), timeout=settings.timeout),
        max_retries=0,
    )
    return Connection(instructor.from_openai(client, mode=_MODES[settings.effective_mode]), settings)
