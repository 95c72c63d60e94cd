"""The transport's retry layer: how long it waits between attempts, and that it gives up on a hung server
when its budget is spent, not a read timeout later."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator

import httpx2 as httpx
import openai
import pytest
from tenacity import RetryCallState, Retrying

from summarise.aio_transport import AiohttpTransport
from summarise.llm import connect
from summarise.retrying import AsyncRetryingTransport, RetryingTransport, RetryPolicy
from summarise.settings import Settings

# Each attempt may wait 0.8 s, all of them together 1 s: the second attempt gets the 0.1 s or so that is left.
BUDGET = RetryPolicy(attempts=6, budget_seconds=1.0, max_wait=0.1)
READ_TIMEOUT = 0.8
SLACK = 0.35


@pytest.fixture
def hung_server() -> Iterator[str]:
    """A server that takes connections (the kernel's backlog accepts them) and never answers; its URL."""
    with socket.create_server(("127.0.0.1", 0), backlog=16) as listening:
        yield f"http://127.0.0.1:{listening.getsockname()[1]}/v1"


def waits(policy: RetryPolicy, attempts: range, error: Exception) -> list[float]:
    wait = policy.arguments()["wait"]
    result = []
    for number in attempts:
        state = RetryCallState(Retrying(), None, (), {})
        state.attempt_number = number
        state.set_exception((type(error), error, None))
        result.append(wait(state))
    return result


def test_backoff_doubles_from_half_a_second_with_up_to_a_second_of_jitter_and_a_ceiling() -> None:
    for _ in range(50):
        first, second, third, fourth, late = waits(RetryPolicy(max_wait=3.0), range(1, 6), ConnectionError())
        assert 0.5 <= first <= 1.5 and 1.0 <= second <= 2.0 and 2.0 <= third <= 3.0
        assert fourth == late == 3.0


def test_a_hung_server_is_given_up_when_the_retry_budget_is_spent(hung_server: str) -> None:
    client = httpx.Client(transport=RetryingTransport(httpx.HTTPTransport(), BUDGET), timeout=READ_TIMEOUT)
    started = time.monotonic()
    with client, pytest.raises(httpx.ReadTimeout):
        client.post(f"{hung_server}/chat/completions", json={})
    assert time.monotonic() - started < BUDGET.budget_seconds + SLACK


def test_a_hung_server_is_given_up_when_the_retry_budget_is_spent_asynchronously(hung_server: str) -> None:
    async def ask() -> None:
        transport = AsyncRetryingTransport(AiohttpTransport(), BUDGET)
        async with httpx.AsyncClient(transport=transport, timeout=READ_TIMEOUT) as client:
            await client.post(f"{hung_server}/chat/completions", json={})

    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        asyncio.run(ask())
    assert time.monotonic() - started < BUDGET.budget_seconds + SLACK


def test_a_connection_waits_as_long_as_its_settings_timeout(hung_server: str) -> None:
    settings = Settings(base_url=hung_server, model="served-model", api_key="x", timeout=0.3,
                        retry=RetryPolicy(attempts=1))
    connection = connect(settings)
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        connection.client.client.chat.completions.create(model="served-model", messages=[])
    connection.close()
    assert time.monotonic() - started < 0.3 + SLACK


def test_the_read_timeout_is_never_longer_than_the_retry_budget() -> None:
    assert (Settings().timeout, Settings().retry.budget_seconds) == (300.0, 300.0)
    assert Settings(timeout=900.0).retry.budget_seconds == 900.0
    assert Settings(timeout=60.0).retry.budget_seconds == 300.0
