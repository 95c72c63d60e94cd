"""Render evaluation scores: a Markdown table (one row per article and a TOTAL row) or a JSON-able dict.

A rate is written as its value and its counts, ``0.75 (3/4)``; a rate with nothing to count is ``n/a``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from summarise.evaluation.metrics import ArticleScore, Metrics, Ratio, TotalScore
from summarise.render.markdown import escape_markdown

__all__ = ["COLUMNS", "NOT_APPLICABLE", "format_ratio", "markdown_table", "scores_as_dict"]

NOT_APPLICABLE = "n/a"

COLUMNS: tuple[tuple[str, str], ...] = (
    ("figure recall", "figure_recall"),
    ("figure precision", "figure_precision"),
    ("number acc", "number_accuracy"),
    ("source acc", "source_accuracy"),
    ("event precision", "event_grouping_precision"),
    ("event recall", "event_grouping_recall"),
    ("background acc", "background_accuracy"),
    ("perpetrator acc", "perpetrator_accuracy"),
    ("claim recall", "claim_recall"),
    ("attribution acc", "attribution_accuracy"),
    ("grounding", "grounding_rate"),
    ("unsupported", "unsupported_numbers"),
    ("narration", "narration_rate"),
)


def format_ratio(ratio: Ratio) -> str:
    """``0.75 (3/4)``, or ``n/a`` when the denominator is zero."""
    if ratio.value is None:
        return NOT_APPLICABLE
    return f"{ratio.value:.2f} ({ratio.numerator}/{ratio.denominator})"


def _metric_cells(metrics: Metrics) -> list[str]:
    cells = [format_ratio(getattr(metrics, name)) for _, name in COLUMNS]
    if metrics.unflagged_unsupported:
        cells[COLUMNS.index(("unsupported", "unsupported_numbers"))] += f"; {metrics.unflagged_unsupported} unflagged"
    return cells


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _optional(value: float | int | None, template: str) -> str:
    return NOT_APPLICABLE if value is None else template.format(value)


def markdown_table(scores: Sequence[ArticleScore], overall: TotalScore) -> str:
    """The table, then one line per failed article saying why it failed."""
    headers = ["article", *(header for header, _ in COLUMNS), "seconds", "tokens"]
    lines = [_row(headers), _row(["---"] + ["---:"] * (len(headers) - 1))]
    for score in scores:
        name = f"{score.article} (FAILED)" if score.error is not None else score.article
        timing = [_optional(score.seconds, "{:.1f}"), _optional(score.tokens, "{:d}")]
        lines.append(_row([escape_markdown(name), *_metric_cells(score.metrics), *timing]))
    label = f"**TOTAL** ({overall.articles} articles, {overall.failed} failed)"
    lines.append(_row([label, *_metric_cells(overall.metrics), f"{overall.seconds:.1f}", f"{overall.tokens:d}"]))
    failures = [f"- {escape_markdown(score.article)}: {escape_markdown(score.error)}"
                for score in scores if score.error is not None]
    if failures:
        lines += ["", "Failed articles (scored as zero recall):", *failures]
    return "\n".join(lines) + "\n"


def _metrics_dict(metrics: Metrics) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in fields(metrics):
        value = getattr(metrics, field.name)
        if isinstance(value, Ratio):
            out[field.name] = {"numerator": value.numerator, "denominator": value.denominator, "value": value.value}
        else:
            out[field.name] = value
    return out


def scores_as_dict(scores: Sequence[ArticleScore], overall: TotalScore) -> dict[str, Any]:
    """Per-article and total metrics, each rate with its numerator, denominator and value (null for n/a)."""
    return {
        "articles": [
            {"article": score.article, "error": score.error, "seconds": score.seconds, "tokens": score.tokens,
             "metrics": _metrics_dict(score.metrics)}
            for score in scores
        ],
        "total": {"articles": overall.articles, "failed": overall.failed, "seconds": overall.seconds,
                  "tokens": overall.tokens, "metrics": _metrics_dict(overall.metrics)},
    }
