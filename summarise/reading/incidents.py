"""What a sentence says about the incident behind its figures: what happened, where, when, who did it,
and whether it is a past incident mentioned in passing. Rules for the language of news in general
("Iran's missile strike", "killed by police", "in July 2016", "a week ago"); each part is None where the
sentence does not say, and the grouping (summarise.reading.events) fills it from the incident's other
sentences. Places, times and perpetrators are read by their own modules (incident_places,
incident_times, perpetrators)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.reading.incident_places import place_of
from summarise.reading.incident_times import time_of
from summarise.reading.incident_words import EVENT_NOUN
from summarise.reading.lexicon import ACCIDENT_EVENT_NOUNS, NOT_INCIDENT_MODIFIERS
from summarise.reading.perpetrators import perpetrator_of

__all__ = ["NO_PERPETRATOR", "Incident", "read_incident"]

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


def _what(text: str, near: int) -> tuple[str | None, bool]:
    """The incident noun nearest ``near`` (ties: the one before), with the words that name it with it."""
    found = sorted(EVENT_NOUN.finditer(text), key=lambda match: (abs(match.start() - near), match.start() > near))
    if not found:
        return None, False
    noun = found[0]
    start = noun.start()
    while (modifier := _MODIFIER.search(text, max(0, start - _WORD_REACH), start)) and \
            modifier.group(1).lower() not in NOT_INCIDENT_MODIFIERS:
        start = modifier.start()
    while (joined := _JOINED.search(text, max(0, start - _WORD_REACH), start)) and \
            joined.group(1).lower() not in NOT_INCIDENT_MODIFIERS:
        start = joined.start()
    phrase = " ".join(text[start:noun.end()].split())
    return phrase, _is_accident(text, noun)


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
    lowered = not re.search(r"[A-Z]", text)
    # In a clause before the figure the place nearest it is its last one; in a clause after, its first.
    where = next((place for start, end in clauses if (place := place_of(text[start:end], lowered, last=end <= near))),
                 None)
    if perpetrator is None and accident and not any(not _is_accident(text, noun) for noun in EVENT_NOUN.finditer(text)):
        perpetrator = NO_PERPETRATOR
    where = where or place_of(text, lowered, last=near >= len(text))
    when, background = time_of(text, near, own or (0, len(text)))
    return Incident(what=what, accident=accident, where=where, when=when, perpetrator=perpetrator,
                    background=background)


