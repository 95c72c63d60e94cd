"""Where a figure's incident happened, as the sentence names it ("in northern Freedonia", "the city of Port
Verde", "killed in deodhar" in copy set in lower case); not where the wounded were treated, where someone
spoke, or a landmark that locates the place."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from summarise.reading.incident_words import CAPITALISED, NOT_ACTOR, NUMBER_WORDS
from summarise.reading.lexicon import (
    ACCIDENT_EVENT_NOUNS,
    AGENT_NOUNS,
    INJURED_WORDS,
    KILLED_WORDS,
    MONTHS,
    NOT_INCIDENT_MODIFIERS,
    NOT_INCIDENT_PLACE_CUES,
    TIME_UNITS,
    VIOLENT_EVENT_NOUNS,
    WEEKDAYS,
    alternation,
)
from summarise.reading.sides import country_of

__all__ = ["Containments", "containments", "place_of", "places"]

_DIRECTION = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_TIME_WORDS = {*WEEKDAYS, *MONTHS} | {day.capitalize() for day in WEEKDAYS} | {month.capitalize() for month in MONTHS}
_SETTLEMENT = r"(?:city|town|village|province|state|district|region|area|county|department|locality|port|capital)"
_PLACE = re.compile(
    rf"(?:\b(?i:in|near|at|outside|off|inside|across|close to|(?:north|south|east|west)(?:-?(?:east|west))? of|"
    rf"(?:border|borders|outskirts|suburbs?) of)\s+(?:(?:the|a|an)\s+)?(?:(?:[\w'’-]+\s+){{0,4}}{_SETTLEMENT}\s+of\s+)?"
    rf"|\b{_SETTLEMENT}\s+of\s+)((?:{_DIRECTION}\s+)?{CAPITALISED})"
)


# In copy set all in lower case no capital marks a name: a place is then one word after "in", "near" or
# "at" that no list of ours knows as a common word ("killed in deodhar near palanpur").
_LOWER_PLACE = re.compile(r"\b(?:in|near|at|outside)\s+([a-z][a-z'-]{3,})\b(?!\s+(?:of|to)\b)")
# Words after "at" or "in" that name no place: "at least", "at each other", "at home", "at night".
_NO_PLACE_WORDS = frozenset({"each", "other", "least", "most", "once", "home", "work", "large", "times", "night",
                             "dawn", "dusk", "noon", "midnight", "random", "gunpoint", "risk", "hand", "turn", "part",
                             "total", "addition", "response", "retaliation", "protest"})
_COMMON_WORDS = frozenset({*NOT_INCIDENT_MODIFIERS, *AGENT_NOUNS, *VIOLENT_EVENT_NOUNS, *ACCIDENT_EVENT_NOUNS,
                           *_TIME_WORDS, *TIME_UNITS, *KILLED_WORDS, *INJURED_WORDS, *NUMBER_WORDS, *_NO_PLACE_WORDS})


_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.\s")


@lru_cache(maxsize=64)
def places(text: str, lowered: bool) -> tuple[str, ...]:
    """The places ``text`` names, in order; a demonym alone ("in Iranian territory") as its country."""
    found: list[str] = []
    end = -1
    for match in _PLACE.finditer(text):
        place = " ".join(_SENTENCE_END.split(match.group(1))[0].rstrip(".,").split())  # not "November. Meanwhile"
        if place.split()[0] not in _TIME_WORDS and not NOT_ACTOR.match(place):
            if not _qualifies(text, end, match.start()) and not _NOT_INCIDENT_PLACE.search(text, 0, match.start(1)) \
                    and not _DISTANCE_BEFORE.search(text, 0, match.start(1)):
                country = country_of(place) if " " not in place else None
                found.append(country if country and place.endswith(("an", "ian", "i", "ese", "ish")) else place)
            end = match.end(1)
    if found or not lowered:
        return tuple(found)
    for match in _LOWER_PLACE.finditer(text):
        word = match.group(1)
        if word not in _COMMON_WORDS and not re.search(r"(?:ing|ed|ly|ion|ions|ies|ness|ment|ments)$", word):
            if not _qualifies(text, end, match.start()) and not _NOT_INCIDENT_PLACE.search(text, 0, match.start(1)) \
                    and not _DISTANCE_BEFORE.search(text, 0, match.start(1)):
                found.append(word)
            end = match.end(1)
    return tuple(found)


# "150 miles southwest of Orlando": a landmark that locates the place, not the place.
_DISTANCE_BEFORE = re.compile(r"\b(?:miles?|km|kilometres?|kilometers?)\s+(?:\w+\s+)?of\s+(?:the\s+)?$",
                              re.IGNORECASE)
# "treated at Mercy Hospital", "spoke Monday morning at City Hall": the cue a few words before the place ("taken
# place in" is no cue).
_NOT_INCIDENT_PLACE = re.compile(rf"\b(?:{alternation(NOT_INCIDENT_PLACE_CUES)})\b(?!\s+place\b)"
                                 rf"(?:\s+[\w'’-]+){{0,3}}?\s+(?:at|in|to)\s+(?:the\s+)?$", re.IGNORECASE)


def _qualifies(text: str, previous_end: int, start: int) -> bool:
    """Whether a place starting at ``start`` follows the place ending at ``previous_end`` directly, as the
    larger place or landmark that locates it ("in Teri Mangal in Kurram Agency", "in Aurora, near Denver")."""
    return previous_end >= 0 and not text[previous_end:start].strip(" ,\n")


# "the Cameo nightclub in Cincinnati", "Teri Mangal in Kurram Agency": a place the text puts inside another (not
# "Pakistan, Iran": a list).
_WITHIN = re.compile(rf"(?<![\w'’-])(?=([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}})(?:\s+[a-z][\w'’-]*){{0,2}}"
                     rf"\s+(?:in|near|outside)\s+(?:the\s+)?({CAPITALISED}))")  # overlapping: every name
_NO_PLACE_OPENERS = frozenset({"in", "on", "at", "by", "for", "from", "during", "since", "after", "before", "the", "a",
                               "an", "but", "and", "as", "when", "while", "if"})


def containments(text: str) -> frozenset[tuple[str, str]]:
    """Each (inner, outer) pair of places the text puts one inside the other, case-folded."""
    pairs = set()
    for inner, outer in _WITHIN.findall(text):
        words = inner.split()
        if words[0].lower() not in _NO_PLACE_OPENERS and not any(word in _TIME_WORDS for word in words) and \
                outer.split()[0] not in _TIME_WORDS and not NOT_ACTOR.match(inner):
            pairs.add((inner.casefold(), " ".join(outer.split()).rstrip(".,").casefold()))
    return frozenset(pairs)


class Containments:
    """:func:`containments` of an article, read on first use: most articles never compare two different
    places, and reading them costs a search at every capital letter of the text."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def _pairs(self) -> frozenset[tuple[str, str]]:
        return containments(self._text)

    def __contains__(self, pair: object) -> bool:
        return pair in self._pairs


def place_of(text: str, lowered: bool, last: bool = False) -> str | None:
    """The first place ``text`` names (the last with ``last``); None where it names none."""
    found = places(text, lowered)
    return (found[-1] if last else found[0]) if found else None


