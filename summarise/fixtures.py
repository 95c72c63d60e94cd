"""Record and replay LLM responses at the HTTP boundary, as httpx transports.

A fixture is keyed by a SHA-256 of the canonical request body (model, messages, response schema,
sampling parameters; headers such as the API key never enter the key or the file). Files are readable,
diff-friendly JSON: a request summary (message roles, lengths and hashes, never the article text), the
response, the model and when it was recorded.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import httpx2 as httpx

from summarise.errors import FixtureMissingError

__all__ = ["FixtureMode", "FixtureStore", "RecordReplayTransport", "AsyncRecordReplayTransport", "OfflineTransport"]


class FixtureMode(str, Enum):
    """off: call the model; record: call and save; replay: saved only; auto: replay, record what is missing."""

    OFF = "off"
    RECORD = "record"
    REPLAY = "replay"
    AUTO = "auto"


def request_key(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _summary(body: dict[str, Any]) -> dict[str, Any]:
    messages = [
        {
            "role": message.get("role"),
            "chars": len(str(message.get("content", ""))),
            "sha256": hashlib.sha256(str(message.get("content", "")).encode("utf-8")).hexdigest()[:16],
        }
        for message in body.get("messages", [])
    ]
    response_format = body.get("response_format") or {}
    schema_name = (response_format.get("json_schema") or {}).get("name") or response_format.get("type")
    return {
        "model": body.get("model"),
        "messages": messages,
        "response_format": schema_name,
        "temperature": body.get("temperature"),
        "max_tokens": body.get("max_tokens"),
    }


class FixtureStore:
    """A folder of fixture files, one per request key."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path_for(self, key: str) -> Path:
        return self.directory / f"{key[:20]}.json"

    def load(self, key: str) -> dict[str, Any] | None:
        path = self.path_for(key)
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["response"] if data.get("key") == key else None

    def save(self, key: str, body: dict[str, Any], response: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        record = {
            "key": key,
            "recorded_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "model": body.get("model"),
            "request": _summary(body),
            "response": response,
        }
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".fixture-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(record, out, indent=2, ensure_ascii=False, sort_keys=True)
            out.write("\n")
        os.replace(temporary, self.path_for(key))


def _json_response(request: httpx.Request, payload: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json=payload, request=request)


class _RecordReplay:
    def __init__(self, store: FixtureStore, mode: FixtureMode) -> None:
        self.store = store
        self.mode = mode

    def _lookup(self, request: httpx.Request) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        body = json.loads(request.content or b"{}")
        key = request_key(body)
        cached = None if self.mode is FixtureMode.RECORD else self.store.load(key)
        if cached is None and self.mode is FixtureMode.REPLAY:
            summary = _summary(body)
            description = f"model {summary['model']}, {len(summary['messages'])} messages"
            raise FixtureMissingError(key[:20], description, self.store.directory)
        return key, body, cached

    def _keep(self, key: str, body: dict[str, Any], response: httpx.Response) -> None:
        if response.status_code == 200:
            self.store.save(key, body, response.json())


class RecordReplayTransport(_RecordReplay, httpx.BaseTransport):
    """Replays saved responses and records new ones from ``inner`` as the mode says."""

    def __init__(self, inner: httpx.BaseTransport, store: FixtureStore, mode: FixtureMode) -> None:
        super().__init__(store, mode)
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        key, body, cached = self._lookup(request)
        if cached is not None:
            return _json_response(request, cached)
        response = self.inner.handle_request(request)
        response.read()
        self._keep(key, body, response)
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncRecordReplayTransport(_RecordReplay, httpx.AsyncBaseTransport):
    """The asynchronous twin of :class:`RecordReplayTransport`."""

    def __init__(self, inner: httpx.AsyncBaseTransport, store: FixtureStore, mode: FixtureMode) -> None:
        super().__init__(store, mode)
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key, body, cached = self._lookup(request)
        if cached is not None:
            return _json_response(request, cached)
        response = await self.inner.handle_async_request(request)
        await response.aread()
        self._keep(key, body, response)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class OfflineTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Refuses every request: what replay mode talks to behind the fixtures, so nothing reaches a network."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError(f"network access attempted in replay mode: {request.method} {request.url}")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self.handle_request(request)
