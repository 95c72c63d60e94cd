"""summarise: structured, grounded digests of news articles (summary, claims by party, casualty table).

The small Python API::

    from summarise import summarise_path, summarise_text
    result = summarise_path("seeds/000_4cf0f7c4e857d004.txt")
"""

from __future__ import annotations

from summarise.ingest import Article, read_article
from summarise.llm import connect, connect_async
from summarise.pipeline import summarise_article, summarise_article_async, summarise_path, summarise_text
from summarise.result import Result
from summarise.schema import SCHEMA_VERSION, Digest
from summarise.settings import Settings

__all__ = [
    "Article",
    "Digest",
    "Result",
    "SCHEMA_VERSION",
    "Settings",
    "connect",
    "connect_async",
    "read_article",
    "summarise_article",
    "summarise_article_async",
    "summarise_path",
    "summarise_text",
]
