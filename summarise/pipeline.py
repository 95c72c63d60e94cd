"""The pipeline, one article at a time: ingest -> sentences (split once, here) -> prompt -> extract -> ground
-> events and summary -> Result."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from summarise.extract import Usage
from summarise.ground import ground_digest
from summarise.ingest import Article, article_from_text, read_article
from summarise.llm import Connection, connect
from summarise.plan import run_plan, run_plan_async
from summarise.reading.events import group_events
from summarise.reading.sentences import Sentences, split_sentences
from summarise.reading.summary import publish_summary
from summarise.result import ArticleInfo, Provenance, Result
from summarise.schema import SCHEMA_VERSION, Digest
from summarise.settings import Settings, settings_from_env
from summarise.strategy import Strategy, strategy_for

__all__ = ["DEFAULT_MAX_RETRIES", "current_prompt_version", "summarise_article", "summarise_article_async",
           "summarise_text", "summarise_path"]

DEFAULT_MAX_RETRIES = 1


def current_prompt_version(settings: Settings) -> str:
    """The prompt version a run with these settings would record."""
    return strategy_for(settings).prompt_version


def _result(article: Article, sentences: Sentences, digest: Digest, usage: Usage, connection: Connection,
            strategy: Strategy, strict: bool, started: float) -> Result:
    grounded = ground_digest(digest, sentences, strict=strict)
    events, casualties = group_events(grounded.casualties, sentences, digest.parties)
    summary, dropped = publish_summary(digest, casualties, sentences, strategy.summary_sentences, events)
    return Result(
        article=ArticleInfo(id=article.id, source=article.source, title=article.title, chars=len(article.text)),
        summary=summary,
        summary_sentences_dropped=dropped,
        parties=digest.parties,
        claims=grounded.claims,
        events=events,
        casualties=casualties,
        unverified=grounded.unverified,
        dropped=grounded.dropped,
        provenance=Provenance(
            backend=connection.backend,
            model=connection.settings.model_name,
            strategy=strategy.name,
            mode=connection.settings.effective_mode,
            constrained=connection.constrained,
            prompt_version=strategy.prompt_version,
            schema_version=SCHEMA_VERSION,
            attempts=usage.attempts,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            seconds=round(time.perf_counter() - started, 3),
        ),
    )


def summarise_article(article: Article, connection: Connection, *, strict: bool = False,
                      max_retries: int = DEFAULT_MAX_RETRIES) -> Result:
    """Digest one article with an open connection (reuse it across articles), with the strategy its
    settings name. The article is split into sentences once, here, for the plan and every step after it."""
    started = time.perf_counter()
    strategy = strategy_for(connection.settings)
    sentences = split_sentences(article.text)
    digest, usage = run_plan(connection, strategy.plan(article, sentences), max_retries)
    return _result(article, sentences, digest, usage, connection, strategy, strict, started)


async def summarise_article_async(article: Article, connection: Connection, *, strict: bool = False,
                                  max_retries: int = DEFAULT_MAX_RETRIES) -> Result:
    """The asynchronous twin of :func:`summarise_article`, for :func:`summarise.llm.connect_async`."""
    started = time.perf_counter()
    strategy = strategy_for(connection.settings)
    sentences = split_sentences(article.text)
    digest, usage = await run_plan_async(connection, strategy.plan(article, sentences), max_retries)
    return _result(article, sentences, digest, usage, connection, strategy, strict, started)


def _connection(settings: Settings | None, options: dict[str, object]) -> Connection:
    """A connection for ``settings`` with ``options`` (Settings fields) applied, else for the options and
    the environment."""
    if settings is None:
        return connect(settings_from_env(**options))
    return connect(replace(settings, **options))  # type: ignore[arg-type]


def summarise_text(text: str, *, source: str = "-", title: str | None = None, settings: Settings | None = None,
                   strict: bool = False, **options: object) -> Result:
    """Digest an article given as a string. ``options`` are :class:`summarise.settings.Settings` fields
    (``strategy="single"``, ``base_url=...``)."""
    article = article_from_text(text, source, title)
    with _connection(settings, options) as connection:
        return summarise_article(article, connection, strict=strict)


def summarise_path(path: str | Path, *, settings: Settings | None = None, strict: bool = False,
                   **options: object) -> Result:
    """Digest an article file (.txt, .md, .html, .json). ``options`` are Settings fields."""
    article = read_article(path)
    with _connection(settings, options) as connection:
        return summarise_article(article, connection, strict=strict)
