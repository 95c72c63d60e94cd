"""The benchmark stub server (bench/stub_server.py) answers like an OpenAI-compatible server, with a valid
answer to whatever schema a request carries, so batch benchmarks measure the real pipeline end to end."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from types import ModuleType

import pytest

from summarise.ingest import read_article
from summarise.llm import Connection, connect, connect_async
from summarise.locate import MatchStatus
from summarise.pipeline import summarise_article, summarise_article_async
from summarise.result import Result
from summarise.settings import Settings
from tests.fault_server import bench_stub


@pytest.fixture(scope="module")
def stub() -> ModuleType:
    return bench_stub()


@contextlib.contextmanager
def server_connection(stub: ModuleType, mode: str | None = None) -> Iterator[tuple[str, Connection]]:
    with stub.running_stub(delay=0.0) as base_url:
        connection = connect(Settings(base_url=base_url, model=stub.STUB_MODEL, api_key="x", mode=mode))
        try:
            yield base_url, connection
        finally:
            connection.close()


def assert_seed_digest_grounds_exactly(stub: ModuleType, result: Result) -> None:
    """The stub names no one, so the seed's digest is the rules' own: every quote is one of the article's
    sentences, found exactly; the figures are the seed's (two vague ones for the strikes in Iran)."""
    statuses = {claim.span.status for claim in result.claims} | {row.span.status for row in result.casualties}
    assert statuses == {MatchStatus.EXACT} and result.claims
    assert result.unverified == 0
    assert [row.killed.best for row in result.casualties if row.killed] == [None, None, 7, 2]
    assert (result.provenance.attempts, result.provenance.prompt_tokens, result.provenance.completion_tokens) == (
        1, stub.PROMPT_TOKENS, stub.COMPLETION_TOKENS)
    assert result.summary.startswith(stub.SUMMARY)


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json"])
def test_stub_answer_grounds_every_quote_exactly(stub: ModuleType, mode: str) -> None:
    with server_connection(stub, mode) as (_, connection):
        result = summarise_article(read_article(stub.SEED), connection)

    assert_seed_digest_grounds_exactly(stub, result)


def test_async_connection_digests_through_the_stub_and_closes(stub: ModuleType) -> None:
    """connect_async's server transport (aiohttp underneath) end to end; an unclosed session would fail the
    test, as pytest turns its ResourceWarning into an error."""

    async def digest_seed(base_url: str) -> Result:
        connection = connect_async(Settings(base_url=base_url, model=stub.STUB_MODEL, api_key="x"))
        try:
            return await summarise_article_async(read_article(stub.SEED), connection)
        finally:
            await connection.aclose()

    with stub.running_stub(delay=0.0) as base_url:
        result = asyncio.run(digest_seed(base_url))
        assert stub.stub_stats(base_url)["served"] == 1

    assert_seed_digest_grounds_exactly(stub, result)


def test_stub_counts_requests_and_stops_listening(stub: ModuleType) -> None:
    with server_connection(stub) as (base_url, connection):
        summarise_article(read_article(stub.SEED), connection)
        assert stub.stub_stats(base_url)["served"] == 1

    with pytest.raises(OSError):
        stub.stub_stats(base_url)
