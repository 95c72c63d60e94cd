"""Extraction strategies behind one option, as a registry: ``single`` (one call for the whole digest; suits
capable models behind --base-url) and ``passes`` (narrow passes over pre-selected sentences; suits the
small embedded model). ``Settings.strategy`` names one; without a name the backend decides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from summarise.errors import ConfigurationError
from summarise.ingest import Article
from summarise.passes.run import PASS_PROMPTS, plan_passes
from summarise.plan import Answers, Plan, Request
from summarise.prompting import build_messages, prompt_version
from summarise.reading.sentences import Sentences
from summarise.reading.summary import MAX_MODEL_SENTENCES
from summarise.schema import Digest
from summarise.settings import Settings

__all__ = ["Strategy", "STRATEGIES", "DEFAULT_BY_BACKEND", "strategy_for"]

@dataclass(frozen=True)
class Strategy:
    """One way to ask the model for a digest: its prompts, how many of the model's summary sentences (those
    without figures) a summary keeps, and the plan of requests it makes for an article (split once into its
    sentences by the pipeline)."""

    name: str
    description: str
    prompts: tuple[str, ...]
    summary_sentences: int
    plan: Callable[[Article, Sentences], Plan]

    @property
    def prompt_version(self) -> str:
        """The hash of this strategy's prompt files, recorded in provenance and compared on resume."""
        return prompt_version(*self.prompts)


def _the_digest(answers: Answers) -> Digest:
    (answer,) = answers
    assert answer is not None, "the single request is always asked"
    return cast(Digest, answer.value)


def plan_single(article: Article, sentences: Sentences) -> Plan:
    """One request for the whole digest; the article is what its quotes and numbers must agree with. The
    model reads the article whole: its ``sentences`` are not asked about."""
    return Plan([Request(Digest, build_messages(article), {"article": article.text})], _the_digest)


STRATEGIES = {strategy.name: strategy for strategy in (
    # The overview pass is asked for 2-3 summary sentences, the single answer for 2-5.
    Strategy("passes", "narrow passes over pre-selected sentences", PASS_PROMPTS, MAX_MODEL_SENTENCES,
             plan_passes),
    Strategy("single", "one call for the whole digest", ("single_system.txt", "single_user.txt"), 5, plan_single),
)}

DEFAULT_BY_BACKEND = {"embedded": "passes", "server": "single"}


def strategy_for(settings: Settings) -> Strategy:
    """The strategy ``settings`` names, else the backend's default (raises ConfigurationError)."""
    name = settings.strategy or DEFAULT_BY_BACKEND[settings.backend]
    if name not in STRATEGIES:
        raise ConfigurationError(f"unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}")
    return STRATEGIES[name]
