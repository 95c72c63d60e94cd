"""Extraction strategies behind one option: ``single`` (one call for the whole digest; suits capable
models behind --base-url) and ``passes`` (narrow passes over pre-selected sentences; suits the small
embedded model). The default follows the backend."""

from __future__ import annotations

from summarise.errors import ConfigurationError
from summarise.extract import Usage, ask, ask_async
from summarise.ingest import Article
from summarise.llm import Connection
from summarise.passes.run import PASS_PROMPTS, run_passes, run_passes_async
from summarise.passes.summary import MAX_MODEL_SENTENCES
from summarise.prompting import build_messages, prompt_version
from summarise.schema import Digest

__all__ = ["STRATEGIES", "SINGLE_PROMPTS", "SUMMARY_SENTENCES", "choose_strategy", "strategy_prompt_version",
           "extract", "extract_async"]

STRATEGIES = ("passes", "single")
SINGLE_PROMPTS = ("single_system.txt", "single_user.txt")
# How many of the model's summary sentences (those without figures) a summary keeps: the overview pass
# is asked for 2-3, the single answer for 2-5.
SUMMARY_SENTENCES = {"passes": MAX_MODEL_SENTENCES, "single": 5}


def choose_strategy(connection: Connection, requested: str | None) -> str:
    """``requested``, else the connection's setting, else by backend (passes embedded, single on a server)."""
    requested = requested or connection.settings.strategy
    if requested is None:
        return "passes" if connection.settings.backend == "embedded" else "single"
    if requested not in STRATEGIES:
        raise ConfigurationError(f"unknown strategy {requested!r}; choose one of {', '.join(STRATEGIES)}")
    return requested


def strategy_prompt_version(strategy: str) -> str:
    return prompt_version(*(PASS_PROMPTS if strategy == "passes" else SINGLE_PROMPTS))


def extract(connection: Connection, article: Article, strategy: str, max_retries: int) -> tuple[Digest, Usage]:
    if strategy == "passes":
        return run_passes(connection, article, max_retries)
    answer = ask(connection, Digest, build_messages(article), {"article": article.text}, max_retries)
    return answer.value, answer.usage


async def extract_async(connection: Connection, article: Article, strategy: str,
                        max_retries: int) -> tuple[Digest, Usage]:
    if strategy == "passes":
        return await run_passes_async(connection, article, max_retries)
    answer = await ask_async(connection, Digest, build_messages(article), {"article": article.text}, max_retries)
    return answer.value, answer.usage
