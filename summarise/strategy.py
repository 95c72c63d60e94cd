"""Extraction strategies behind one option, as a registry: ``single`` (one call for the whole digest; suits
capable models behind --base-url) and ``passes`` (narrow passes over pre-selected sentences; suits the
small embedded model). ``Settings.strategy`` names one; without a name the backend decides."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from summarise.errors import ConfigurationError
from summarise.extract import Usage, ask, ask_async
from summarise.ingest import Article
from summarise.llm import Connection
from summarise.passes.run import PASS_PROMPTS, run_passes, run_passes_async
from summarise.passes.summary import MAX_MODEL_SENTENCES
from summarise.prompting import build_messages, prompt_version
from summarise.schema import Digest
from summarise.settings import Settings

__all__ = ["Strategy", "STRATEGIES", "DEFAULT_BY_BACKEND", "strategy_for"]

Extraction = tuple[Digest, Usage]


@dataclass(frozen=True)
class Strategy:
    """One way to ask the model for a digest: its prompts, and how many of the model's summary sentences
    (those without figures) a summary keeps."""

    name: str
    description: str
    prompts: tuple[str, ...]
    summary_sentences: int
    extract: Callable[[Connection, Article, int], Extraction]
    extract_async: Callable[[Connection, Article, int], Awaitable[Extraction]]

    @property
    def prompt_version(self) -> str:
        """The hash of this strategy's prompt files, recorded in provenance and compared on resume."""
        return prompt_version(*self.prompts)


def _ask_once(connection: Connection, article: Article, max_retries: int) -> Extraction:
    answer = ask(connection, Digest, build_messages(article), {"article": article.text}, max_retries)
    return answer.value, answer.usage


async def _ask_once_async(connection: Connection, article: Article, max_retries: int) -> Extraction:
    answer = await ask_async(connection, Digest, build_messages(article), {"article": article.text}, max_retries)
    return answer.value, answer.usage


STRATEGIES = {strategy.name: strategy for strategy in (
    # The overview pass is asked for 2-3 summary sentences, the single answer for 2-5.
    Strategy("passes", "narrow passes over pre-selected sentences", PASS_PROMPTS, MAX_MODEL_SENTENCES,
             run_passes, run_passes_async),
    Strategy("single", "one call for the whole digest", ("single_system.txt", "single_user.txt"), 5,
             _ask_once, _ask_once_async),
)}

DEFAULT_BY_BACKEND = {"embedded": "passes", "server": "single"}


def strategy_for(settings: Settings) -> Strategy:
    """The strategy ``settings`` names, else the backend's default (raises ConfigurationError)."""
    name = settings.strategy or DEFAULT_BY_BACKEND[settings.backend]
    if name not in STRATEGIES:
        raise ConfigurationError(f"unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}")
    return STRATEGIES[name]
