"""The digest's summary, kept honest. A small model's summary often restates a casualty figure with the
wrong source or an invented one, and nothing can ground a paraphrase. So the summary keeps the model's
sentences that carry no figure, falls back to the article's lead sentence when none is left, and then
states each source's figures from the grounded casualty table, attributed ("Police say three killed")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarise.schema import ARTICLE_VOICE, CasualtyReport, Figure

__all__ = ["compose_summary", "has_figure", "whole_sentences"]

MAX_MODEL_SENTENCES = 2
MAX_SOURCES = 3
_COUNT_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands",
    "dozen", "dozens", "scores", "several", "multiple", "numerous",
)
_FIGURE = re.compile(r"\d|\b(?:" + "|".join(_COUNT_WORDS) + r")\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")


def whole_sentences(summary: str) -> str:
    """The summary without a trailing fragment (the schema's length limit can stop it mid-sentence)."""
    summary = summary.strip()
    if not summary or summary[-1] in ".!?\"”'’)":
        return summary
    cut = max(summary.rfind(mark) for mark in (". ", "! ", "? "))
    return summary[:cut + 1] if cut > 0 else ""


def has_figure(sentence: str) -> bool:
    return bool(_FIGURE.search(sentence))


def _lower_first(text: str) -> str:
    """"A number of" reads "a number of" inside a sentence; "US" and "IRNA" stay as they are."""
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


def _figures(row: CasualtyReport) -> str:
    parts = [f"{_lower_first(figure.text)} {kind}"
             for kind, figure in (("killed", row.killed), ("injured", row.injured)) if isinstance(figure, Figure)]
    return " and ".join(parts)


def _statements(rows: Iterable[CasualtyReport], names: dict[str, str]) -> list[str]:
    by_source: dict[str, list[str]] = {}
    for row in rows:
        counts = _figures(row)
        if counts:
            victims = f" ({row.victims})" if row.victims and row.victims.lower() not in ("people", "unknown") else ""
            by_source.setdefault(row.reported_by, []).append(counts + victims)
    statements = []
    for source, figures in list(by_source.items())[:MAX_SOURCES]:
        listed = "; ".join(dict.fromkeys(figures))
        if source == ARTICLE_VOICE:
            statements.append(f"The article reports {listed}.")
        else:
            who = names.get(source, source)
            statements.append(f"{who[:1].upper()}{who[1:]} reports {listed}.")
    return statements


def compose_summary(model_summary: str, rows: list[CasualtyReport], names: dict[str, str], lead: str) -> str:
    """Model sentences without figures (or the lead sentence), then each source's figures, attributed."""
    sentences = [sentence.strip() for sentence in _SENTENCE_END.split(whole_sentences(model_summary))]
    kept = [sentence for sentence in sentences if sentence and not has_figure(sentence)][:MAX_MODEL_SENTENCES]
    if not kept and lead:
        kept = [lead.strip()]
    return " ".join([*kept, *_statements(rows, names)]).strip()
