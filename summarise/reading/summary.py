"""The digest's summary, kept honest. A model's summary often restates a casualty figure with the wrong
source or an invented one, and nothing can ground a paraphrase. So the summary keeps the model's
sentences that carry no figure, falls back to the article's lead sentence when none is left, and then
states each source's figures from the verified casualty rows, attributed ("Police say three killed"),
after grounding, whatever the strategy."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from summarise.reading.lexicon import FIGURE_WORDS, alternation
from summarise.reading.sentences import Sentence, Sentences
from summarise.result import UNKNOWN_PERPETRATOR, Event, GroundedCasualty
from summarise.schema import ARTICLE_VOICE, CasualtyReport, Digest

__all__ = ["compose_summary", "event_phrase", "figure_sentences", "has_figure", "lead_sentence", "publish_summary",
           "whole_sentences"]

Row = CasualtyReport | GroundedCasualty

MAX_MODEL_SENTENCES = 2
MAX_SOURCES = 3
MAX_EVENTS = 3
_FIGURE = re.compile(rf"\d|\b(?:{alternation(FIGURE_WORDS)})\b", re.IGNORECASE)
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


def _figures(row: Row) -> str:
    figures = (("killed", row.killed), ("injured", row.injured))
    return " and ".join(f"{_lower_first(figure.text)} {kind}" for kind, figure in figures if figure is not None)


def _reports(rows: Iterable[Row], names: dict[str, str]) -> list[str]:
    """"Pakistan reports two killed and three injured (children)", once per source, in order."""
    by_source: dict[str, list[str]] = {}
    for row in rows:
        counts = _figures(row)
        if counts:
            victims = f" ({row.victims})" if row.victims and row.victims.lower() not in ("people", "unknown") else ""
            by_source.setdefault(row.reported_by, []).append(counts + victims)
    reports = []
    for source, figures in list(by_source.items())[:MAX_SOURCES]:
        listed = "; ".join(dict.fromkeys(figures))
        who = "the article" if source == ARTICLE_VOICE else names.get(source, source)
        reports.append(f"{who} reports {listed}")
    return reports


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _statements(rows: Iterable[Row], names: dict[str, str]) -> list[str]:
    return [_capitalised(report) + "." for report in _reports(rows, names)]


def event_phrase(event: Event, names: dict[str, str]) -> str:
    """"Missile and drone strike in Balochistan on Tuesday, by Iran": the parts the article gives."""
    heading = _capitalised(event.what)
    if event.where:
        heading += f" in {event.where}"
    if event.when:
        heading += f" {event.when[:1].lower()}{event.when[1:]}" if event.when.split()[0].lower() in (
            "on", "in", "at", "last", "this", "since", "during", "over", "early", "late") else f" ({event.when})"
    if event.perpetrator and event.perpetrator != UNKNOWN_PERPETRATOR:
        heading += f", by {names.get(event.perpetrator, event.perpetrator)}"
    return heading


def _event_statements(events: Sequence[Event], rows: Sequence[GroundedCasualty], names: dict[str, str]) -> list[str]:
    """Each main event once, with each source's figures for it: "<event>: Iran reports ...; Pakistan reports ..."."""
    statements = []
    for event in [event for event in events if not event.background][:MAX_EVENTS]:
        reports = _reports([row for row in rows if row.event_id == event.id], names)
        if reports:
            statements.append(f"{event_phrase(event, names)}: {'; '.join(reports)}.")
    return statements


def _model_sentences(model_summary: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE_END.split(whole_sentences(model_summary)) if sentence.strip()]


# A sentence that shares this much of its words with one kept before it says nothing new.
_REPEATED = 0.8


def _distinct(sentences: list[str]) -> list[str]:
    """``sentences`` without those that repeat an earlier one in nearly the same words (a small model's
    summary sometimes says its first sentence twice)."""
    kept: list[str] = []
    seen: list[set[str]] = []
    for sentence in sentences:
        words = set(re.findall(r"\w+", sentence.lower()))
        if any(len(words & earlier) >= _REPEATED * min(len(words), len(earlier)) for earlier in seen if words):
            continue
        kept.append(sentence)
        seen.append(words)
    return kept


def figure_sentences(model_summary: str) -> int:
    """How many sentences of the model's summary state a figure (and so are left out)."""
    return sum(has_figure(sentence) for sentence in _model_sentences(model_summary))


def compose_summary(model_summary: str, rows: Sequence[Row], names: dict[str, str], lead: str,
                    keep: int = MAX_MODEL_SENTENCES, events: Sequence[Event] | None = None) -> str:
    """At most ``keep`` model sentences without figures (or the lead sentence), then the figures from
    ``rows``, attributed: each main event once with every source's figures for it where ``events`` are
    given, else each source's."""
    kept = _distinct([sentence for sentence in _model_sentences(model_summary) if not has_figure(sentence)])[:keep]
    if not kept and lead:
        kept = [lead.strip()]
    grounded = [row for row in rows if isinstance(row, GroundedCasualty)]
    statements = _event_statements(events, grounded, names) if events else _statements(rows, names)
    return " ".join([*kept, *statements]).strip()


def lead_sentence(sentences: list[Sentence]) -> str:
    """The article's first sentence of some length (headlines and bylines are short) that states no
    figure: the summary gives the figures from the table, each with its source."""
    return next((sentence.text for sentence in sentences
                 if len(sentence.text.split()) >= 8 and not has_figure(sentence.text)), "")


def publish_summary(digest: Digest, rows: Sequence[GroundedCasualty], sentences: Sentences, keep: int,
                    events: Sequence[Event] | None = None) -> tuple[str, int]:
    """The summary to publish, from the model's summary in ``digest``, the grounded ``rows`` (of ``events``)
    and the article's ``sentences`` (for its lead sentence), and how many of the model's sentences it leaves
    out for stating a number: only verified rows give figures."""
    names = {party.id: party.name for party in digest.parties}
    verified = [row for row in rows if row.verified]
    summary = compose_summary(digest.summary, verified, names, lead_sentence(sentences), keep, events)
    return summary, figure_sentences(digest.summary)
