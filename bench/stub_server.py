"""A local OpenAI-compatible stub server for benchmarks: answers every chat completion with a recorded-style
digest of the seed article after a fixed delay.

It is a real asynchronous HTTP server (aiohttp) on 127.0.0.1 only, so hundreds of concurrent keep-alive
connections cost one coroutine each. The answer matches what the client asked for: a tool call when the
request carries ``tools`` (instructor's TOOLS mode, our server default) and message content otherwise
(JSON, JSON_SCHEMA and MD_JSON modes). Every quote in the digest is copied verbatim from
``seeds/000_4cf0f7c4e857d004.txt`` (after ingest's boilerplate stripping), so grounding finds all of them
with status ``exact``.

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

__all__ = ["SEED", "DIGEST", "STUB_MODEL", "completion", "make_app", "running_stub", "start_subprocess",
           "free_port", "stub_stats"]

HOST = "127.0.0.1"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4cf0f7c4e857d004.txt"
STUB_MODEL = "stub-digest"
PROMPT_TOKENS = 1480
COMPLETION_TOKENS = 410

DIGEST: dict[str, Any] = {
    "summary": (
        "Pakistan says it struck terrorist hideouts in Iran's Sistan and Baluchestan province, a day after Iran "
        "carried out a missile and drone strike in Balochistan. An Iranian official says seven non-Iranian "
        "nationals were killed in blasts in Saravan. Pakistan says Iran's strike killed two children."
    ),
    "parties": [
        {"id": "pakistan", "name": "Pakistan government", "kind": "government", "side": "Pakistan"},
        {"id": "iran_official", "name": "Deputy governor general of Sistan and Baluchestan", "kind": "official",
         "side": "Iran"},
        {"id": "iran", "name": "Tehran's foreign minister", "kind": "government", "side": "Iran"},
        {"id": "china", "name": "Chinese Foreign Ministry", "kind": "government", "side": "China"},
    ],
    "claims": [
        {
            "party_id": "pakistan",
            "speaker": "an official statement",
            "quote": "This morning Pakistan undertook a series of highly coordinated and specifically targeted "
            "precision military strikes against terrorist hideouts in Siestan-o-Baluchistan province of Iran.",
            "paraphrase": "Pakistan says it carried out targeted strikes on terrorist hideouts inside Iran.",
        },
        {
            "party_id": "iran",
            "speaker": "Tehran's foreign minister",
            "quote": "claimed that the strikes were aimed at Jaish al-Adl, a group Iran considers a terrorist "
            "organisation",
            "paraphrase": "Iran says its strikes in Pakistan targeted the Jaish al-Adl group.",
        },
        {
            "party_id": "china",
            "speaker": "The Chinese Foreign Ministry",
            "quote": "China on Wednesday called on both nations to exercise restraint in handling their ongoing "
            "conflict after the deadly strike.",
            "paraphrase": "China urges both countries to show restraint.",
        },
    ],
    "casualties": [
        {
            "quote": "said that seven non-Iranian nationals were killed in the blasts",
            "reported_by": "iran_official",
            "event": "Explosions in the Iranian city of Saravan on Thursday",
            "perpetrator": "Pakistan",
            "victims": "non-Iranian nationals",
            "killed": {"text": "seven", "qualifier": "exact", "number": 7, "high": None},
            "injured": None,
        },
        {
            "quote": "which resulted in the deaths of two children and injuries to three others in Balochistan",
            "reported_by": "pakistan",
            "event": "Iranian missile and drone strike in Balochistan on Tuesday",
            "perpetrator": "Iran",
            "victims": "children",
            "killed": {"text": "two children", "qualifier": "exact", "number": 2, "high": None},
            "injured": {"text": "three others", "qualifier": "exact", "number": 3, "high": None},
        },
    ],
}
_DIGEST_JSON = json.dumps(DIGEST, separators=(",", ":"))


def completion(request: dict[str, Any], number: int, answer: str = _DIGEST_JSON) -> dict[str, Any]:
    """A chat.completion answering ``request`` with the JSON text ``answer`` (by default the seed's digest):
    a tool call when the request offers tools, message content otherwise."""
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    finish_reason = "stop"
    tools = request.get("tools") or []
    if tools:
        name = tools[0].get("function", {}).get("name", "Digest")
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
