"""Find casualty figures in one sentence by the phrasing news copy uses, without a model.

A number (or a vague quantity) is a casualty figure only when the sentence ties it to a casualty word:

- after it, through a short noun phrase: "seven non-Iranian nationals were killed", "35 guerrillas and
  5 soldiers dead", "left two teenagers dead", "2,109 injured";
- before it, as the verb: "killing at least 12", "the gunman who killed 49 and injured 53";
- as a toll: "the toll ... rose to 81", "put the toll at five", "the total injured ... to 17".

The kind (killed or injured) is the tied word's, so "killed 49 and injured 53" gives 49 killed and 53
injured whatever order a model would have put them in. A number tied to nothing (an age, "11 police
officers", "62 hostages were rescued") or one that does the killing ("two gunmen killed ...") is not a
figure.

A figure found in an instruction, a hypothetical or a question (summarise.reading.mood) reports no event: it
says why in ``unreported``, and only :func:`reported_figures` become casualty rows.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache

from summarise.reading.figure_phrases import (
    AMOUNT,
    CASUALTY_AFTER,
    CLAUSE_END,
    FIGURE,
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
from summarise.reading.mood import (
    HYPOTHETICAL,
    INSTRUCTION,
    QUESTION,
    hypothetical_cause,
    is_forecast,
    is_instruction,
    is_question_at,
    modal_governs,
)
from summarise.reading.numbers import parse_figure
from summarise.schema import Figure

__all__ = ["FoundFigure", "find_figures", "reported_figures", "unreported_in"]


@dataclass(frozen=True)
class FoundFigure:
    """A casualty figure: its words as written (``text == sentence[start:end]``), its kind, and the
    noun it counts ("teenagers"), when one follows it."""

    kind: str
    text: str
    start: int
    end: int
    victims: str | None
    unreported: str | None = None  # why the phrase reports no event: an instruction, a hypothetical, a question

    def figure(self) -> Figure:
        """The figure in the schema's terms: qualifier and bounds read from its words, vague when they hold
        no number ("dozens", and "at least dozens of", which the schema alone would leave exact)."""
        qualifier = "exact" if parse_figure(self.text) else "vague"
        return Figure.model_validate({"text": self.text, "qualifier": qualifier, "number": None})


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


class _Index:
    """Where a sentence's casualty words and the first words of each EndsAt pattern lie, each found once."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._starts: dict[EndsAt, list[int]] = {}

    @cached_property
    def instruction(self) -> bool:
        """The sentence gives an order (summarise.reading.mood): every figure in it is then unreported."""
        return _gives_an_order(self.sentence)

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


_GOVERNING_CHARS = 80  # the words before a casualty verb that may hold the modal governing it


@dataclass(frozen=True)
class _Tie:
    """The casualty word a number is tied to: its kind, the noun phrase between them (ties after the
    number only), and whether a modal verb governs it ("could kill", "would die")."""

    kind: str
    victims: str | None = None
    hypothetical: bool = False


def _tie_after(index: _Index, end: int, after: str, amount: str) -> _Tie | None:
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
    return _Tie(kind, _victims(between), modal_governs(between, found.group()))


def _tie_before(index: _Index, end: int) -> _Tie | None:
    """The casualty verb ("killing at least") or toll ("the toll rose to") that ends at ``end``."""
    verb = next(iter(index.ending_at(KILLING, end)), None)
    if verb is not None:
        governing = index.sentence[max(0, verb.start() - _GOVERNING_CHARS):verb.start()]
        kind = "killed" if verb.group("killed") else "injured"
        return _Tie(kind, hypothetical=modal_governs(governing, verb.group()))
    named = (index.ending_at(TOLL_NAMED, rise.start()) for rise in index.ending_at(TOLL_RISE, end))
    toll = min((tolls[0] for tolls in named if tolls), key=lambda toll: toll.start(), default=None)
    if toll is None:
        return None
    return _Tie("killed" if toll.group("killed") else "injured", hypothetical=is_forecast(toll.group()))


def _unreported(index: _Index, start: int, end: int, tie: _Tie) -> str | None:
    if index.instruction:
        return INSTRUCTION
    if is_question_at(index.sentence, end):
        return QUESTION
    if tie.hypothetical or hypothetical_cause(index.sentence[max(0, start - _GOVERNING_CHARS):start]):
        return HYPOTHETICAL
    return None


def _skipped(index: _Index, words: str, after: str, *starts: int) -> bool:
    """A year, a measure ("5 km", "10 years old"), a date or a label ("aged 27", "flight 93"), not a count."""
    return _is_year(words) or bool(SKIP_AFTER.match(after)) or any(
        index.ending_at(NOT_A_COUNT, start) for start in set(starts))


@lru_cache(maxsize=4096)
def find_figures(sentence: str) -> tuple[FoundFigure, ...]:
    """Every casualty figure the sentence ties to a casualty word, in order. Cached: the passes ask for a
    sentence's figures when they choose the casualty sentences and again when they build the rows."""
    found: list[FoundFigure] = []
    index = _Index(sentence)
    for match in FIGURE.finditer(sentence):
        words, start, end = match.group("figure"), match.start("figure"), match.end("figure")
        amount = match.group("amount")
        after = sentence[end:end + REACH]
        if amount.lower() in ("a", "an"):
            continue  # "a policeman was killed" is one, but no digit or number word says so: not a figure
        if _skipped(index, words, after, match.start(), start):
            continue
        if amount.lower() == "one" and re.match(r"\s+of\b", after, re.IGNORECASE):
            continue  # "one of the two people killed": one of a count given elsewhere
        tie = _tie_before(index, match.start()) or _tie_before(index, match.start("amount"))
        if tie is None:
            tie = _tie_after(index, end, after, amount)
            if tie is None:
                continue
        elif amount.lower() in ("many", "several") and not re.match(r"\s+(?:people|persons|civilians)", after):
            continue
        unreported = _unreported(index, match.start(), end, tie)
        found.append(FoundFigure(tie.kind, words, start, end, tie.victims, unreported))
    return tuple(found)


def reported_figures(sentence: str) -> tuple[FoundFigure, ...]:
    """The figures of :func:`find_figures` that report an event (not an instruction, a hypothetical or a
    question): the ones a casualty row may hold."""
    return tuple(figure for figure in find_figures(sentence) if figure.unreported is None)


def unreported_in(sentence: str, number: int | None) -> str | None:
    """Why ``number``, as a casualty figure of ``sentence``, reports no event: the sentence is an
    instruction, or every figure the rules read there with that number is a hypothetical or a question.
    None when it reports one (or the rules read no such figure there and the sentence gives no order)."""
    if _gives_an_order(sentence):
        return INSTRUCTION
    reasons = _reasons_by_number(sentence).get(number, ())
    return reasons[0] if reasons and all(reasons) else None


@lru_cache(maxsize=256)
def _gives_an_order(sentence: str) -> bool:
    """summarise.reading.mood's instruction check, once per sentence: grounding asks it for every row."""
    return is_instruction(sentence)


@lru_cache(maxsize=256)
def _reasons_by_number(sentence: str) -> dict[int | None, tuple[str | None, ...]]:
    """For each number the rules read as a figure in ``sentence``, why each such figure is unreported (None
    where it reports an event). Built once per sentence: a sentence of many figures asks for each of them."""
    reasons: dict[int | None, list[str | None]] = {}
    for figure in find_figures(sentence):
        reasons.setdefault(figure.figure().number, []).append(figure.unreported)
    return {number: tuple(found) for number, found in reasons.items()}
