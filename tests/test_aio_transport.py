"""The aiohttp-backed httpx transport of the server backend, against real local servers on 127.0.0.1: what
goes through unchanged, and which httpx errors the transport's retry layer sees when the server fails."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx2 as httpx
import pytest
from aiohttp import web

from summarise.aio_transport import AiohttpTransport
from summarise.retrying import AsyncRetryingTransport, RetryPolicy

HOST = "127.0.0.1"
NO_WAIT = RetryPolicy(attempts=3, max_wait=0.0)


class CountingTransport(AiohttpTransport):
    """Counts the requests the retry layer hands down, whether they reach a server or not."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        return await super().handle_async_request(request)


@contextlib.asynccontextmanager
async def serving(method: str, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> AsyncIterator[str]:
    """An aiohttp server on this event loop that answers ``method /any/path`` with ``handler``; its URL."""
    app = web.Application()
    app.router.add_route(method, "/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, HOST, 0).start()
    try:
        yield f"http://{HOST}:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


@contextlib.asynccontextmanager
async def dropping_every_connection() -> AsyncIterator[str]:
    """A server that reads the request and hangs up without an answer; its URL."""

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(hang_up, HOST, 0)
    try:
        yield f"http://{HOST}:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()
        await server.wait_closed()


def refused_url() -> str:
    """A loopback URL that nothing listens on."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return f"http://{HOST}:{probe.getsockname()[1]}"


async def send(transport: httpx.AsyncBaseTransport, method: str, url: str, **options: Any) -> httpx.Response:
    async with httpx.AsyncClient(transport=transport) as client:
        return await client.request(method, url, **options)


def test_a_request_and_its_answer_go_through_unchanged() -> None:
    async def echo(request: web.Request) -> web.Response:
        seen = {"method": request.method, "path": request.path_qs, "key": request.headers["X-Key"],
                "body": (await request.read()).decode()}
        return web.json_response(seen, status=201, headers={"X-Answer": "yes"})

    async def scenario() -> httpx.Response:
        async with serving("POST", echo) as url:
            return await send(AiohttpTransport(), "POST", f"{url}/v1/chat/completions?a=%20b",
                              content=b'{"text": "{{ 1 + 1 }} {#"}', headers={"X-Key": "k"})

    response = asyncio.run(scenario())

    assert (response.status_code, response.headers["x-answer"], response.http_version) == (201, "yes", "HTTP/1.1")
    assert response.json() == {"method": "POST", "path": "/v1/chat/completions?a=%20b", "key": "k",
                               "body": '{"text": "{{ 1 + 1 }} {#"}'}


def test_a_gzip_answer_is_decoded_once() -> None:
    async def compressed(_: web.Request) -> web.Response:
        return web.Response(body=gzip.compress(b'{"answer": 42}'), content_type="application/json",
                            headers={"Content-Encoding": "gzip"})

    async def scenario() -> httpx.Response:
        async with serving("GET", compressed) as url:
            return await send(AiohttpTransport(), "GET", url)

    assert asyncio.run(scenario()).json() == {"answer": 42}


def test_a_server_error_is_retried_by_the_retry_layer() -> None:
    answers = [web.json_response({"error": "overloaded"}, status=503), web.json_response({"ok": True})]

    async def failing_once(_: web.Request) -> web.Response:
        return answers.pop(0)

    async def scenario() -> tuple[httpx.Response, int]:
        transport = CountingTransport()
        async with serving("POST", failing_once) as url:
            response = await send(AsyncRetryingTransport(transport, NO_WAIT), "POST", url, json={})
        return response, transport.sent

    response, sent = asyncio.run(scenario())

    assert (response.status_code, response.json(), sent) == (200, {"ok": True}, 2)


def test_a_refused_connection_is_a_connect_error_retried_until_the_attempts_run_out() -> None:
    transport = CountingTransport()

    with pytest.raises(httpx.ConnectError):
        asyncio.run(send(AsyncRetryingTransport(transport, NO_WAIT), "POST", refused_url(), json={}))

    assert transport.sent == NO_WAIT.attempts


def test_a_slow_answer_is_a_read_timeout() -> None:
    async def scenario() -> None:
        release = asyncio.Event()

        async def slow(_: web.Request) -> web.Response:
            await release.wait()
            return web.json_response({})

        async with serving("POST", slow) as url:
            try:
                await send(AiohttpTransport(), "POST", url, json={}, timeout=httpx.Timeout(5.0, read=0.05))
            finally:
                release.set()

    with pytest.raises(httpx.ReadTimeout):
        asyncio.run(scenario())


def test_a_connection_dropped_before_the_answer_is_a_remote_protocol_error() -> None:
    async def scenario() -> None:
        async with dropping_every_connection() as url:
            await send(AiohttpTransport(), "POST", url, json={})

    with pytest.raises(httpx.RemoteProtocolError):
        asyncio.run(scenario())


def test_a_dropped_connection_is_retried_until_the_attempts_run_out() -> None:
    transport = CountingTransport()

    async def scenario() -> None:
        async with dropping_every_connection() as url:
            await send(AsyncRetryingTransport(transport, NO_WAIT), "POST", url, json={})

    with pytest.raises(httpx.RemoteProtocolError):
        asyncio.run(scenario())
    assert transport.sent == NO_WAIT.attempts
