"""Extraction strategies behind one option, as a registry. Both ask the model only what the reading layer
cannot read (who reports a figure, who makes a claim, an overview); the figures, numbers, named sources and
quotes come from the rules whatever the strategy. ``single`` (the default) asks them together, one call
per window; ``passes`` asks each question in its own call, for a model that answers several together
badly. ``Settings.strategy`` names one; without a name the backend's default applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summarise.errors import ConfigurationError
from summarise.ingest import Article
from summarise.passes.run import PASS_PROMPTS, plan_passes
from summarise.passes.single import SINGLE_PROMPTS, plan_single
from summarise.plan import Plan
from summarise.prompting import prompt_version
from summarise.reading.sentences import Sentences
from summarise.reading.summary import MAX_MODEL_SENTENCES
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


STRATEGIES = {strategy.name: strategy for strategy in (
    Strategy("passes", "one call per question, over the sentences the rules leave open", PASS_PROMPTS,
             MAX_MODEL_SENTENCES, plan_passes),
    Strategy("single", "the same questions in one call", SINGLE_PROMPTS, MAX_MODEL_SENTENCES, plan_single),
)}

# Chosen by measurement (README, "Which strategy"): on the development set the same figures, sources and
# events either way, claims within four, and single faster: 35.6 s an article embedded, and 38.7 s against
# 44.3 s for passes through llama-cpp-python's server on the same model and threads.
DEFAULT_BY_BACKEND = {"embedded": "single", "server": "single"}


def strategy_for(settings: Settings) -> Strategy:
    """The strategy ``settings`` names, else the backend's default (raises ConfigurationError)."""
    name = settings.strategy or DEFAULT_BY_BACKEND[settings.backend]
    if name not in STRATEGIES:
        raise ConfigurationError(f"unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}")
    return STRATEGIES[name]
