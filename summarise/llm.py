"""The one seam to the LLM: builds the openai client, wraps it with instructor, picks the backend.

Backends, chosen from options and environment:

- ``server``: any OpenAI-compatible endpoint, when ``base_url`` (or ``OPENAI_BASE_URL``) or
  ``OPENAI_API_KEY`` is given; ``model`` names the served model.
- ``embedded``: otherwise, llama.cpp in-process with the default GGUF (or ``model_path``).

Whatever the backend, requests pass through the fixture layer (off / record / replay / auto). In replay
mode nothing behind the fixtures is built: no weights are loaded and no socket is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx2 as httpx
import instructor
import openai

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
from summarise.retrying import AsyncRetryingTransport, RetryingTransport, RetryPolicy
from summarise.weights import DEFAULT_MODEL, default_model_path

__all__ = ["Settings", "Connection", "connect", "connect_async", "settings_from_env"]

EMBEDDED_BASE_URL = "http://embedded.invalid/v1"
DEFAULT_TIMEOUT = 300.0  # seconds a server may take for one answer: a long generation on a slow server
_MODES = {"json_schema": instructor.Mode.JSON_SCHEMA, "tools": instructor.Mode.TOOLS, "json": instructor.Mode.JSON}


@dataclass(frozen=True)
class Settings:
    """Everything that decides which model answers and how.

    ``timeout`` is how long a server may take for one answer; ``retry`` how often and how long in all the
    transport retries a request. The retry budget is never shorter than ``timeout``: it grows to hold one
    whole attempt.
    """

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model_path: Path | None = None
    fixtures: FixtureMode = FixtureMode.OFF
    fixtures_dir: Path = Path("fixtures")
    mode: str | None = None
    strategy: str | None = None
    temperature: float = 0.0
    max_tokens: int = 2048
    n_ctx: int = 8192
    timeout: float = DEFAULT_TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    def __post_init__(self) -> None:
        # Accept plain strings for the enum and path fields (Settings(fixtures="replay") from Python).
        object.__setattr__(self, "fixtures", FixtureMode(self.fixtures))
        object.__setattr__(self, "fixtures_dir", Path(self.fixtures_dir))
        # One answer may take ``timeout`` seconds; the retries of a request get at least that long in all.
        if self.timeout > self.retry.budget_seconds:
            object.__setattr__(self, "retry", RetryPolicy(self.retry.attempts, self.timeout, self.retry.max_wait))

    @property
    def backend(self) -> str:
        return "server" if self.base_url or self.api_key else "embedded"

    @property
    def model_name(self) -> str:
        if self.backend == "server":
            if not self.model:
                raise ConfigurationError("a server backend needs --model (the name the server serves)")
            return self.model
        if self.model and self.model_path is None and self.model != DEFAULT_MODEL.name:
            raise ConfigurationError(
                f"--model {self.model} needs a server: give --base-url (or OPENAI_BASE_URL) or OPENAI_API_KEY; "
                "for a local GGUF file use --model-path"
            )
        if self.model_path is not None:
            return Path(self.model_path).stem
        return DEFAULT_MODEL.name

    @property
    def instructor_mode(self) -> instructor.Mode:
        name = self.mode or ("json_schema" if self.backend == "embedded" else "tools")
        if name not in _MODES:
            raise ConfigurationError(f"unknown mode {name!r}; choose one of {', '.join(_MODES)}")
        if self.backend == "embedded" and name != "json_schema":
            raise ConfigurationError("the embedded model supports --mode json_schema only")
        return _MODES[name]


def settings_from_env(**options: object) -> Settings:
    """Settings from explicit options, falling back to OPENAI_* and SUMMARISE_* environment variables."""
    given = {name: value for name, value in options.items() if value is not None}
    given.setdefault("base_url", os.environ.get("OPENAI_BASE_URL") or None)
    given.setdefault("api_key", os.environ.get("OPENAI_API_KEY") or None)
    given.setdefault("fixtures", os.environ.get("SUMMARISE_FIXTURES") or FixtureMode.OFF)
    given.setdefault("fixtures_dir", os.environ.get("SUMMARISE_FIXTURES_DIR") or "fixtures")
    if given.get("model_path") and given.get("base_url"):
        raise ConfigurationError("--model-path is for the embedded model; it cannot be combined with --base-url")
    try:
        given["fixtures"] = FixtureMode(given["fixtures"])
    except ValueError as error:
        raise ConfigurationError(f"fixture mode must be one of off, record, replay, auto: {error}") from error
    given["fixtures_dir"] = Path(str(given["fixtures_dir"]))
    if given.get("model_path") is not None:
        given["model_path"] = Path(str(given["model_path"]))
    return Settings(**given)  # type: ignore[arg-type]


@dataclass
class Connection:
    """An instructor client plus what provenance needs to know about it."""

    client: instructor.Instructor | instructor.AsyncInstructor
    settings: Settings

    @property
    def backend(self) -> str:
        return "replay" if self.settings.fixtures is FixtureMode.REPLAY else self.settings.backend

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


def _base_url(settings: Settings) -> str:
    if settings.backend == "embedded":
        return EMBEDDED_BASE_URL
    return settings.base_url or "https://api.openai.com/v1"


def _sync_transport(settings: Settings) -> httpx.BaseTransport:
    inner: httpx.BaseTransport
    if settings.fixtures is FixtureMode.REPLAY:
        inner = OfflineTransport()
    elif settings.backend == "embedded":
        inner = _embedded_transport(settings)
    else:
        inner = RetryingTransport(httpx.HTTPTransport(), settings.retry)
    if settings.fixtures is FixtureMode.OFF:
        return inner
    return RecordReplayTransport(inner, FixtureStore(settings.fixtures_dir), settings.fixtures)


def _async_transport(settings: Settings) -> httpx.AsyncBaseTransport:
    inner: httpx.AsyncBaseTransport
    if settings.fixtures is FixtureMode.REPLAY:
        inner = OfflineTransport()
    elif settings.backend == "embedded":
        inner = _embedded_transport(settings)
    else:
        inner = AsyncRetryingTransport(AiohttpTransport(), settings.retry)
    if settings.fixtures is FixtureMode.OFF:
        return inner
    return AsyncRecordReplayTransport(inner, FixtureStore(settings.fixtures_dir), settings.fixtures)


def connect(settings: Settings) -> Connection:
    """A synchronous instructor client for ``settings``."""
    settings = replace(settings, model=settings.model_name)
    client = openai.OpenAI(
        api_key=settings.api_key or "not-needed",
        base_url=_base_url(settings),
        http_client=httpx.Client(transport=_sync_transport(settings), timeout=settings.timeout),
        max_retries=0,
    )
    return Connection(instructor.from_openai(client, mode=settings.instructor_mode), settings)


def connect_async(settings: Settings) -> Connection:
    """An asynchronous instructor client for ``settings`` (batch jobs against a server). Use it on one event
    loop and end with ``await connection.aclose()``: a server's connection pool belongs to that loop."""
    settings = replace(settings, model=settings.model_name)
    client = openai.AsyncOpenAI(
        api_key=settings.api_key or "not-needed",
        base_url=_base_url(settings),
        http_client=httpx.AsyncClient(transport=_async_transport(settings), timeout=settings.timeout),
        max_retries=0,
    )
    return Connection(instructor.from_openai(client, mode=settings.instructor_mode), settings)
