"""What a sentence says about the incident behind its figures: what happened, where, when, who did it,
and whether it is a past incident mentioned in passing. Rules for the language of news in general
("Iran's missile strike", "killed by police", "in July 2016", "a week ago"); each part is None where the
sentence does not say, and the grouping (summarise.reading.events) fills it from the incident's other
sentences. Places, times and perpetrators are read by their own modules (incident_places,
incident_times, perpetrators)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarise.reading.incident_places import place_of
from summarise.reading.incident_times import time_of
from summarise.reading.incident_words import EVENT_NOUN, in_lower_case
from summarise.reading.lexicon import (
    ACCIDENT_EVENT_NOUNS,
    NOT_INCIDENT_MODIFIERS,
    ONE_WORD_CASUALTY_WORDS,
    UNREST_EVENT_NOUNS,
    alternation,
)
from summarise.reading.perpetrators import perpetrator_of

__all__ = ["NO_PERPETRATOR", "Incident", "kind_of", "read_incident"]

# The perpetrator of an accident or a natural disaster: nobody.
NO_PERPETRATOR = "none"

_MODIFIER = re.compile(r"(?<![\w'’.-])([a-z][a-z-]*)\s+$")  # a whole word: not "rlando" of "Orlando"


@dataclass(frozen=True)
class Incident:
    """What one sentence says about its incident; None where it says nothing."""

    what: str | None
    accident: bool
    where: str | None
    when: str | None
    perpetrator: str | None  # the text's words for who did it, or NO_PERPETRATOR
    background: bool
    kind: str | None = None  # what kind of incident ``what`` is (kind_of)
    named: str | None = None  # the incident the figure is said to be "killed in the ..." ("train attack")
    named_kind: str | None = None  # its kind


# The incident noun that only points back at an incident named before ("65 were killed in the incident").
_ANAPHORIC = "incident"
_UNREST, _HARM, _ACCIDENT = "unrest", "harm", "accident"


def kind_of(noun: str, accident: bool) -> str | None:
    """The kind of incident a noun phrase names: an accident or disaster, diffuse unrest over a time and an area
    ("violence", "clashes"), or one act of harm ("attack", "massacre"); None for the bare "incident"."""
    head = noun.split()[-1].lower()
    if head == _ANAPHORIC:
        return None
    return _ACCIDENT if accident else _UNREST if head in UNREST_EVENT_NOUNS else _HARM


_GUNFIRE = re.compile(r"\b(?:open|opened|opening|opens|returned|return|exchange|exchanged|gun|police)\s+$",
                      re.IGNORECASE)


def _is_accident(text: str, noun: re.Match[str]) -> bool:
    """An accident's noun, unless it is the fire of guns ("police opened fire")."""
    word = noun.group(1).lower()
    return word in ACCIDENT_EVENT_NOUNS and not (
        word == "fire" and _GUNFIRE.search(text, max(0, noun.start() - _WORD_REACH), noun.start()))


# Modifiers are looked for in the few words before the noun: "suicide bomb attack", "missile and drone strike".
_WORD_REACH = 40
_JOINED = re.compile(r"(?<![\w'’.-])([a-z][a-z-]*)\s+and\s+$")


@lru_cache(maxsize=16)
def _event_nouns(text: str) -> tuple[re.Match[str], ...]:
    """The incident nouns of a text, read once for all the figures of a sentence."""
    return tuple(EVENT_NOUN.finditer(text))


def _what(text: str, near: int) -> tuple[str | None, bool]:
    """The incident noun nearest ``near`` (ties: the one before), with the words that name it with it."""
    found = _event_nouns(text)
    if not found:
        return None, False
    noun = min(found, key=lambda match: (abs(match.start() - near), match.start() > near))
    start = noun.start()
    while (modifier := _MODIFIER.search(text, max(0, start - _WORD_REACH), start)) and \
            modifier.group(1).lower() not in NOT_INCIDENT_MODIFIERS:
        start = modifier.start()
    while (joined := _JOINED.search(text, max(0, start - _WORD_REACH), start)) and \
            joined.group(1).lower() not in NOT_INCIDENT_MODIFIERS:
        start = joined.start()
    phrase = " ".join(text[start:noun.end()].split())
    return phrase, _is_accident(text, noun)


_CASUALTY_WORD = alternation(ONE_WORD_CASUALTY_WORDS)
# The figure's incident, named right after its casualty word: "the 58 killed in the express train attack".
_NAMED_INCIDENT = re.compile(rf"^\W*(?:[\w-]+\W+){{0,4}}?(?:{_CASUALTY_WORD})\s+(?:in|during)\s+the\s+"
                             rf"((?:[\w-]+\s+){{0,3}}?(?:{EVENT_NOUN.pattern}))", re.IGNORECASE)
# A count within the figure before it, not an incident of its own: "the toll is 16, including six killed in ...".
_SUB_COUNT = re.compile(r"\b(?:including|among them|among whom|of whom|of them|of which)\W+(?:the\s+)?$", re.IGNORECASE)
_SUB_COUNT_REACH = 30


def _named(text: str, near: int, end: int) -> tuple[str | None, str | None]:
    """The incident the figure at ``near`` is said to have been killed or hurt in, read up to ``end``, and its
    kind; (None, None) where it names none, or it counts part of the figure before it."""
    if _SUB_COUNT.search(text, max(0, near - _SUB_COUNT_REACH), near):
        return None, None
    found = _NAMED_INCIDENT.search(text[near:end])
    if found is None:
        return None, None
    noun = " ".join(found.group(1).split())
    head = EVENT_NOUN.search(text, near + found.start(1))  # always found: the name ends with one
    return noun, kind_of(noun, head is not None and _is_accident(text, head))


# How far from its figure a sentence is read for the figure's incident, each way (news sentences are shorter).
_REACH = 250
# A wire dateline before the first sentence ("ISLAMABAD, March 25 - "): the day of filing, not of the incident.
_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .'-]{1,30},\s+[\w .]{3,20}?(?:\s+\([A-Z]+\))?\s+(?:-|--|—|–)\s+")


def _window_start(near: int) -> int:
    """Where the window about the figure at ``near`` starts in a long sentence: at a multiple of the reach."""
    return max(0, (near // _REACH - 1) * _REACH)


def read_incident(text: str, near: int = 0, clauses: tuple[tuple[int, int], ...] = (), lead: int = 0) -> Incident:
    """What ``text`` (one sentence) says about the incident of the figure at offset ``near`` in it; its
    place, time and perpetrator are read first in ``clauses`` (start, end), the parts of the sentence that are
    the figure's own (``lead``: where the sentence's first figure starts), else the place is the one nearest
    ``near`` (the first one, or the last when ``near`` is the end)."""
    dateline = _DATELINE.match(text)
    if dateline:
        blank = " " * dateline.end()
        text = blank + text[dateline.end():]
    if len(text) > 3 * _REACH:  # what a figure's incident is, is said near it: keeps every pattern linear
        start = _window_start(near)  # figures close together share their window, and what is read in it
        text, near = text[start:start + 3 * _REACH], near - start
        clauses = tuple((max(0, begin - start), max(0, end - start)) for begin, end in clauses)
        lead = max(0, lead - start)
    own = (min(start for start, _ in clauses), max(end for _, end in clauses)) if clauses else None
    shared = own is not None and (own[0] > 0 or own[1] < len(text))  # other figures in the sentence
    perpetrator = perpetrator_of(text, near, own if shared else None, lead)
    what, accident = _what(text, near)
    lowered = in_lower_case(text)
    # In a clause before the figure the place nearest it is its last one; in a clause after, its first.
    where = next((place for start, end in clauses if (place := place_of(text[start:end], lowered, last=end <= near))),
                 None)
    if perpetrator is None and accident and not any(not _is_accident(text, noun) for noun in _event_nouns(text)):
        perpetrator = NO_PERPETRATOR
    where = where or place_of(text, lowered, last=near >= len(text))
    when, background = time_of(text, near, own or (0, len(text)))
    after = clauses[0][1] if clauses else len(text)
    named, named_kind = _named(text, near, after)
    return Incident(what=what, accident=accident, where=where, when=when, perpetrator=perpetrator,
                    background=background, kind=kind_of(what, accident) if what else None,
                    named=named, named_kind=named_kind)


