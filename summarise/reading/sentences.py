"""Split an article into sentences with offsets, and pick the ones worth showing a small model.

Deterministic pre-selection: a sentence is a casualty candidate when a number (digits, number words or
vague quantities such as "dozens") sits in it with a casualty word; a claim candidate when it attributes
speech ("said", "according to", quotation marks...). The model then reads only those sentences, and a
quote is the sentence itself, so it grounds exactly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from summarise.reading.lexicon import (
    ATTRIBUTION_CUES,
    CASUALTY_CUES,
    MONTH_ABBREVIATIONS,
    QUANTITY_CUES,
    alternation,
    any_of,
    first_letters,
)

__all__ = ["QUOTE_MARKS", "Sentence", "Sentences", "split_sentences", "is_hard_wrapped", "casualty_candidates",
           "claim_candidates", "is_casualty_candidate", "quotation_left_open", "sentence_before"]

# Every boundary below follows a full stop, a question or exclamation mark or a closing double quotation
# mark: checking that character first rules out most positions at once, instead of trying each alternative
# there (the split was most of its time in them). The alternatives alone decide where a boundary is.
_AFTER_END = r"(?<=[.!?\"\u201d])"
_BOUNDARIES = (
    r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])"
    # scraped text that lost the space between sentences: "several days.Government forces"
    r"|(?<=[a-z][.!?])(?=[A-Z][a-z])|(?<=[a-z]{2}[.!?])(?=[A-Z]{2,}[\s,])|(?<=[a-z][.!?][\"\u201d])(?=[A-Z\"\u201c])|(?<=[a-z][.!?])(?=[\"\u201c][A-Z])|(?<=[\"\u201d][.!?])(?=[A-Z][a-z])"
)
_BOUNDARY = re.compile(rf"{_AFTER_END}(?:{_BOUNDARIES})")
# Text set all in lower case ("ahmedabad: the toll ... to 430. this is because ..."): a full stop and a
# space end a sentence there, since no capital letter will start the next.
_LOWER_BOUNDARY = re.compile(
    rf"{_AFTER_END}(?:(?<=[a-z0-9)][.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[a-z0-9])|{_BOUNDARIES})")
_WRAP_WIDTH = range(45, 81)
_MONTHS = alternation(month.capitalize() for month in MONTH_ABBREVIATIONS)
_ABBREVIATION = re.compile(rf"\b(Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|St|Jr|No|U\.S|U\.N|{_MONTHS}|[A-Z])\.$")

_QUANTITY = re.compile(rf"\d|\b{first_letters(QUANTITY_CUES)}({alternation(QUANTITY_CUES)})\b", re.IGNORECASE)
# Searched only for whether a cue is there.
_CASUALTY = re.compile(rf"\b{first_letters(CASUALTY_CUES)}(?:{any_of(CASUALTY_CUES)})", re.IGNORECASE)
_ATTRIBUTION = re.compile(rf"\b{first_letters(ATTRIBUTION_CUES)}(?:{any_of(ATTRIBUTION_CUES)})", re.IGNORECASE)
# Double quotation marks, straight or curly: what opens and closes a quotation of someone's words.
QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")


_LOWER_ABBREVIATION = re.compile(_ABBREVIATION.pattern.replace("|[A-Z])", "|[a-z]|etc|vs|approx)"), re.IGNORECASE)
# Longer than any abbreviation above with its full stop ("approx.", "Sept."): a match ends at the boundary.
_ABBREVIATION_REACH = 12


_ASCII_CAPITAL = re.compile(r"[A-Z]")


def _is_lowercased(line: str) -> bool:
    """A long line with (almost) no capital letters: copy that was lower-cased as a whole."""
    if len(line) < 200 or len(_ASCII_CAPITAL.findall(line)) > 0.002 * len(line):
        return False  # fewer than 200 letters, or more capital letters than the share allows of any line
    letters = [character for character in line if character.isalpha()]
    return len(letters) >= 200 and sum(character.isupper() for character in letters) <= 0.002 * len(letters)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article: ``text == article[start:end]``; ``paragraph`` counts from 0."""

    start: int
    end: int
    text: str
    paragraph: int


class Sentences(list[Sentence]):
    """An article split once (:func:`split_sentences`): its sentences in order, each with its offsets, and the
    ``article`` they lie in. The pipeline splits each article once and hands this to the plan, grounding,
    the events and the summary. A list, so every rule that reads a list of sentences reads it as it is."""

    def __init__(self, article: str, sentences: Iterable[Sentence] = ()) -> None:
        super().__init__(sentences)
        self.article = article

    def index_at(self, offset: int) -> int | None:
        """The position of the last sentence starting at or before ``offset``; None before the first."""
        index = bisect.bisect_right(self, offset, key=lambda sentence: sentence.start) - 1
        return index if index >= 0 else None

    def covering(self, start: int, end: int) -> list[Sentence]:
        """The sentences that the span ``start``-``end`` (end exclusive) overlaps, in order: from the first
        ending after ``start`` to the last starting before ``end`` (sentences follow one another)."""
        first = bisect.bisect_right(self, start, key=lambda sentence: sentence.end)
        return self[first:bisect.bisect_left(self, end, lo=first, key=lambda sentence: sentence.start)]


def is_hard_wrapped(article: str) -> bool:
    """Wire copy wrapped at a fixed width: most lines of similar length, many ending mid-sentence."""
    lines = [line for line in article.split("\n") if line.strip()]
    if len(lines) < 6:
        return False
    wrapped = [line for line in lines if len(line.rstrip()) in _WRAP_WIDTH]
    mid_sentence = [line for line in wrapped if not line.rstrip().endswith((".", "!", "?", ":", '"', "”"))]
    return len(wrapped) >= 0.6 * len(lines) and len(mid_sentence) >= 0.4 * len(lines)


def _unwrap_pattern(article: str) -> str:
    """Lines (or, in hard-wrapped copy, paragraphs: a new one starts after a blank line or at an
    indented line) as the units sentences never cross."""
    if is_hard_wrapped(article):
        return r"(?:[^\n]|\n(?![ \t]|\n|\s*$))+|\n\s*\n"
    return r"[^\n]+|\n\s*\n"


def split_sentences(article: str) -> Sentences:
    """Sentences in order, never crossing a paragraph; offsets on ``article``. A line break ends a
    sentence unless the copy is hard-wrapped, where only blank lines and indented lines do."""
    sentences = Sentences(article)
    paragraph = 0
    for line_match in re.finditer(_unwrap_pattern(article), article):
        line = line_match.group()
        if not line.strip():
            paragraph += 1
            continue
        cursor = 0
        lowered = _is_lowercased(line)
        abbreviation = _LOWER_ABBREVIATION if lowered else _ABBREVIATION
        for boundary in (_LOWER_BOUNDARY if lowered else _BOUNDARY).finditer(line):
            # Only the last few characters can hold an abbreviation: searching the whole sentence so far
            # made a run of initials ("A. A. A. ...") quadratic.
            if abbreviation.search(line, max(cursor, boundary.start() - _ABBREVIATION_REACH), boundary.start()):
                continue
            if _quote_mark_misplaced(line, cursor, boundary.start()):
                continue
            _append(sentences, article, line_match.start() + cursor, line_match.start() + boundary.start(), paragraph)
            cursor = boundary.end()
        _append(sentences, article, line_match.start() + cursor, line_match.end(), paragraph)
        paragraph += 1
    return sentences


def _quote_mark_misplaced(line: str, cursor: int, at: int) -> bool:
    """True when a boundary at ``at`` would cut a quotation mark off its sentence, in copy that lost the
    space after a full stop (`safer."If`): a straight mark closes the quotation the sentence opened, and only
    a mark left alone after the cut belongs to the next sentence."""
    if not line[cursor:at].strip(" \"\u201c\u201d"):
        return at > cursor  # the cut would leave the mark alone
    if line[at:at + 1] == '"':
        return len(QUOTE_MARKS.findall(line, cursor, at)) % 2 == 1  # it closes the open quotation
    return False


def _append(sentences: list[Sentence], article: str, start: int, end: int, paragraph: int) -> None:
    while start < end and article[start].isspace():
        start += 1
    while end > start and article[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, article[start:end], paragraph))


def quotation_left_open(text: str) -> bool:
    """True when ``text`` holds an odd number of double quotation marks: a quotation opens or closes in it
    and goes on in another sentence."""
    return len(QUOTE_MARKS.findall(text)) % 2 == 1


def sentence_before(sentences: list[Sentence], index: int) -> Sentence | None:
    """The sentence before ``sentences[index]`` in its paragraph, or None at a paragraph's start."""
    previous = sentences[index - 1] if index else None
    return previous if previous is not None and previous.paragraph == sentences[index].paragraph else None


def is_casualty_candidate(text: str) -> bool:
    """True when ``text`` pairs a quantity with a casualty word."""
    return bool(_CASUALTY.search(text) and _QUANTITY.search(text))


def casualty_candidates(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences that pair a quantity with a casualty word, first occurrence of each text only."""
    seen: set[str] = set()
    chosen = []
    for sentence in sentences:
        if sentence.text in seen:
            continue
        if is_casualty_candidate(sentence.text):
            seen.add(sentence.text)
            chosen.append(sentence)
    return chosen


def claim_candidates(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences that attribute speech or carry quotation marks, first occurrence of each text only."""
    seen: set[str] = set()
    chosen = []
    for sentence in sentences:
        if sentence.text in seen or len(sentence.text) < 25:
            continue
        if _ATTRIBUTION.search(sentence.text) or QUOTE_MARKS.search(sentence.text):
            seen.add(sentence.text)
            chosen.append(sentence)
    return chosen
