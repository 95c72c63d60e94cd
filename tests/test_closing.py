"""Every connection summarise makes for a caller is closed when its work ends, also when the work fails."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import summarise.batch.backends
import summarise.pipeline
from summarise.batch import BatchConfig, driver_for, run_batch
from summarise.errors import FixtureMissingError
from summarise.llm import Connection, connect, connect_async
from summarise.pipeline import summarise_path, summarise_text
from summarise.settings import Settings
from tests.conftest import FIXTURES, SEED

REPLAY = Settings(fixtures="replay", fixtures_dir=FIXTURES)  # type: ignore[arg-type]
SERVER = Settings(base_url="http://127.0.0.1:9/v1", model="served-model", api_key="x")


def is_closed(connection: Connection) -> bool:
    openai_client: Any = connection.client.client
    return bool(openai_client.is_closed())


def connections_made(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> list[Connection]:
    """Let ``module`` connect as it does, and keep each connection it makes."""
    made: list[Connection] = []

    def keeping(settings: Settings) -> Connection:
        made.append(connect(settings))
        return made[-1]

    monkeypatch.setattr(module, "connect", keeping)
    return made


def test_a_with_block_closes_its_connection() -> None:
    with connect(SERVER) as connection:
        assert not is_closed(connection)
    assert is_closed(connection)


def test_an_async_with_block_closes_an_asynchronous_connection() -> None:
    async def use() -> Connection:
        async with connect_async(SERVER) as connection:
            return connection

    assert is_closed(asyncio.run(use()))


def test_summarise_path_closes_the_connection_it_made(monkeypatch: pytest.MonkeyPatch) -> None:
    made = connections_made(monkeypatch, summarise.pipeline)
    summarise_path(SEED, settings=REPLAY)
    assert [is_closed(connection) for connection in made] == [True]


def test_summarise_text_closes_the_connection_it_made_when_the_digest_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    made = connections_made(monkeypatch, summarise.pipeline)
    with pytest.raises(FixtureMissingError):
        summarise_text("An article nobody recorded an answer for.", settings=REPLAY)
    assert [is_closed(connection) for connection in made] == [True]


def test_a_one_at_a_time_batch_closes_its_connection_when_the_run_ends(monkeypatch: pytest.MonkeyPatch,
                                                                        tmp_path: Path) -> None:
    made = connections_made(monkeypatch, summarise.batch.backends)
    recipe, driver = driver_for(REPLAY, strict=False, max_retries=1, jobs=1)
    assert [is_closed(connection) for connection in made] == [False]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    run_batch(BatchConfig(input_dir=tmp_path / "in", output_dir=tmp_path / "out", recipe=recipe), driver,
              show_progress=False)
    assert [is_closed(connection) for connection in made] == [True]


def test_the_ray_driver_closes_the_connection_it_made_for_the_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", ModuleType("ray"))
    made = connections_made(monkeypatch, summarise.batch.backends)
    driver_for(SERVER, strict=False, max_retries=1, jobs=2, ray_address="auto")
    assert [is_closed(connection) for connection in made] == [True]
