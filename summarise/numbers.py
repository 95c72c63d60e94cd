"""Read a casualty figure's own words ("at least seven", "10 to 15", "two children") into a qualifier and
bounds. The model copies the words from the sentence; the number then comes from those words, not from
the model's arithmetic, so "several" can never become 10 and "seven" never 17."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ParsedFigure", "parse_figure", "word_number"]

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_QUALIFIERS = (
    ("at_least", ("at least", "not less than", "no fewer than", "a minimum of", "at a minimum")),
    ("more_than", ("more than", "over", "upwards of", "in excess of", "above")),
    ("at_most", ("up to", "at most", "as many as", "no more than", "fewer than", "less than", "under")),
    ("about", ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated",
               "estimated", "close to", "about a", "around a")),
)
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"


@dataclass(frozen=True)
class ParsedFigure:
    qualifier: str
    number: int
    high: int | None = None


def word_number(words: str) -> int | None:
    """The number that number words spell ("seven", "twenty-one", "two hundred"), or None."""
    tokens = [token for token in re.split(r"[\s-]+", words.lower().strip()) if token and token != "and"]
    if not tokens:
        return None
    total, current, seen = 0, 0, False
    for token in tokens:
        if token in _UNITS and not (token in ("a", "an", "no") and seen):
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _SCALES and seen:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total, current = total + current, 0
        elif re.fullmatch(_NUMBER, token):
            current += int(token.replace(",", ""))
        else:
            return None
        seen = True
    return total + current


def _leading_number(text: str) -> tuple[int, str] | None:
    """The number at the start of ``text`` (digits or words) and what follows it."""
    match = re.match(rf"({_NUMBER})\b(.*)", text)
    if match:
        return int(match.group(1).replace(",", "")), match.group(2)
    words = text.split()
    for length in range(min(len(words), 5), 0, -1):
        value = word_number(" ".join(words[:length]))
        if value is not None and words[:length] not in (["a"], ["an"], ["no"]):
            return value, " ".join(words[length:])
    return None


def parse_figure(text: str) -> ParsedFigure | None:
    """Qualifier and bounds of a figure's words, or None when they hold no number the parser can read."""
    rest = re.sub(r"\s+", " ", text.lower().replace("–", "-").replace("—", "-")).strip(" .,;:\"'“”‘’")
    qualifier = "exact"
    for name, phrases in _QUALIFIERS:
        phrase = next((phrase for phrase in phrases if rest.startswith(phrase + " ")), None)
        if phrase is not None:
            qualifier, rest = name, rest[len(phrase) + 1:]
            break
    between = re.match(r"between (.+?) and (.+)$", rest)
    if between:
        low, high = _leading_number(between.group(1)), _leading_number(between.group(2))
        if low and high and low[0] < high[0]:
            return ParsedFigure("range", low[0], high[0])
        return None
    first = _leading_number(rest)
    if first is None:
        return None
    number, after = first
    ranged = re.match(r"\s*(?:-|to|or)\s*(.+)$", after)
    if ranged:
        second = _leading_number(ranged.group(1))
        if second is not None and second[0] > number:
            return ParsedFigure("range", number, second[0])
    return ParsedFigure(qualifier, number)
