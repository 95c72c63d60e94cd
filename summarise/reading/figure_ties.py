"""How a number in a sentence is tied to a casualty word (summarise.reading.figures reads the figures with
these): through the noun phrase after it ("seven nationals were killed"), through the verb or toll before it
("killing at least 12", "the toll rose to 81"), and what makes a number no count at all (a year, a measure,
a label)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from summarise.reading.figure_phrases import (
    AMOUNT,
    CASUALTY_AFTER,
    CLAUSE_END,
    KILLING,
    NOT_A_COUNT,
    NOT_IN_PHRASE,
    OBJECT,
    PARENTHESIS,
    PRONOUN_AMOUNTS,
    REACH,
    SKIP_AFTER,
    TOLL_NAMED,
    TOLL_RISE,
    VERB_FORMS,
    VICTIM_END,
    EndsAt,
)
from summarise.reading.mood import is_forecast, modal_governs

__all__ = ["GOVERNING_CHARS", "SentenceIndex", "Tie", "skipped", "tie_after", "tie_before"]


def _is_year(words: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", words.strip()))


def _phrase_ok(between: str) -> bool:
    """A short noun phrase (with auxiliaries), possibly joined to another counted noun ("35 guerrillas
    and 5 soldiers") or broken by one aside between commas ("people, four of whom are policemen, were")."""
    aside = PARENTHESIS.match(between)
    if aside:
        between = aside.group("head") + " " + aside.group("tail")
    between = re.sub(rf"\band {AMOUNT}|\bof the \d[\d,]*|\d+[- ]years?[- ]old",
                     " ", between, flags=re.IGNORECASE)
    if CLAUSE_END.search(between) or NOT_IN_PHRASE.search(between) or len(between.split()) > 9:
        return False
    return not re.search(r"\d", between)


def _victims(between: str) -> str | None:
    head = PARENTHESIS.match(between)
    phrase = (head.group("head") if head else between).strip(" \"”’")
    phrase = VICTIM_END.sub("", " " + phrase).strip(" ,")
    phrase = re.sub(r"^(?:of the|of)\s+", "", phrase, flags=re.IGNORECASE)
    return phrase or None


class SentenceIndex:
    """Where a sentence's casualty words and the first words of each EndsAt pattern lie, each found once."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._starts: dict[EndsAt, list[int]] = {}

    @cached_property
    def _casualties(self) -> list[re.Match[str]]:
        return list(CASUALTY_AFTER.finditer(self.sentence))

    @cached_property
    def _casualty_starts(self) -> list[int]:
        return [casualty.start() for casualty in self._casualties]

    def casualty_after(self, end: int) -> re.Match[str] | None:
        """The first casualty word after ``end`` and within REACH of it."""
        index = bisect_left(self._casualty_starts, end)
        if index < len(self._casualties) and self._casualties[index].end() <= end + REACH:
            return self._casualties[index]
        return None

    def ending_at(self, pattern: EndsAt, end: int) -> list[re.Match[str]]:
        """Every match of ``pattern`` that ends at ``end``, leftmost first."""
        if pattern not in self._starts:
            self._starts[pattern] = [match.start() for match in pattern.first_words.finditer(self.sentence)]
        starts = self._starts[pattern]
        candidates = starts[bisect_left(starts, end - pattern.reach):bisect_left(starts, end)]
        return [match for start in candidates if (match := pattern.pattern.match(self.sentence, start, end))]


GOVERNING_CHARS = 80  # the words before a casualty verb that may hold the modal governing it


@dataclass(frozen=True)
class Tie:
    """The casualty word a number is tied to: its kind, the noun phrase between them (ties after the
    number only), and whether a modal verb governs it ("could kill", "would die")."""

    kind: str
    victims: str | None = None
    hypothetical: bool = False


def tie_after(index: SentenceIndex, end: int, after: str, amount: str) -> Tie | None:
    """The casualty word that the text after a number (``after``, from ``end``) ties the number to."""
    found = index.casualty_after(end)
    if found is None:
        return None
    between = index.sentence[end:found.start()]
    if not _phrase_ok(between.lstrip("\"”’")):
        return None
    if VERB_FORMS.match(found.group()) and OBJECT.match(index.sentence[found.end():found.end() + REACH]):
        return None  # active voice: the number did it
    passive = re.search(r"\b(?:were|was|been|be|are|is)\s+(?:\w+\s+)?$", between, re.IGNORECASE)
    if amount.lower() in PRONOUN_AMOUNTS and not (passive or re.match(r"\s*(?:people|persons?|civilians)\b",
                                                                       after, re.IGNORECASE)):
        return None  # "a car bomb killed", "many of them": an article or a pronoun, not a count
    kind = "killed" if found.group("killed") else "injured"
    return Tie(kind, _victims(between), modal_governs(between, found.group()))


def tie_before(index: SentenceIndex, end: int) -> Tie | None:
    """The casualty verb ("killing at least") or toll ("the toll rose to") that ends at ``end``."""
    verb = next(iter(index.ending_at(KILLING, end)), None)
    if verb is not None:
        governing = index.sentence[max(0, verb.start() - GOVERNING_CHARS):verb.start()]
        kind = "killed" if verb.group("killed") else "injured"
        return Tie(kind, hypothetical=modal_governs(governing, verb.group()))
    named = (index.ending_at(TOLL_NAMED, rise.start()) for rise in index.ending_at(TOLL_RISE, end))
    toll = min((tolls[0] for tolls in named if tolls), key=lambda toll: toll.start(), default=None)
    if toll is None:
        return None
    return Tie("killed" if toll.group("killed") else "injured", hypothetical=is_forecast(toll.group()))


def skipped(index: SentenceIndex, words: str, after: str, *starts: int) -> bool:
    """A year, a measure ("5 km", "10 years old"), a date or a label ("aged 27", "flight 93"), not a count."""
    return _is_year(words) or bool(SKIP_AFTER.match(after)) or any(
        index.ending_at(NOT_A_COUNT, start) for start in set(starts))
