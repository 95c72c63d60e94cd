"""The httpx transport stack under the openai client, chosen from Settings.

Innermost the backend: llama.cpp in-process (one instance per model file and context size for the whole
process), or a server behind the transport's retries. Around it the fixture layer (record / replay /
auto). In replay mode nothing behind the fixtures is built: no weights are loaded and no socket is opened.
Outermost, for the modes that need it, the rewrite of ``response_format`` into the form the server honours
(summarise.structured), so a fixture holds the request as it was sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import httpx2 as httpx

from summarise.aio_transport import AiohttpTransport
from summarise.embedded import LlamaTransport
from summarise.errors import ConfigurationError
from summarise.fixtures import (
    AsyncRecordReplayTransport,
    FixtureMode,
    FixtureStore,
    OfflineTransport,
    RecordReplayTransport,
)
from summarise.native import check_native_build
from summarise.retrying import AsyncRetryingTransport, RetryingTransport
from summarise.settings import Settings
from summarise.structured import response_format_rewrite
from summarise.weights import default_model_path

__all__ = ["EMBEDDED_BASE_URL", "ResponseFormatTransport", "base_url", "sync_transport", "async_transport"]

EMBEDDED_BASE_URL = "http://embedded.invalid/v1"

_shared_llama: dict[tuple[Path, int], LlamaTransport] = {}


def _embedded_transport(settings: Settings) -> LlamaTransport:
    """One llama.cpp instance per model file and context size for the whole process."""
    path = Path(settings.model_path) if settings.model_path else default_model_path()
    if not path.is_file():
        raise ConfigurationError(f"model file {path} does not exist")
    check_native_build()
    key = (path.resolve(), settings.n_ctx)
    if key not in _shared_llama:
        _shared_llama[key] = LlamaTransport(path, n_ctx=settings.n_ctx)
    return _shared_llama[key]


class ResponseFormatTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Rewrites the ``response_format`` of each request with ``rewrite`` before ``inner`` carries it (as
    synchronous or asynchronous as ``inner`` is)."""

    def __init__(self, inner: httpx.BaseTransport | httpx.AsyncBaseTransport,
                 rewrite: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        self.inner = inner
        self.rewrite = rewrite

    def _rewritten(self, request: httpx.Request) -> httpx.Request:
        body = json.loads(request.content or b"{}")
        if not isinstance(body.get("response_format"), dict):
            return request
        body["response_format"] = self.rewrite(body["response_format"])
        headers = [(name, value) for name, value in request.headers.multi_items() if name.lower() != "content-length"]
        return httpx.Request(request.method, request.url, headers=headers, content=json.dumps(body).encode(),
                             extensions=request.extensions)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self.inner, httpx.BaseTransport)
        return self.inner.handle_request(self._rewritten(request))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self.inner, httpx.AsyncBaseTransport)
        return await self.inner.handle_async_request(self._rewritten(request))

    def close(self) -> None:
        if isinstance(self.inner, httpx.BaseTransport):
            self.inner.close()

    async def aclose(self) -> None:
        if isinstance(self.inner, httpx.AsyncBaseTransport):
            await self.inner.aclose()
        else:
            self.inner.close()


def base_url(settings: Settings) -> str:
    """Where the openai client sends its requests (a placeholder for the in-process model)."""
    if settings.backend == "embedded":
        return EMBEDDED_BASE_URL
    return settings.base_url or "https://api.openai.com/v1"


def sync_transport(settings: Settings) -> httpx.BaseTransport:
    """The stack under :func:`summarise.llm.connect`: a server is reached through httpx's own transport."""
    return _stack(settings, lambda: RetryingTransport(httpx.HTTPTransport(), settings.retry), RecordReplayTransport)


def async_transport(settings: Settings) -> httpx.AsyncBaseTransport:
    """The stack under :func:`summarise.llm.connect_async`: a server is reached through an aiohttp pool."""
    return _stack(settings, lambda: AsyncRetryingTransport(AiohttpTransport(), settings.retry),
                  AsyncRecordReplayTransport)


Transport = TypeVar("Transport", httpx.BaseTransport, httpx.AsyncBaseTransport)


def _stack(settings: Settings, server: Callable[[], Transport],
           fixtures: Callable[[Transport, FixtureStore, FixtureMode], Transport]) -> Transport:
    """The backend (nothing in replay mode), inside the fixture layer unless fixtures are off, inside the
    mode's rewrite of ``response_format`` when it has one."""
    inner: Transport
    if settings.fixtures is FixtureMode.REPLAY:
        inner = OfflineTransport()
    elif settings.backend == "embedded":
        inner = _embedded_transport(settings)
    else:
        inner = server()
    if settings.fixtures is not FixtureMode.OFF:
        inner = fixtures(inner, FixtureStore(settings.fixtures_dir), settings.fixtures)
    rewrite = response_format_rewrite(settings.effective_mode)
    return inner if rewrite is None else cast(Transport, ResponseFormatTransport(inner, rewrite))
