"""From Settings to a driver: a server gets N requests at once over asyncio (or over Ray tasks with a
cluster address); the embedded model, which is CPU-bound with one instance per process, gets one article
at a time whatever -j says."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from summarise.batch.distributed import RemoteJob, distributed
from summarise.batch.drivers import Driver, concurrent, sequential
from summarise.batch.manifest import Recipe
from summarise.batch.steps import Batch
from summarise.ingest import Article
from summarise.llm import Connection, connect, connect_async
from summarise.pipeline import current_prompt_version, summarise_article, summarise_article_async
from summarise.result import Result
from summarise.schema import SCHEMA_VERSION
from summarise.settings import Settings

__all__ = ["ServerDigester", "recipe_for", "driver_for", "runs_concurrently"]


class ServerDigester:
    """Digests articles over an asynchronous connection (see summarise.llm.connect_async)."""

    def __init__(self, connection: Connection, *, strict: bool, max_retries: int) -> None:
        self.connection = connection
        self.strict = strict
        self.max_retries = max_retries

    async def __call__(self, article: Article) -> Result:
        return await summarise_article_async(article, self.connection, strict=self.strict,
                                             max_retries=self.max_retries)

    async def aclose(self) -> None:
        await self.connection.aclose()


def recipe_for(connection: Connection, *, strict: bool) -> Recipe:
    """What the digests of this connection are made with; the strategy shows in the prompt version."""
    return Recipe(model=connection.settings.model_name, backend=connection.backend,
                  prompt_version=current_prompt_version(connection.settings), schema_version=SCHEMA_VERSION,
                  strict=strict)


def runs_concurrently(settings: Settings) -> bool:
    return settings.backend == "server"


def driver_for(settings: Settings, *, strict: bool, max_retries: int, jobs: int,
               ray_address: str | None = None) -> tuple[Recipe, Driver]:
    """The recipe digests will be made with, and the driver that makes them (raises ConfigurationError)."""
    if ray_address is not None:
        job = RemoteJob(settings=settings, strict=strict, max_retries=max_retries)
        driver = distributed(ray_address, job, jobs)
        with connect(settings) as connection:  # only for the recipe: the workers connect on their own
            return recipe_for(connection, strict=strict), driver
    if runs_concurrently(settings):
        connection = connect_async(settings)
        digester = ServerDigester(connection, strict=strict, max_retries=max_retries)
        return recipe_for(connection, strict=strict), concurrent(digester, jobs)
    connection = connect(settings)
    digest = partial(summarise_article, connection=connection, strict=strict, max_retries=max_retries)
    return recipe_for(connection, strict=strict), _closing(sequential(digest), connection)


def _closing(driver: Driver, connection: Connection) -> Driver:
    """``driver``, closing ``connection`` when the run ends (the concurrent driver closes its digester)."""

    def drive(batch: Batch, paths: Iterable[str]) -> int | None:
        with connection:
            return driver(batch, paths)

    return drive
