"""What a sentence says about the incident behind its figures: what happened, where, when, who did it,
and whether it is a past incident mentioned in passing. Rules for the language of news in general
("Iran's missile strike", "killed by police", "in July 2016", "a week ago"); each part is None where the
sentence does not say, and the grouping (summarise.reading.events) fills it from the incident's other
sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from summarise.reading.lexicon import (
    ACCIDENT_EVENT_NOUNS,
    AGENT_NOUNS,
    BELOW_TWENTY_WORDS,
    INJURED_WORDS,
    KILLED_WORDS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NOT_INCIDENT_MODIFIERS,
    PAST_TIME_WORDS,
    PERPETRATING_VERBS,
    TENS_WORDS,
    TIME_UNITS,
    VAGUE_COUNTS,
    VIOLENT_EVENT_NOUNS,
    WEEKDAYS,
    alternation,
)
from summarise.reading.sides import country_of, first_country

__all__ = ["NO_PERPETRATOR", "Incident", "read_incident"]

# The perpetrator of an accident or a natural disaster: nobody.
NO_PERPETRATOR = "none"

_NOUN = re.compile(rf"(?<![\w-])({alternation(VIOLENT_EVENT_NOUNS | ACCIDENT_EVENT_NOUNS)})(?![\w-])", re.IGNORECASE)
_MODIFIER = re.compile(r"(?<![\w'’.-])([a-z][a-z-]*)\s+$")  # a whole word: not "rlando" of "Orlando"
_CAPITALISED = (r"[A-Z][\w'’.-]*(?:\s+(?:and\s+(?:the\s+)?|of\s+(?:the\s+)?|de\s+|al-|el-)?[A-Z][\w'’.-]*){0,5}"
                r"(?:\s+\([A-Z]{2,}\))?")
_DIRECTION = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_TIME_WORDS = {*WEEKDAYS, *MONTHS} | {day.capitalize() for day in WEEKDAYS} | {month.capitalize() for month in MONTHS}
_SETTLEMENT = r"(?:city|town|village|province|state|district|region|area|county|department|locality|port|capital)"
_PLACE = re.compile(
    rf"(?:\b(?i:in|near|at|outside|off|inside|across|close to|(?:north|south|east|west)(?:-?(?:east|west))? of|"
    rf"(?:border|borders|outskirts|suburbs?) of)\s+(?:(?:the|a|an)\s+)?(?:(?:[\w'’-]+\s+){{0,4}}{_SETTLEMENT}\s+of\s+)?"
    rf"|\b{_SETTLEMENT}\s+of\s+)((?:{_DIRECTION}\s+)?{_CAPITALISED})"
)
NUMBER_WORDS = frozenset({*BELOW_TWENTY_WORDS, *TENS_WORDS})
_WEEKDAY = alternation(WEEKDAYS)
_MONTH = alternation([*MONTHS, *(rf"{abbreviation}\.?" for abbreviation in MONTH_ABBREVIATIONS)])
_YEAR = r"(?:19|20)\d\d"
_TIME = re.compile(
    rf"\b(?:(?:on|last|this|early|late)\s+)?(?:{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b"
    rf"|\b(?:(?:in|on|since|last|early|late)\s+)?(?:\d{{1,2}}\s+)?(?:{_MONTH})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
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
    rf"|\b(?:days?|weeks?|months?|years?)\s+(?:after|before)\s+(?:a|an|the)\b",
    re.IGNORECASE,
)
_AGENT = alternation(AGENT_NOUNS)
_NOT_BEFORE_AGENT = alternation(NOT_INCIDENT_MODIFIERS | {"when", "after", "then", "until", "if"})
_ACTOR = rf"(?:{_CAPITALISED}|(?:the\s+)?(?:\b(?![a-z]+ing\b|(?:{_NOT_BEFORE_AGENT})\b)[A-Z]?[a-z]+\s+)?(?:{_AGENT}))"


class _Cued:
    """A pattern searched only in a text that holds its cue: words every match of the pattern holds. The
    patterns try an actor at every word of a sentence (the possessive one cost 0.3 ms a sentence); the cue
    rules most sentences out in microseconds, and where it is found the pattern decides as before."""

    def __init__(self, cue: str, pattern: re.Pattern[str]) -> None:
        self.cue = re.compile(cue, pattern.flags)
        self.pattern = pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.cue.search(text) else iter(())


_PERPETRATOR_PATTERNS: tuple[re.Pattern[str] | _Cued, ...] = (
    # "Iran's missile and drone strike", "the gunman's rampage"
    _Cued(rf"(?:['’]s|s['’])\s+(?:[\w-]+\s+){{0,4}}(?:{_NOUN.pattern})",
          re.compile(rf"({_ACTOR})(?:['’]s|(?<=s)['’])\s+(?:[\w-]+\s+){{0,4}}?(?:{_NOUN.pattern})", re.IGNORECASE)),
    # "killed by police", "an attack by Islamic State militants", "at the hands of the army"
    re.compile(rf"(?:\bby|\bat\s+the\s+hands\s+of)\s+({_ACTOR})"),
    # "Pakistan condemned Iran for carrying out", "Iran accused of killing", "blamed on the rebels"
    re.compile(rf"(?:condemned|accused|blamed|criticised|criticized)\s+({_ACTOR})\s+(?:for|of)\s+"),
    _Cued(r"(?:accused|blamed)\s+(?:of|for)\b",
          re.compile(rf"({_ACTOR})\s+(?:(?:was|were|is|are|has been|have been)\s+)?(?:accused|blamed)\s+(?:of|for)\b")),
    re.compile(rf"\bblamed\s+on\s+({_ACTOR})"),
    # "Pakistan on Thursday launched air raids", "the gunman, who ..., killed", "police opened fire"
    _Cued(rf"\s(?:{alternation(PERPETRATING_VERBS)})\b",
          re.compile(rf"({_ACTOR})(?:\s+on\s+\w+|\s+who\s+[^,.;]{{0,80}}?|,\s+[^,.;]{{0,60}},)?\s+(?:also\s+|then\s+|"
                     rf"had\s+|have\s+|has\s+)?(?:{alternation(PERPETRATING_VERBS)})\b")),
    # "police firing", "army shelling"
    _Cued(r"\s(?:firing|shelling|fire|raids?|operations?)\b",
          re.compile(rf"\b((?:{_AGENT}))\s+(?:firing|shelling|fire|raids?|operations?)\b", re.IGNORECASE)),
)
_NOT_ACTOR = re.compile(rf"^(?:the\s+)?(?:{_WEEKDAY}|{alternation(MONTHS)}|it|they|he|she|we|who|which|this|that|"
                        rf"there|its\s+\w+|their\s+\w+|his\s+\w+|her\s+\w+|people|{alternation(NUMBER_WORDS)}|"
                        rf"[A-Z]{{1,2}})$",
                        re.IGNORECASE)


# A count before the actor makes it the victims ("2 militants killed"); "its" or "their" points back to the
# sentence's own subject ("Iraq said its forces killed").
_COUNTED_BEFORE = re.compile(rf"(?:\b\d[\d,]*|\b(?:{alternation(NUMBER_WORDS | VAGUE_COUNTS)}))\s+$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|on|near|from|of|to|into|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE)


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
    found = sorted(_NOUN.finditer(text), key=lambda match: (abs(match.start() - near), match.start() > near))
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


# In copy set all in lower case no capital marks a name: a place is then one word after "in", "near" or
# "at" that no list of ours knows as a common word ("killed in deodhar near palanpur").
_LOWER_PLACE = re.compile(r"\b(?:in|near|at|outside)\s+([a-z][a-z'-]{3,})\b(?!\s+(?:of|to)\b)")
_COMMON_WORDS = frozenset({*NOT_INCIDENT_MODIFIERS, *AGENT_NOUNS, *VIOLENT_EVENT_NOUNS, *ACCIDENT_EVENT_NOUNS,
                           *_TIME_WORDS, *TIME_UNITS, *KILLED_WORDS, *INJURED_WORDS, *NUMBER_WORDS})


@lru_cache(maxsize=64)
def _places(text: str, lowered: bool) -> tuple[str, ...]:
    """The places ``text`` names, in order; a demonym alone ("in Iranian territory") as its country."""
    places: list[str] = []
    for match in _PLACE.finditer(text):
        place = " ".join(match.group(1).rstrip(".,").split())
        if place.split()[0] not in _TIME_WORDS and not _NOT_ACTOR.match(place):
            country = country_of(place) if " " not in place else None
            places.append(country if country and place.endswith(("an", "ian", "i", "ese", "ish")) else place)
    if places or not lowered:
        return tuple(places)
    for match in _LOWER_PLACE.finditer(text):
        word = match.group(1)
        if word not in _COMMON_WORDS and not re.search(r"(?:ing|ed|ly|ion|ions|ies|ness|ment|ments)$", word):
            places.append(word)
    return tuple(places)


def _where(text: str, lowered: bool, last: bool = False) -> str | None:
    places = _places(text, lowered)
    return (places[-1] if last else places[0]) if places else None


@lru_cache(maxsize=64)
def _when(text: str) -> str | None:
    match = _TIME.search(text)
    return " ".join(match.group(0).split()) if match else None


_OPENING_NAME = re.compile(r"^\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?!of\b)[a-z]")


def _subject_of(text: str) -> str | None:
    """Who "its" or "their" stands for: the country the text names first, else the name it opens with."""
    opening = _OPENING_NAME.match(text)
    return first_country(text) or (opening.group(1) if opening else None)


# How far before an actor the words that make it a place, the victims or a pronoun's are looked for.
_LOOKBEHIND = 60


@lru_cache(maxsize=64)
def _actors(text: str) -> tuple[tuple[int, str], ...]:
    """Every actor the patterns find in the sentence as doing harm, with where it is named; read once per
    sentence, for all the figures it holds."""
    found = []
    for pattern in _PERPETRATOR_PATTERNS:
        for match in pattern.finditer(text):
            start = match.start(1)
            behind = max(0, start - _LOOKBEHIND)
            if _PLACE_BEFORE.search(text, behind, start) or _COUNTED_BEFORE.search(text, behind, start):
                continue  # "an attack in Kabul killed 80": a place; "two militants killed": the victims
            actor = re.sub(r"^(?:the|a|an)\s+", "", " ".join(match.group(1).strip(" ,").split()), flags=re.IGNORECASE)
            actor = re.sub(r"\s+who\b.*$", "", actor)
            if _POSSESSIVE_BEFORE.search(text, behind, start):
                actor = _subject_of(text[:start]) or ""  # "Iraq said its forces killed": Iraq
            elif actor and not _NOT_ACTOR.match(actor):
                actor = country_of(actor) or actor if len(actor.split()) == 1 else actor
            else:
                continue
            if actor:
                found.append((start, actor))
    return tuple(found)


def _perpetrator(text: str, near: int = 0) -> str | None:
    """Who the sentence says did it: of every actor the patterns find, the one nearest the figure at ``near``
    ("killing 80 people as the driver opened fire, ... before being shot by police": the driver)."""
    found = _actors(text)
    return min(found, key=lambda candidate: abs(candidate[0] - near))[1] if found else None


# How far from its figure a sentence is read for the figure's incident, each way (news sentences are shorter).
_REACH = 250
# A wire dateline before the first sentence ("ISLAMABAD, March 25 - "): the day of filing, not of the incident.
_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .'-]+,\s+[\w .]{3,20}?(?:\s+\([A-Z]+\))?\s+(?:-|--|—|–)\s+")


def _window_start(near: int) -> int:
    """Where the window about the figure at ``near`` starts in a long sentence: at a multiple of the reach."""
    return max(0, (near // _REACH - 1) * _REACH)


def read_incident(text: str, near: int = 0, clauses: tuple[tuple[int, int], ...] = ()) -> Incident:
    """What ``text`` (one sentence) says about the incident of the figure at offset ``near`` in it; its
    place is read first in ``clauses`` (start, end), the parts of the sentence that are the figure's own,
    else it is the place nearest ``near`` (the first one, or the last when ``near`` is the end)."""
    dateline = _DATELINE.match(text)
    if dateline:
        blank = " " * dateline.end()
        text = blank + text[dateline.end():]
    if len(text) > 3 * _REACH:  # what a figure's incident is, is said near it: keeps every pattern linear
        start = _window_start(near)  # figures close together share their window, and what is read in it
        text, near = text[start:start + 3 * _REACH], near - start
        clauses = tuple((max(0, begin - start), max(0, end - start)) for begin, end in clauses)
    perpetrator = _perpetrator(text, near)
    what, accident = _what(text, near)
    lowered = not re.search(r"[A-Z]", text)
    where = next((place for start, end in clauses if (place := _where(text[start:end], lowered))), None)
    if perpetrator is None and accident and not any(not _is_accident(text, noun) for noun in _NOUN.finditer(text)):
        perpetrator = NO_PERPETRATOR
    where = where or _where(text, lowered, last=near >= len(text))
    return Incident(what=what, accident=accident, where=where, when=_when(text), perpetrator=perpetrator,
                    background=_is_past(text))


@lru_cache(maxsize=64)
def _is_past(text: str) -> bool:
    return bool(_PAST.search(text))
