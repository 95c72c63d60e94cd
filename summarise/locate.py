"""Find a quote in an article and check that a number is written in a span of text.

Pure string functions, used both by the response validators (to re-ask the model) and by the grounding
step (to record offsets). Offsets are on the exact article text: ``start`` inclusive, ``end`` exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from rapidfuzz import fuzz

from summarise.reading.numbers import read_numbers

__all__ = ["MatchStatus", "QuoteMatch", "locate_quote", "number_is_written", "text_is_in"]

FUZZY_THRESHOLD = 90.0

_QUOTE_CHARS = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\u2039\u203a"
_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TRANSLATE = {ord(c): '"' for c in _QUOTE_CHARS} | {ord(c): "-" for c in _DASH_CHARS}
_TRANSLATE[ord("\u2026")] = "."


class MatchStatus(str, Enum):
    """How a quote was found in the article, from most to least trustworthy."""

    EXACT = "exact"
    NORMALISED = "normalised"
    FUZZY = "fuzzy"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote lies in the article; ``start``/``end`` are None when it was not found."""

    status: MatchStatus
    start: int | None = None
    end: int | None = None
    score: float = 0.0

    @property
    def found(self) -> bool:
        return self.status is not MatchStatus.NOT_FOUND


@lru_cache(maxsize=64)
def _normalise_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """Fold case, quote marks, dashes and whitespace runs; remember each output char's source index."""
    chars: list[str] = []
    index: list[int] = []
    previous_space = True
    for position, char in enumerate(text):
        if char.isspace():
            if not previous_space:
                chars.append(" ")
                index.append(position)
            previous_space = True
            continue
        previous_space = False
        folded = char.translate(_TRANSLATE).lower()
        chars.append(folded if len(folded) == 1 else char)
        index.append(position)
    if chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return "".join(chars), tuple(index)


def _strip_edges(quote: str) -> str:
    return quote.strip().strip(_QUOTE_CHARS + " .,;:").strip()


@lru_cache(maxsize=64)  # grounding locates every row's quote, and the rows of a sentence share it
def locate_quote(quote: str, article: str) -> QuoteMatch:
    """Locate ``quote`` in ``article``: exact, then normalised, then fuzzy (score >= 90)."""
    if not quote.strip():
        return QuoteMatch(MatchStatus.NOT_FOUND)
    position = article.find(quote)
    if position >= 0:
        return QuoteMatch(MatchStatus.EXACT, position, position + len(quote), 100.0)
    stripped = _strip_edges(quote)
    if not stripped:
        return QuoteMatch(MatchStatus.NOT_FOUND)
    position = article.find(stripped)
    if position >= 0:
        return QuoteMatch(MatchStatus.EXACT, position, position + len(stripped), 100.0)
    norm_article, index = _normalise_with_map(article)
    norm_quote, _ = _normalise_with_map(stripped)
    position = norm_article.find(norm_quote)
    if position >= 0:
        end = position + len(norm_quote) - 1
        return QuoteMatch(MatchStatus.NORMALISED, index[position], index[end] + 1, 100.0)
    if len(norm_quote) < 12:
        return QuoteMatch(MatchStatus.NOT_FOUND)
    alignment = fuzz.partial_ratio_alignment(norm_quote, norm_article, score_cutoff=FUZZY_THRESHOLD)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return QuoteMatch(MatchStatus.NOT_FOUND)
    return QuoteMatch(
        MatchStatus.FUZZY,
        index[alignment.dest_start],
        index[alignment.dest_end - 1] + 1,
        round(alignment.score, 1),
    )


def text_is_in(needle: str, haystack: str) -> bool:
    """True when ``needle`` occurs in ``haystack`` ignoring case, quote marks, dashes and spacing."""
    norm_needle, _ = _normalise_with_map(_strip_edges(needle))
    norm_haystack, _ = _normalise_with_map(haystack)
    return bool(norm_needle) and norm_needle in norm_haystack


# Words for two that are no number word: grounding accepts them for 2; the rules never read them as a figure.
_TWO = re.compile(r"\b(?:twin|a\s+pair|a\s+couple)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _numbers_written(text: str) -> frozenset[int]:
    """Cached: grounding asks about every figure of a sentence, and a sentence may hold thousands."""
    return frozenset(written.value for written in read_numbers(text))


def number_is_written(number: int, text: str) -> bool:
    """True when ``text`` writes ``number``, as summarise.reading.numbers reads numbers: in digits ("1,269", "26",
    "５") or words ("seven", "twenty-one hundred"), each read whole, so 5 is written neither in "25" nor
    in "twenty-five"."""
    return number in _numbers_written(text) or (number == 2 and bool(_TWO.search(text)))
