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
from dataclasses import dataclass
from functools import lru_cache

from summarise.reading.figure_phrases import FIGURE, REACH
from summarise.reading.figure_ties import GOVERNING_CHARS, SentenceIndex, Tie, skipped, tie_after, tie_before
from summarise.reading.mood import (
    HYPOTHETICAL,
    INSTRUCTION,
    QUESTION,
    hypothetical_cause,
    is_instruction,
    is_question_at,
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


def _unreported(index: SentenceIndex, start: int, end: int, tie: Tie) -> str | None:
    """Why the figure at ``start``-``end`` reports no event (summarise.reading.mood); None when it reports one."""
    if _gives_an_order(index.sentence):
        return INSTRUCTION
    if is_question_at(index.sentence, end):
        return QUESTION
    if tie.hypothetical or hypothetical_cause(index.sentence[max(0, start - GOVERNING_CHARS):start]):
        return HYPOTHETICAL
    return None


@lru_cache(maxsize=4096)
def find_figures(sentence: str) -> tuple[FoundFigure, ...]:
    """Every casualty figure the sentence ties to a casualty word, in order. Cached: the passes ask for a
    sentence's figures when they choose the casualty sentences and again when they build the rows."""
    found: list[FoundFigure] = []
    index = SentenceIndex(sentence)
    for match in FIGURE.finditer(sentence):
        words, start, end = match.group("figure"), match.start("figure"), match.end("figure")
        amount = match.group("amount")
        after = sentence[end:end + REACH]
        if amount.lower() in ("a", "an"):
            continue  # "a policeman was killed" is one, but no digit or number word says so: not a figure
        if skipped(index, words, after, match.start(), start):
            continue
        if amount.lower() == "one" and re.match(r"\s+of\b", after, re.IGNORECASE):
            continue  # "one of the two people killed": one of a count given elsewhere
        tie = tie_before(index, match.start()) or tie_before(index, match.start("amount"))
        if tie is None:
            tie = tie_after(index, end, after, amount)
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
