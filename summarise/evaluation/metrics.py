"""What the scorer computes: rates kept as counts, so totals over articles are exact.

A rate with a zero denominator has no value (``None``, printed "n/a"), never a made-up 0 or 1.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

__all__ = ["Ratio", "Metrics", "ArticleScore", "TotalScore"]


@dataclass(frozen=True)
class Ratio:
    """A metric as a count out of a count; its value is None when nothing was counted."""

    numerator: int = 0
    denominator: int = 0

    @property
    def value(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.numerator + other.numerator, self.denominator + other.denominator)


@dataclass(frozen=True)
class Metrics:
    """Everything scored for one article, or summed over many."""

    figure_recall: Ratio = Ratio()
    figure_precision: Ratio = Ratio()
    number_accuracy: Ratio = Ratio()
    source_accuracy: Ratio = Ratio()
    event_grouping_precision: Ratio = Ratio()
    event_grouping_recall: Ratio = Ratio()
    background_accuracy: Ratio = Ratio()
    perpetrator_accuracy: Ratio = Ratio()
    claim_recall: Ratio = Ratio()
    attribution_accuracy: Ratio = Ratio()
    grounding_rate: Ratio = Ratio()
    unsupported_numbers: Ratio = Ratio()
    unflagged_unsupported: int = 0
    narration_rate: Ratio = Ratio()

    def __add__(self, other: Metrics) -> Metrics:
        summed: dict[str, Any] = {field.name: getattr(self, field.name) + getattr(other, field.name)
                                  for field in fields(self)}
        return Metrics(**summed)


@dataclass(frozen=True)
class ArticleScore:
    """One article's metrics; ``error`` says why the pipeline produced nothing (then it scores zero recall)."""

    article: str
    metrics: Metrics
    seconds: float | None = None
    tokens: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class TotalScore:
    """Metrics micro-averaged over articles: numerators and denominators summed, then divided."""

    articles: int
    failed: int
    metrics: Metrics
    seconds: float
    tokens: int
