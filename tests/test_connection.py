"""Closing a connection: its HTTP client, and the aiohttp pool under the server backend's async transport."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from summarise.llm import Connection, connect, connect_async
from summarise.settings import MODES, Settings

SERVER = Settings(base_url="http://127.0.0.1:9/v1", model="served-model", api_key="x")


def is_closed(connection: Connection) -> bool:
    openai_client: Any = connection.client.client
    return bool(openai_client.is_closed())


def test_close_closes_the_http_client_of_a_connection() -> None:
    connection = connect(SERVER)
    connection.close()
    assert is_closed(connection)


def test_close_refuses_an_asynchronous_connection() -> None:
    connection = connect_async(SERVER)
    with pytest.raises(TypeError, match="await connection.aclose"):
        connection.close()
    asyncio.run(connection.aclose())


@contextlib.asynccontextmanager
async def models_server() -> AsyncIterator[str]:
    async def models(_: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": []})

    app = web.Application()
    app.router.add_get("/v1/models", models)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/v1"
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("fixtures", ["off", "record"])
def test_aclose_closes_the_pool_of_an_asynchronous_connection_that_was_used(fixtures: str, tmp_path: Path) -> None:
    """Also from behind the recording transport. A pool left open would fail the test: pytest turns
    aiohttp's unclosed-session warning into an error."""

    async def use_then_close() -> bool:
        async with models_server() as base_url:
            connection = connect_async(Settings(base_url=base_url, model="served-model", api_key="x",
                                                fixtures=fixtures, fixtures_dir=tmp_path))  # type: ignore[arg-type]
            await connection.client.client.models.list()
            await connection.aclose()
            return is_closed(connection)

    assert asyncio.run(use_then_close())


def test_aclose_also_closes_a_synchronous_connection() -> None:
    connection = connect(SERVER)
    asyncio.run(connection.aclose())
    assert is_closed(connection)


@pytest.mark.parametrize("mode", MODES)
def test_every_mode_the_settings_accept_makes_a_connection(mode: str) -> None:
    connection = connect(Settings(base_url="http://127.0.0.1:9/v1", model="served-model", api_key="x", mode=mode))
    connection.close()
    assert is_closed(connection)
