"""When a figure's incident happened, as the sentence says it ("on Tuesday", "in July 2016", "a week ago"),
and whether it is a past incident mentioned in passing."""

from __future__ import annotations

import re
from functools import lru_cache

from summarise.reading.incident_words import NUMBER_WORDS, WEEKDAY
from summarise.reading.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    PAST_TIME_WORDS,
    SUPERLATIVES,
    TIME_UNITS,
    alternation,
)

__all__ = ["is_past", "time_of"]

_MONTH = alternation([*MONTHS, *(rf"{abbreviation}\.?" for abbreviation in MONTH_ABBREVIATIONS)])
_YEAR = r"(?:19|20)\d\d"
_TIME = re.compile(
    rf"\b(?:(?:on|last|this|early|late)\s+)?(?:{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b"
    rf"|\b(?:(?:in|on|since|last|early|late|during)\s+(?:the\s+month\s+of\s+)?)?(?:\d{{1,2}}\s+)?(?:{_MONTH})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?:,?\s+{_YEAR})?\b"
    rf"|\b(?:in|since|during)\s+{_YEAR}\b|\b{_YEAR}\b"
    rf"|\b(?:this|last|yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)\b|\btoday\b|\byesterday\b|\btonight\b"
    rf"|\b(?:a|several|few|\d+|{alternation(NUMBER_WORDS)})\s+(?:{alternation(TIME_UNITS)})\s+(?:ago|earlier|before)\b"
    rf"|\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:{alternation(TIME_UNITS)})\b"
    rf"|\b(?:{alternation(PAST_TIME_WORDS)})\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    rf"\b{_YEAR}\b|\blast\s+(?:week|month|year|summer|winter|spring|autumn|fall|{alternation(MONTHS)})\b"
    rf"|\b(?:ago|earlier|{alternation(PAST_TIME_WORDS)})\b|\b(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|weeks?)\b"
    rf"|\b(?:days?|weeks?|months?|years?)\s+(?:after|before)\s+(?:a|an|the)\b"
    rf"|\b(?:in|over)\s+(?:the\s+)?recent\s+(?:days|weeks|months|years)\b",
    re.IGNORECASE,
)


def time_of(text: str, near: int, own: tuple[int, int]) -> tuple[str | None, bool]:
    """The figure's time, and whether it is past: the first time said after the figure in its own part of the
    sentence, else the last before it ("630 were killed in November and 1,775 over the past 12 months": in
    November), else the sentence's first; past when that time is, or when the words before the figure are
    ("In 2011, a similar flood killed 300 on a Sunday")."""
    found = _times(text)
    times = [time for time in found if not _compared(text, time)]
    if len(times) < len(found):  # nor do the words of a comparison make the incident past
        for start, end, _ in set(found) - set(times):
            text = text[:start] + " " * (end - start) + text[end:]
    after = next((time for time in times if time[0] >= near and time[1] <= own[1]), None)
    before = [time for time in times if time[0] >= own[0] and time[1] <= near]
    chosen = after or (before[-1] if before else times[0] if times else None)
    if chosen is None:
        return None, is_past(text)
    when = " ".join(chosen[2].split())
    return when, is_past(when) or is_past(text[own[0]:near])


# "the worst shooting among the 10 in the region since 2013": "since" after a superlative dates what the
# incident is compared with, not the incident.
_SUPERLATIVE = re.compile(rf"\b(?:{alternation(SUPERLATIVES)})\b[^.;]*$", re.IGNORECASE)
_COMPARISON_REACH = 120


def _compared(text: str, time: tuple[int, int, str]) -> bool:
    start = time[0]
    return time[2].lower().startswith("since") and \
        bool(_SUPERLATIVE.search(text, max(0, start - _COMPARISON_REACH), start))


@lru_cache(maxsize=16)
def _times(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every time a text says, (start, end, words): read once for all the figures of a sentence."""
    return tuple((match.start(), match.end(), match.group(0)) for match in _TIME.finditer(text))


@lru_cache(maxsize=64)
def is_past(text: str) -> bool:
    return bool(_PAST.search(text))
