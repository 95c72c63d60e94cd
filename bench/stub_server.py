"""A local OpenAI-compatible stub server for benchmarks: answers every chat completion after a fixed delay
with a valid answer built from the response schema the request carries (:func:`answer_for`).

It is a real asynchronous HTTP server (aiohttp) on 127.0.0.1 only, so hundreds of concurrent keep-alive
connections cost one coroutine each. The answer matches what the client asked for: a tool call when the
request carries ``tools`` (instructor's TOOLS mode, our server default) and message content otherwise
(JSON, JSON_SCHEMA and MD_JSON modes). The answer names no one: the rules read the figures, sources and
quotes from the article, so a digest of the seed (``seeds/000_4cf0f7c4e857d004.txt``) through the stub
grounds every quote exactly, as through a real model.

Run it: ``python bench/stub_server.py --port 8765 --delay 0.2``; or from Python, :func:`running_stub`
(a background thread, for tests) or :func:`start_subprocess` (a separate process, for benchmarks).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aiohttp import web

__all__ = ["SEED", "SUMMARY", "STUB_MODEL", "answer_for", "schema_of", "completion", "make_app", "running_stub",
           "start_subprocess", "free_port", "stub_stats"]

HOST = "127.0.0.1"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4cf0f7c4e857d004.txt"
STUB_MODEL = "stub-digest"
PROMPT_TOKENS = 1480
COMPLETION_TOKENS = 410

SUMMARY = "Pakistan and Iran traded strikes across their border; each says it targeted militants."
_TEXTS = {"victims": "people"}
_SCHEMA_IN_MESSAGE = "json_schema:"


def schema_of(request: dict[str, Any]) -> dict[str, Any]:
    """The response schema a request carries: the tool's parameters (tools mode), the response format's
    schema (json_schema, json_object with a schema), or the one JSON mode writes into a message."""
    tools = request.get("tools") or []
    if tools:
        schema: dict[str, Any] = tools[0]["function"]["parameters"]
        return schema
    response_format = request.get("response_format") or {}
    found = (response_format.get("json_schema") or {}).get("schema") or response_format.get("schema")
    if found is not None:
        return dict(found)
    for message in request.get("messages") or []:
        content = message.get("content") or ""
        if _SCHEMA_IN_MESSAGE in content:
            text = content[content.index(_SCHEMA_IN_MESSAGE) + len(_SCHEMA_IN_MESSAGE):]
            schema, _ = json.JSONDecoder().raw_decode(text[text.index("{"):])
            return schema
    raise ValueError(f"the request carries no response schema: {sorted(request)}")


def _resolved(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    reference = node.get("$ref")
    if reference is None:
        return node
    resolved: dict[str, Any] = schema["$defs"][reference.rsplit("/", 1)[1]]
    return resolved


def _sentence_numbers(item: dict[str, Any]) -> list[int]:
    sentence = item["properties"]["sentence"]
    return list(sentence["enum"]) if "enum" in sentence else [sentence["const"]]


def _entry(item: dict[str, Any], number: int) -> dict[str, Any]:
    return {name: number if name == "sentence" else _TEXTS.get(name, "article") for name in item["properties"]}


def answer_for(request: dict[str, Any], summary: str = SUMMARY) -> dict[str, Any]:
    """A valid answer to ``request``, built from the schema it carries: each list with one entry per
    sentence number it allows, naming no one ("article"), and ``summary`` for the summary. The pipeline's
    rules read the figures, the named sources and the quotes from the article, as with any model."""
    schema = schema_of(request)
    answer: dict[str, Any] = {}
    for name, node in schema["properties"].items():
        node = _resolved(schema, node)
        if node.get("type") == "array":
            item = _resolved(schema, node["items"])
            answer[name] = [_entry(item, number) for number in _sentence_numbers(item)]
        else:
            answer[name] = summary
    return answer


def completion(request: dict[str, Any], number: int, answer: str | None = None) -> dict[str, Any]:
    """A chat.completion answering ``request`` with the JSON text ``answer`` (by default
    :func:`answer_for`'s): a tool call when the request offers tools, message content otherwise."""
    answer = json.dumps(answer_for(request), separators=(",", ":")) if answer is None else answer
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    finish_reason = "stop"
    tools = request.get("tools") or []
    if tools:
        name = tools[0].get("function", {}).get("name", "ModelPart")
        message["tool_calls"] = [{"id": f"call_{number}", "type": "function",
                                  "function": {"name": name, "arguments": answer}}]
        finish_reason = "tool_calls"
    else:
        message["content"] = answer
    return {
        "id": f"chatcmpl-stub-{number}",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": request.get("model") or STUB_MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
        "usage": {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS,
                  "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS},
    }


def make_app(delay: float) -> web.Application:
    """The aiohttp application: POST /v1/chat/completions answered after ``delay`` seconds."""
    counter = itertools.count(1)
    state = {"in_flight": 0, "peak_in_flight": 0, "served": 0}

    async def chat_completions(request: web.Request) -> web.Response:
        state["in_flight"] += 1
        state["peak_in_flight"] = max(state["peak_in_flight"], state["in_flight"])
        try:
            try:
                body = json.loads(await request.read())
            except json.JSONDecodeError as error:
                return web.json_response({"error": {"message": f"invalid JSON: {error}"}}, status=400)
            if delay > 0:
                await asyncio.sleep(delay)
            payload = json.dumps(completion(body, next(counter)), separators=(",", ":"))
            state["served"] += 1
            return web.Response(body=payload.encode(), content_type="application/json")
        finally:
            state["in_flight"] -= 1

    async def stats(_: web.Request) -> web.Response:
        return web.json_response({**state, "cpu_seconds": time.process_time()})

    async def reset(_: web.Request) -> web.Response:
        state.update(peak_in_flight=state["in_flight"], served=0)
        return web.json_response({**state, "cpu_seconds": time.process_time()})

    app = web.Application(client_max_size=16 * 1024 * 1024)
    app.router.add_post("/v1/chat/completions", chat_completions)
    app.router.add_get("/stats", stats)
    app.router.add_post("/stats/reset", reset)
    return app


async def _serve(port: int, delay: float, ready: threading.Event | None, stop: asyncio.Event) -> None:
    runner = web.AppRunner(make_app(delay), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, HOST, port, backlog=2048, reuse_address=True)
    await site.start()
    if ready is not None:
        ready.set()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_stub(delay: float = 0.0, port: int | None = None) -> Iterator[str]:
    """Serve in a background thread of this process; yields the base URL (``http://127.0.0.1:P/v1``)."""
    port = port or free_port()
    ready = threading.Event()
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            loop.run_until_complete(_serve(port, delay, ready, stop))
        except BaseException as error:  # surfaced to the caller below
            failure.append(error)
            ready.set()
        finally:
            loop.close()

    thread = threading.Thread(target=run, name="stub-server", daemon=True)
    thread.start()
    ready.wait(10)
    if failure:
        raise RuntimeError(f"stub server failed to start: {failure[0]}") from failure[0]
    try:
        yield f"http://{HOST}:{port}/v1"
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)


def _wait_until_up(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"stub server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/stats", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"stub server did not answer on port {port} within {timeout} s")


@contextlib.contextmanager
def start_subprocess(delay: float, port: int | None = None) -> Iterator[str]:
    """Serve from a separate Python process (its CPU is not the client's); yields the base URL."""
    port = port or free_port()
    command = [sys.executable, str(Path(__file__).resolve()), "--port", str(port), "--delay", str(delay)]
    process = subprocess.Popen(command)
    try:
        _wait_until_up(port, process, timeout=15)
        yield f"http://{HOST}:{port}/v1"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stub_stats(base_url: str, *, reset: bool = False) -> dict[str, float]:
    """The server's counters: requests served, the peak number in flight at once (both zeroed on reset), and
    the CPU seconds the server process has used (its thread's, when it runs in a thread)."""
    root = base_url.removesuffix("/v1")
    request = urllib.request.Request(f"{root}/stats/reset", method="POST") if reset else f"{root}/stats"
    with urllib.request.urlopen(request, timeout=5) as answer:
        stats: dict[str, float] = json.loads(answer.read())
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds before each answer (default 0.2)")
    arguments = parser.parse_args()
    stop = asyncio.Event()
    print(f"stub server on http://{HOST}:{arguments.port}/v1, delay {arguments.delay} s", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(arguments.port, arguments.delay, None, stop))


if __name__ == "__main__":
    main()
