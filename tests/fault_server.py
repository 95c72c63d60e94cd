"""A fault-injection OpenAI-compatible server for tests: the real CLI, client, transports, instructor and
pipeline talk HTTP to it on 127.0.0.1, so nothing of ours is replaced.

It answers ``POST /v1/chat/completions`` with the canned JSON of the response model the request asks for
(``ModelPart`` for the single strategy; ``CasualtyPass``, ``ClaimPass`` and ``OverviewPass`` for the
passes), else with a valid answer built from the request's schema (bench/stub_server.py's ``answer_for``), wrapped as
bench/stub_server.py wraps its digest: a tool call in TOOLS mode, message content otherwise. A canned
answer may be a string, to send text that is not valid JSON. Faults come first: each queued HTTP status
is answered once, in order, with an OpenAI-style error body and a ``Retry-After`` header (``retry_after``;
"0" by default, so a test does not wait out a backoff, None for none). Every request body is kept, so a
test can check what the model was asked. ``GET /v1/models`` answers ``models`` (the list a kind of server
gives; 404 when None), and each such probe is counted.

    with running_fault_server({"ModelPart": {"summary": "A fire."}}, faults=[500]) as server:
        main(["article.txt", "--base-url", server.base_url, "--model", FAULT_MODEL])
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import json
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["FAULT_MODEL", "FaultServer", "bench_stub", "running_fault_server"]

HOST = "127.0.0.1"
FAULT_MODEL = "fault-model"
_BENCH_STUB = Path(__file__).resolve().parent.parent / "bench" / "stub_server.py"


@cache
def bench_stub() -> ModuleType:
    """bench/stub_server.py as a module (bench/ is not a package): its ``completion`` builds the envelope."""
    spec = importlib.util.spec_from_file_location("bench_stub_server", _BENCH_STUB)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class FaultServer:
    """What the server answers, and what it was asked. ``base_url`` is set once it listens."""

    answers: Mapping[str, Any]
    faults: list[int] = field(default_factory=list)
    retry_after: str | None = "0"
    models: Mapping[str, Any] | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    probes: int = 0
    base_url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1), repr=False)

    def asked_for(self) -> list[str | None]:
        """The response model of each request received, in order."""
        return [_response_model(request) for request in self.requests]

    def reply(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The status and JSON body that answer the request ``body``; a fault has a status of 400 or more."""
        with self._lock:
            self.requests.append(body)
            fault = self.faults.pop(0) if self.faults else None
            number = next(self._numbers)
        if fault is not None:
            return fault, {"error": {"message": f"injected fault {fault}", "type": "fault", "code": fault}}
        name = _response_model(body)
        try:
            answer = self.answers[name] if name in self.answers else bench_stub().answer_for(body)
        except ValueError as error:
            return 400, {"error": {"message": f"no canned answer for {name!r} and {error}"}}
        text = answer if isinstance(answer, str) else json.dumps(answer)
        envelope: dict[str, Any] = bench_stub().completion(body, number, text)
        return 200, envelope


def _response_model(body: dict[str, Any]) -> str | None:
    """The name of the response model: the tool's (TOOLS mode) or the JSON schema's (JSON_SCHEMA mode)."""
    tools = body.get("tools") or []
    if tools:
        name = tools[0].get("function", {}).get("name")
        return str(name) if name else None
    schema = (body.get("response_format") or {}).get("json_schema") or {}
    return str(schema["name"]) if schema.get("name") else None


def _handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length))
            except json.JSONDecodeError as error:
                status, answer = 400, {"error": {"message": f"invalid JSON: {error}"}}
            else:
                status, answer = server.reply(body) if self.path.endswith("/chat/completions") else (
                    404, {"error": {"message": f"no route {self.path}"}})
            self._send(status, answer)

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            with server._lock:
                server.probes += 1
            if self.path.endswith("/models") and server.models is not None:
                self._send(200, dict(server.models))
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def _send(self, status: int, answer: dict[str, Any]) -> None:
            payload = json.dumps(answer).encode()
            self.send_response(status)
            if status >= 400 and server.retry_after is not None:
                self.send_header("Retry-After", server.retry_after)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
            """Quiet: pytest shows what a failing test printed, and the requests are in ``server.requests``."""

    return Handler


@contextlib.contextmanager
def running_fault_server(answers: Mapping[str, Any] | None = None, faults: Iterable[int] = (),
                         retry_after: str | None = "0", models: Mapping[str, Any] | None = None
                         ) -> Iterator[FaultServer]:
    """Serve on 127.0.0.1 at a free port in a background thread; stop when the block ends."""
    server = FaultServer(dict(answers or {}), list(faults), retry_after, models)
    http = ThreadingHTTPServer((HOST, 0), _handler(server))
    http.daemon_threads = True
    server.base_url = f"http://{HOST}:{http.server_address[1]}/v1"
    thread = threading.Thread(target=http.serve_forever, name="fault-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        http.shutdown()
        http.server_close()
        thread.join(10)
