"""The pipeline, one article at a time: ingest -> prompt -> extract -> ground -> Result."""

from __future__ import annotations

import time
from pathlib import Path

from summarise.extract import Extraction, extract_digest, extract_digest_async
from summarise.ground import ground_digest
from summarise.ingest import Article, article_from_text, read_article
from summarise.llm import Connection, Settings, connect, settings_from_env
from summarise.prompting import build_messages, prompt_version
from summarise.result import ArticleInfo, Provenance, Result
from summarise.schema import SCHEMA_VERSION

__all__ = ["PROMPT_FILES", "current_prompt_version", "summarise_article", "summarise_article_async",
           "summarise_text", "summarise_path"]

PROMPT_FILES = ("system.txt", "user.txt")
DEFAULT_MAX_RETRIES = 1


def current_prompt_version() -> str:
    return prompt_version(*PROMPT_FILES)


def _result(article: Article, extraction: Extraction, connection: Connection, strict: bool,
            started: float) -> Result:
    grounded = ground_digest(extraction.digest, article.text, strict=strict)
    return Result(
        article=ArticleInfo(id=article.id, source=article.source, title=article.title, chars=len(article.text)),
        summary=extraction.digest.summary,
        parties=extraction.digest.parties,
        claims=grounded.claims,
        casualties=grounded.casualties,
        unverified=grounded.unverified,
        provenance=Provenance(
            backend=connection.backend,
            model=connection.settings.model_name,
            prompt_version=current_prompt_version(),
            schema_version=SCHEMA_VERSION,
            attempts=extraction.attempts,
            prompt_tokens=extraction.prompt_tokens,
            completion_tokens=extraction.completion_tokens,
            seconds=round(time.perf_counter() - started, 3),
        ),
    )


def summarise_article(article: Article, connection: Connection, *, strict: bool = False,
                      max_retries: int = DEFAULT_MAX_RETRIES) -> Result:
    """Digest one article with an open connection (reuse it across articles)."""
    started = time.perf_counter()
    extraction = extract_digest(connection, build_messages(article), article.text, max_retries)
    return _result(article, extraction, connection, strict, started)


async def summarise_article_async(article: Article, connection: Connection, *, strict: bool = False,
                                  max_retries: int = DEFAULT_MAX_RETRIES) -> Result:
    """The asynchronous twin of :func:`summarise_article`, for :func:`summarise.llm.connect_async`."""
    started = time.perf_counter()
    extraction = await extract_digest_async(connection, build_messages(article), article.text, max_retries)
    return _result(article, extraction, connection, strict, started)


def _connection(settings: Settings | None, options: dict[str, object]) -> Connection:
    return connect(settings if settings is not None else settings_from_env(**options))


def summarise_text(text: str, *, source: str = "-", title: str | None = None, settings: Settings | None = None,
                   strict: bool = False, **options: object) -> Result:
    """Digest an article given as a string. ``options`` are :class:`summarise.llm.Settings` fields."""
    return summarise_article(article_from_text(text, source, title), _connection(settings, options), strict=strict)


def summarise_path(path: str | Path, *, settings: Settings | None = None, strict: bool = False,
                   **options: object) -> Result:
    """Digest an article file (.txt, .md, .html, .json). ``options`` are Settings fields."""
    return summarise_article(read_article(path), _connection(settings, options), strict=strict)
