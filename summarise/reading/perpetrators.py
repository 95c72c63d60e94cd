"""Who did it: the actors a sentence names as doing harm ("Iran's missile strike", "killed by police", "the
gunman opened fire", "X claimed the attack"), the one that is a figure's perpetrator, and, read over the
whole article, who claimed the story's incident or what the article calls its attacker. Rules for the
language of news in general; a count before an actor makes it the victims, a place before it a place."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from summarise.reading.incident_times import is_past
from summarise.reading.incident_words import CAPITALISED, EVENT_NOUN, NOT_ACTOR, NUMBER_WORDS
from summarise.reading.lexicon import (
    ACCIDENT_EVENT_NOUNS,
    AGENT_NOUNS,
    ATTACKER_NOUNS,
    MONTHS,
    NOT_INCIDENT_MODIFIERS,
    PAGE_CONTROL_WORDS,
    PERPETRATING_VERBS,
    VAGUE_COUNTS,
    WEEKDAYS,
    alternation,
)
from summarise.reading.sides import country_of, first_country

__all__ = ["actors", "attacker_named", "claimed_by", "perpetrator_of"]

_AGENT = alternation(AGENT_NOUNS)
_NOT_BEFORE_AGENT = alternation(NOT_INCIDENT_MODIFIERS | {"when", "after", "then", "until", "if", "today", "yesterday",
                                                           "tonight", "now", "later"})
# A month, a weekday or a preposition opens no actor's name: "During November, guerrillas killed 43, kidnapped
# 32" is the guerrillas' doing.
_OPENERS = ("In", "On", "At", "During", "Since", "After", "Before", "By", "For", "From", "Last", "Early", "Late",
            "Meanwhile", "However", "Earlier", "Later")
_TIME_NAME = rf"(?:{alternation([*(word.capitalize() for word in (*MONTHS, *WEEKDAYS)), *_OPENERS])})\b"
_GROUP_NOUN = r"(?:the\s+)?(?:[a-z]+\s+)?(?:group|groups|movement|organi[sz]ation)\s+(?=[A-Z])"  # "the rebel group"
_ACTOR = (rf"(?:{_GROUP_NOUN})?"
          rf"(?:(?:the\s+)?(?!{_TIME_NAME}){CAPITALISED}(?:\s+(?:{_AGENT})(?![\w-]))?"  # "Islamic State gunmen"
          rf"|(?:the\s+)?(?:\b(?![a-z]+ing\b|(?:{_NOT_BEFORE_AGENT})\b)[A-Z]?[a-z]+\s+)?(?:{_AGENT}))")
_CLAIMANT = (rf"({_ACTOR})(?:\s+(?:group|movement|network|organi[sz]ation))?(?:,\s+(?:which|who))?"
             rf"\s+(?:(?:has|have|had|also|later|quickly)\s+)*claimed\s+(?:(?:responsibility|credit)\s+for\s+)?")
_VERB_AUXILIARY = r"(?:(?:also|then|had|have|has)\s+){0,2}"
_ONGOING_HARM = r"(?:been\s+)?(?:carrying out|launching|staging|mounting|attacking|targeting|shelling|bombing)"


class _Cued:
    """A pattern searched only in a text that holds its cue: words every match of the pattern holds. The
    patterns try an actor at every word of a sentence (the possessive one cost 0.3 ms a sentence); the cue
    rules most sentences out in microseconds, and where it is found the pattern decides as before."""

    def __init__(self, cue: str, pattern: re.Pattern[str]) -> None:
        self.cue = re.compile(cue, pattern.flags)
        self.pattern = pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.cue.search(text) else iter(())


_HARMING = rf"(?:{alternation(PERPETRATING_VERBS)}|{_ONGOING_HARM})"
_PERPETRATOR_PATTERNS: tuple[re.Pattern[str] | _Cued, ...] = (
    # "Iran's missile and drone strike", "the gunman's rampage"
    _Cued(rf"(?:['’]s|s['’])\s+(?:[\w-]+\s+){{0,4}}(?:{EVENT_NOUN.pattern})",
          re.compile(rf"({_ACTOR})(?:['’]s|(?<=s)['’])\s+(?:[\w-]+\s+){{0,4}}?(?:{EVENT_NOUN.pattern})",
                     re.IGNORECASE)),
    # "killed by police", "an attack by Islamic State militants", "at the hands of the army"
    re.compile(rf"(?:\bby|\bat\s+the\s+hands\s+of)\s+({_ACTOR})"),
    # "Pakistan condemned Iran for carrying out", "Iran accused of killing", "blamed on the rebels"
    re.compile(rf"(?:condemned|accused|blamed|criticised|criticized)\s+({_ACTOR})\s+(?:for|of)\s+"),
    _Cued(r"(?:accused|blamed)\s+(?:of|for)\b",
          re.compile(rf"({_ACTOR})\s+(?:(?:was|were|is|are|has been|have been)\s+)?(?:accused|blamed)\s+(?:of|for)\b")),
    # "Pakistan on Thursday launched air raids", "the gunman, who ..., killed", "police opened fire"
    _Cued(rf"\s{_HARMING}\b",
          re.compile(rf"({_ACTOR})(?:\s+on\s+\w+|\s+who\s+[^,.;]{{0,80}}?|,\s+[^,.;]{{0,60}},)?\s+{_VERB_AUXILIARY}"
                     rf"{_HARMING}\b")),
    # "Islamic State has claimed the attack", "the Taliban, which claimed responsibility for the bombing"
    _Cued(r"\sclaimed\s", re.compile(rf"{_CLAIMANT}(?:the|a|an|both|this|these|that|its|their)\s+(?!lives?\b)")),
    # "the Red Hand, which began its campaign in 1980, is responsible for the death of 900 people"
    _Cued(r"\sresponsible\s+for\b",
          re.compile(rf"({_ACTOR})[\"”]?(?:,[\"”]?\s+(?:which|who)\s+[^;.]{{0,80}}?,)?\s+(?:is|was|are|were|"
                     rf"has been|have been)\s+(?:held\s+)?responsible\s+for\b")),
)
# "blamed on the rebels": "on" before the actor is the verb's, no place.
_BLAMED_ON = re.compile(rf"\bblamed\s+on\s+({_ACTOR})")
# "killed in police firing", "army shelling": the agent's own fire, so "in" before it is no place.
_FIRE_PATTERN = _Cued(r"\s(?:firing|shelling|fire|raids?|operations?)\b",
                     re.compile(rf"\b((?:{_AGENT}))\s+(?:firing|shelling|fire|raids?|operations?)\b", re.IGNORECASE))


# A count before the actor makes it the victims ("2 militants killed"); "its" or "their" points back to the
# sentence's own subject ("Iraq said its forces killed").
_COUNTED_BEFORE = re.compile(rf"(?:\b\d[\d,]*|\b(?:{alternation(NUMBER_WORDS | VAGUE_COUNTS)}))\s+$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|on|near|from|of|to|into|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE)


_OPENING_NAME = re.compile(r"^\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?!of\b)[a-z]")


def _subject_of(text: str) -> str | None:
    """Who "its" or "their" stands for: the country the text names first, else the name it opens with."""
    opening = _OPENING_NAME.match(text)
    return first_country(text) or (opening.group(1) if opening else None)


# How far before an actor the words that make it a place, the victims or a pronoun's are looked for.
_LOOKBEHIND = 60


@lru_cache(maxsize=64)
def actors(text: str) -> tuple[tuple[int, str], ...]:
    """Every actor the patterns find in the sentence as doing harm, with where it is named; read once per
    sentence, for all the figures it holds."""
    found = []
    for pattern in (*_PERPETRATOR_PATTERNS, _BLAMED_ON, _FIRE_PATTERN):
        for match in pattern.finditer(text):
            start = match.start(1)
            behind = max(0, start - _LOOKBEHIND)
            if (pattern not in (_FIRE_PATTERN, _BLAMED_ON) and _PLACE_BEFORE.search(text, behind, start)) or \
                    _COUNTED_BEFORE.search(text, behind, start):
                continue  # "an attack in Kabul killed 80": a place; "two militants killed": the victims
            if actor := _actor_named(text, match, behind):
                found.append((start, actor))
    return tuple(found)


def _actor_named(text: str, match: re.Match[str], behind: int, group: int = 1) -> str | None:
    """The actor ``match`` names in its ``group``, in plain words; None where it is no actor."""
    start = match.start(group)
    words = " ".join(match.group(group).strip(" ,").split())
    actor = re.sub(r"^(?:the|a|an)\s+|^(?:presumed|suspected|alleged)\s+(?=[A-Z])", "", words, flags=re.IGNORECASE)
    actor = re.sub(r"\s+who\b.*$", "", actor)
    actor = _GROUP_BEFORE_NAME.sub("", actor)  # "the rebel group Red Hand": Red Hand
    actor = re.sub(r"(?<=\w\w)\.$", "", actor)  # the sentence's full stop, not an abbreviation's ("U.S.")
    if _POSSESSIVE_BEFORE.search(text, behind, start):
        return _subject_of(text[:start])  # "Iraq said its forces killed": Iraq
    actor = re.sub(r"^(\S+)['’]s\s+\S+$", r"\1", actor)  # "Freedonia's army": Freedonia
    actor = _CONTROLS_BEFORE.sub("", actor)  # "Share Total": a page's controls
    if actor and not NOT_ACTOR.match(actor) and not _DISASTER_NAME.match(actor):
        return country_of(actor) or actor if len(actor.split()) == 1 else actor
    return None


# "hit by Hurricane Joan": a storm, not an actor.
_DISASTER_NAME = re.compile(rf"^(?:{alternation(ACCIDENT_EVENT_NOUNS)})\s+[A-Z]", re.IGNORECASE)
_GROUP_BEFORE_NAME = re.compile(rf"^{_GROUP_NOUN}")
_CONTROLS_BEFORE = re.compile(rf"^(?:(?:{alternation(PAGE_CONTROL_WORDS)})\s+)+", re.IGNORECASE)
# "X has claimed the attack": the story's own incident, the one "the" points at.
_THE_INCIDENT = rf"(?:the|this|today['’]s|yesterday['’]s)\s+(?:[\w-]+\s+){{0,3}}?(?i:{EVENT_NOUN.pattern})"
_CLAIM = re.compile(rf"{_CLAIMANT}{_THE_INCIDENT}"
                    # "police have attributed the attack to rebels", "officials blamed the bombing on the Red Hand"
                    rf"|(?:attributed|blamed)\s+{_THE_INCIDENT}\s+(?:to|on)\s+({_ACTOR})")


# Words every match of _CLAIM holds: the cue rules most sentences out before the pattern is tried.
_CLAIM_CUE = re.compile(r"\sclaimed\s|(?:attributed|blamed)\s")


_ATTACKER = re.compile(rf"\b(?:{alternation(ATTACKER_NOUNS)})\b", re.IGNORECASE)


def attacker_named(sentences: Iterable[str]) -> str | None:
    """The word the first sentence that is not about the past uses for whoever carried out the attack ("police
    searched for the gunman": gunman), not counted as victims ("killed all four attackers"); None where none
    does. What an article that names no one calls the perpetrator."""
    for text in sentences:
        for match in _ATTACKER.finditer(text):
            behind = max(0, match.start() - _LOOKBEHIND)
            if not _COUNTED_BEFORE.search(text, behind, match.start()) and not is_past(text):
                return match.group(0).lower()
    return None


def claimed_by(sentences: Iterable[str]) -> str | None:
    """Who the first sentence that is not about the past says claimed "the" incident ("The so-called Islamic
    State group has claimed the attack"); None where none does."""
    for text in sentences:
        match = _CLAIM.search(text) if _CLAIM_CUE.search(text) and not is_past(text) else None
        group = 1 if match and match.group(1) else _CLAIM.groups  # the claimant, or whom it is laid on
        if match and (actor := _actor_named(text, match, max(0, match.start(group) - _LOOKBEHIND), group)):
            return actor
    return None


def perpetrator_of(text: str, near: int = 0, own: tuple[int, int] | None = None, lead: int = 0) -> str | None:
    """Who the sentence says did it: of every actor the patterns find, the one nearest the figure at ``near``
    ("killing 80 people as the driver opened fire, ... before being shot by police": the driver). Where the
    sentence holds other figures, only an actor in the figure's ``own`` part (start, end) or in the sentence's
    lead, before its first figure at ``lead``, is the figure's: "the toll is 233, including 30 killed in police
    firing" does not make the police the perpetrator of the 233."""
    found = [(start, actor) for start, actor in actors(text)
             if own is None or own[0] <= start < own[1] or start < lead]
    return min(found, key=lambda candidate: abs(candidate[0] - near))[1] if found else None
