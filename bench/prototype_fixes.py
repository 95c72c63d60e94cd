"""Prototypes, for the benchmark only, of the fixes bench/README.md proposes; applied by monkeypatching
inside the benchmark process so the gain can be measured before anyone edits summarise/.

- :func:`our_fixes` (fixes for summarise/extract.py ``_request``):
  1. pass instructor a response model wrapped ONCE per class (``instructor.response_schema``, cached).
     Instructor otherwise builds a new pydantic class with ``create_model`` on every call, which also
     defeats the ``lru_cache`` of ``generate_openai_schema``: the JSON schema is regenerated per request.
  2. never let instructor render the article as a Jinja2 template: with a validation ``context``,
     instructor passes every message through ``SandboxedEnvironment().from_string(content).render(...)``
     (slow, and wrong: ``{{ 7 * 7 }}`` in an article becomes ``49``; ``{#`` or ``{% raw %}`` raise
     TemplateSyntaxError). Each message becomes the template ``{{ message_N }}`` and its text goes in the
     context, so Jinja inserts it verbatim.
- :func:`aiohttp_pool` (a fix for summarise/llm.py ``_async_transport``): httpcore2's connection pool scans
  every pooled connection (``has_expired`` -> ``is_readable``: a ``getpeername`` and a ``poll`` system call
  each) twice per request, so at ``-j 64`` each request pays ~130 system calls; :class:`AiohttpTransport`
  answers the openai client's requests from aiohttp's pool (C HTTP parser, O(1) connection reuse).
- :func:`instructor_memo` (an upstream fix for instructor): ``reject_async_validators`` walks the whole
  response model (every field, every base class) seven times per call; memoise it per model.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

import aiohttp
import httpx2 as httpx
import instructor
import instructor.v2.core.patch as instructor_patch
import instructor.v2.validation.async_validators as async_validators

import summarise.extract

__all__ = ["our_fixes", "aiohttp_pool", "AiohttpTransport", "instructor_memo", "placeholder_messages"]


@functools.cache
def _wrapped(model: type[Any]) -> type[Any]:
    return instructor.response_schema(model)


def placeholder_messages(messages: list[dict[str, str]], context: dict[str, Any]) -> tuple[
        list[dict[str, str]], dict[str, Any]]:
    """Messages whose contents are Jinja placeholders, and the context that fills them verbatim."""
    texts = {f"message_{number}": message["content"] for number, message in enumerate(messages)}
    templated = [{**message, "content": f"{{{{ message_{number} }}}}"} for number, message in enumerate(messages)]
    return templated, {**context, **texts}


@contextlib.contextmanager
def our_fixes() -> Iterator[None]:
    original = summarise.extract._request

    def request(*arguments: Any, **keywords: Any) -> dict[str, Any]:
        built: dict[str, Any] = original(*arguments, **keywords)
        built["response_model"] = _wrapped(built["response_model"])
        if built.get("context"):
            built["messages"], built["context"] = placeholder_messages(built["messages"], built["context"])
        return built

    summarise.extract._request = request
    try:
        yield
    finally:
        summarise.extract._request = original


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


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An httpx2 transport that sends through one aiohttp session (its pool is unbounded, like ours)."""

    def __init__(self, **_: Any) -> None:
        self._session: aiohttp.ClientSession | None = None

    def _client_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), auto_decompress=False)
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = request.extensions.get("timeout") or {}
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in request.headers.raw]
        try:
            async with self._client_session().request(
                request.method, str(request.url), headers=headers, data=await request.aread(),
                timeout=aiohttp.ClientTimeout(sock_connect=timeout.get("connect"), sock_read=timeout.get("read")),
            ) as answer:
                body = await answer.read()
                return httpx.Response(answer.status, headers=list(answer.raw_headers), content=body, request=request)
        except TimeoutError as error:
            raise httpx.ReadTimeout(str(error), request=request) from error
        except aiohttp.ClientConnectionError as error:
            raise httpx.ConnectError(str(error), request=request) from error

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


@contextlib.contextmanager
def aiohttp_pool() -> Iterator[None]:
    """summarise.llm builds ``httpx.AsyncHTTPTransport``; hand it an :class:`AiohttpTransport` instead."""
    original = httpx.AsyncHTTPTransport
    httpx.AsyncHTTPTransport = AiohttpTransport  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        httpx.AsyncHTTPTransport = original  # type: ignore[misc]
