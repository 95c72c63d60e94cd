"""Which structured-output form each kind of server honours, and which kind of server this is.

Instructor asks for structure one way per mode; servers constrain decoding for different forms and
ignore the others (decoding is then free, and a small model's answer drifts from the schema) or refuse them:

- llama-cpp-python's server: ``response_format {"type": "json_object", "schema": ...}``, or a forced tool
  call. The library ignores ``json_schema``; the 0.3.36 server refuses it (HTTP 500, which the transport
  would retry for its whole budget).
- llama.cpp's ``llama-server``, vLLM and Ollama's OpenAI endpoint: ``response_format`` ``json_schema``.
- OpenAI: ``json_schema`` with ``strict``, on a schema that lists every property as required.

The modes ``json_object_schema`` and ``json_schema_strict`` are instructor's JSON_SCHEMA mode with its
``response_format`` rewritten by :func:`response_format_rewrite` (summarise.transports applies it to each
request). :func:`choose_structure` asks the server once, with ``GET {base_url}/models``, which kind it is
(its ``owned_by``), and picks the form it honours; a failed or unclear probe keeps the default.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
from pydantic import BaseModel

from summarise.embedded import llama_response_format
from summarise.fixtures import FixtureMode
from summarise.settings import Settings

__all__ = ["PROBE_TIMEOUT", "ServerKind", "StructureChoice", "choose_structure", "probe_server_kind",
           "response_format_rewrite", "server_kind", "strict_schema"]

# Seconds for GET /models: an idle server lists its models at once. llama-cpp-python's waits for its model
# lock, so while it generates for another client the probe gives up and keeps the default.
PROBE_TIMEOUT = 3.0


class ServerKind(enum.Enum):
    LLAMA_CPP_PYTHON = "llama-cpp-python's server"
    LLAMA_CPP = "llama.cpp's llama-server"
    VLLM = "vLLM"
    OLLAMA = "Ollama"
    OPENAI = "OpenAI"
    UNKNOWN = "an unknown server"


# What each kind writes in ``owned_by`` of GET /models.
_KIND_BY_OWNER = {
    "me": ServerKind.LLAMA_CPP_PYTHON,
    "llamacpp": ServerKind.LLAMA_CPP,
    "vllm": ServerKind.VLLM,
    "library": ServerKind.OLLAMA,
    "ollama": ServerKind.OLLAMA,
    "openai": ServerKind.OPENAI,
    "system": ServerKind.OPENAI,
    "openai-internal": ServerKind.OPENAI,
}

# The mode each kind honours best, and every mode it constrains decoding for.
_PREFERRED_MODE = {
    ServerKind.LLAMA_CPP_PYTHON: "json_object_schema",
    ServerKind.LLAMA_CPP: "json_schema",
    ServerKind.VLLM: "json_schema",
    ServerKind.OLLAMA: "json_schema",
    ServerKind.OPENAI: "json_schema_strict",
}
_CONSTRAINED_MODES = {
    ServerKind.LLAMA_CPP_PYTHON: {"json_object_schema", "tools"},
    ServerKind.LLAMA_CPP: {"json_schema", "json_schema_strict", "json_object_schema"},
    ServerKind.VLLM: {"json_schema", "json_schema_strict", "tools"},
    ServerKind.OLLAMA: {"json_schema", "json_schema_strict"},
    ServerKind.OPENAI: {"json_schema_strict", "json_schema", "tools"},
}


class _ServedModel(BaseModel):
    id: str = ""
    owned_by: str = ""


class _ModelList(BaseModel):
    data: list[_ServedModel] = []


def server_kind(models: object, model: str | None = None) -> ServerKind:
    """The kind of server whose GET /models answered ``models``: by the ``owned_by`` of ``model`` when it is
    listed, else of the first model listed."""
    try:
        listed = _ModelList.model_validate(models).data
    except ValueError:
        return ServerKind.UNKNOWN
    chosen = [served for served in listed if served.id == model] or listed[:1]
    return _KIND_BY_OWNER.get(chosen[0].owned_by.lower(), ServerKind.UNKNOWN) if chosen else ServerKind.UNKNOWN


def probe_server_kind(base_url: str, api_key: str | None, model: str | None = None,
                      timeout: float = PROBE_TIMEOUT) -> ServerKind:
    """Ask ``GET {base_url}/models`` once which kind of server this is; UNKNOWN when it cannot tell (the
    probe never fails a run: the requests that follow report a server that is down)."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        response = httpx.get(f"{base_url.rstrip('/')}/models", headers=headers, timeout=timeout)
        response.raise_for_status()
        return server_kind(response.json(), model)
    except (httpx.HTTPError, ValueError):
        return ServerKind.UNKNOWN


@dataclass(frozen=True)
class StructureChoice:
    """The mode the requests use, and the kind of server they go to."""

    mode: str
    server: ServerKind

    @property
    def constrained(self) -> bool | None:
        """Whether the server is known to hold decoding to the schema in ``mode``; None when its kind is unknown."""
        constrained = _CONSTRAINED_MODES.get(self.server)
        return None if constrained is None else self.mode in constrained

    @property
    def warning(self) -> str | None:
        """What to tell the user when the server is known not to constrain decoding for ``mode``."""
        if self.constrained is not False:
            return None
        return (f"warning: {self.server.value} ignores or refuses the form --mode {self.mode} sends: the model is "
                f"not held to the schema; use --mode {_PREFERRED_MODE[self.server]}")


def choose_structure(settings: Settings) -> StructureChoice:
    """The mode for ``settings``: ``--mode`` when given, else the one the server's kind honours, else the
    default. A server is probed only when the run talks to it: never with fixtures (a recording must replay
    with the same requests, and replay makes no network call), never for the embedded model."""
    if settings.backend != "server" or settings.fixtures is not FixtureMode.OFF:
        return StructureChoice(settings.effective_mode, ServerKind.UNKNOWN)
    if settings.base_url is None:
        kind = ServerKind.OPENAI  # an API key and no URL: the openai client's own endpoint
    else:
        kind = probe_server_kind(settings.base_url, settings.api_key, settings.model)
    return StructureChoice(settings.mode or _PREFERRED_MODE.get(kind, settings.effective_mode), kind)


def strict_schema(schema: Any) -> Any:
    """``schema`` as OpenAI's strict structured outputs accept it: every object lists all its properties as
    required and allows no others; a ``null`` default goes (the field stays nullable)."""
    if isinstance(schema, list):
        return [strict_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    strict: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "default" and value is None:
            continue
        if key in ("properties", "$defs") and isinstance(value, dict):
            strict[key] = {name: strict_schema(part) for name, part in value.items()}
        else:
            strict[key] = strict_schema(value)
    if isinstance(strict.get("properties"), dict):
        strict["required"] = list(strict["properties"])
        strict["additionalProperties"] = False
    return strict


def _strict_response_format(response_format: dict[str, Any]) -> dict[str, Any]:
    if response_format.get("type") != "json_schema":
        return response_format
    json_schema = response_format["json_schema"]
    return {"type": "json_schema",
            "json_schema": {**json_schema, "schema": strict_schema(json_schema["schema"]), "strict": True}}


_REWRITES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "json_object_schema": llama_response_format,
    "json_schema_strict": _strict_response_format,
}


def response_format_rewrite(mode: str) -> Callable[[dict[str, Any]], dict[str, Any]] | None:
    """How ``mode`` rewrites the ``response_format`` instructor's JSON_SCHEMA mode sends; None: it is sent
    as instructor made it."""
    return _REWRITES.get(mode)
