"""The one number reader: where a text writes a number and what the number is. The casualty rules
(summarise.reading.figures) find their figures with these patterns and read them with :func:`parse_figure`;
grounding (summarise.locate) checks a figure's number against :func:`read_numbers`. So a figure the rules
read is a number grounding finds, and a form one of them reads the other reads too.

What is read, always whole ("twenty-five" is 25 and never 5; "one hundred and five" is 105, never 100):

- digits in any script ("7", "1,269", fullwidth "５", Arabic-Indic "٥"), at most :data:`MAX_DIGITS` of
  them: a longer run is an identifier or noise, not a count of people (and reading one would be slow);
- digits with a scale word ("2 million", "1.5 million");
- number words as English writes them ("seven", "twenty-one", "twenty-one hundred", "a dozen",
  "a thousand and five", "two million three hundred thousand").

Also here: a figure's own words ("at least seven", "10 to 15") read into a qualifier and bounds. The model
copies the words from the sentence; the number then comes from those words, not from the model's
arithmetic, so "several" can never become 10 and "seven" never 17.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarise.reading.lexicon import BELOW_TWENTY_WORDS, DOZEN, QUALIFIERS, SCALE_WORDS, TENS_WORDS, alternation

__all__ = ["MAX_DIGITS", "NUMERAL", "NUMBER_WORDS", "ParsedFigure", "WrittenNumber", "parse_figure",
           "read_numbers"]

MAX_DIGITS = 12


def _word(words: str) -> str:
    """One of ``words``, whole. Case is ignored for ASCII letters only: under re.IGNORECASE "ſ" would match
    "s" and "ı" "i", and a number the reader cannot then spell out is no number."""
    return rf"(?a:{words})\b"


# Digits: grouped by commas ("1,269") or not, never part of a longer run of digits or a decimal ("1.5").
_DIGIT_RUN = rf"\d{{1,3}}(?:,\d{{3}}){{1,{(MAX_DIGITS - 1) // 3}}}|\d{{1,{MAX_DIGITS}}}"
_BIG_SCALES = _word(alternation(word for word, value in SCALE_WORDS.items() if value >= 1000))
# Atomic (?>...): once the longest reading is found, a pattern built on this one cannot back off to a shorter
# one ("2" of "2 million") that grounding would not read.
NUMERAL = (rf"(?<![\d.,])(?>(?:(?:{_DIGIT_RUN})(?:\.\d{{1,3}})?\s+{_BIG_SCALES}|{_DIGIT_RUN})"
           rf"(?!\d|[.,]\d))")

# Words: at each choice the longer reading comes first, and the match is atomic, as for digits.
_SEPARATOR = r"(?:\s+|-)"
_DIGIT_WORDS = alternation(word for word, value in BELOW_TWENTY_WORDS.items() if value < 10)
_BELOW_HUNDRED = (rf"(?:{_word(alternation(TENS_WORDS))}(?:{_SEPARATOR}{_word(_DIGIT_WORDS)})?"
                  rf"|{_word(alternation(BELOW_TWENTY_WORDS))})")
_ONE = _word("an?")  # "a hundred", "a dozen", "a million"


def _rest(below: str, scale: str) -> str:
    """What may follow a scale word: "and fifty", "five hundred". Not when the same scale follows it, as in
    "between one hundred and two hundred", which holds two numbers."""
    return rf"(?:(?:{_SEPARATOR}{_word('and')})?{_SEPARATOR}{below}(?!{_SEPARATOR}{_word(scale)}))?"


_HUNDREDS = (rf"(?:(?:{_BELOW_HUNDRED}|{_ONE}){_SEPARATOR}(?:{_word('hundred')}{_rest(_BELOW_HUNDRED, 'hundred|dozen')}"
             rf"|{_word('dozen')})|{_BELOW_HUNDRED})")


def _scaled(scale: str, below: str) -> str:
    return rf"(?:(?:{_HUNDREDS}|{_ONE}){_SEPARATOR}{_word(scale)}{_rest(below, scale)}|{below})"


# The first two letters of a word that can start a number: a cheap test that spares most words the grammar.
_STARTS = alternation({word[:2] for word in (*BELOW_TWENTY_WORDS, *TENS_WORDS)})
NUMBER_WORDS = (rf"\b(?=(?a:{_STARTS}|an?\b))"
                rf"(?>{_scaled('billion', _scaled('million', _scaled('thousand', _HUNDREDS)))})")
_NUMBER = re.compile(rf"(?P<numeral>{NUMERAL})|(?P<words>{NUMBER_WORDS})", re.IGNORECASE)
_NUMERAL_PARTS = re.compile(r"(?P<whole>[\d,]+)(?:\.(?P<fraction>\d+))?(?:\s+(?P<scale>\w+))?")


@dataclass(frozen=True)
class WrittenNumber:
    """A number as a text writes it: ``text[start:end]`` reads as ``value``."""

    value: int
    start: int
    end: int


@dataclass(frozen=True)
class ParsedFigure:
    qualifier: str
    number: int
    high: int | None = None


def _numeral_value(numeral: str) -> int:
    parts = _NUMERAL_PARTS.fullmatch(numeral)
    assert parts is not None, numeral  # NUMERAL matched it
    whole = int(parts["whole"].replace(",", ""))
    if parts["scale"] is None:
        return whole
    scale, fraction = SCALE_WORDS[parts["scale"].lower()], parts["fraction"] or ""
    return whole * scale + int(fraction or 0) * scale // 10 ** len(fraction)


def _words_value(words: str) -> int:
    """The value of words the grammar matched: each scale multiplies what came before it."""
    total, current = 0, 0
    for token in re.findall(r"[a-z]+", words.lower()):
        if token in BELOW_TWENTY_WORDS or token in TENS_WORDS:
            current += BELOW_TWENTY_WORDS.get(token) or TENS_WORDS[token]
        elif token in ("a", "an"):
            current = 1
        elif token == "dozen":
            current *= DOZEN
        elif token == "hundred":
            current *= SCALE_WORDS[token]
        elif token in SCALE_WORDS:
            total, current = total + current * SCALE_WORDS[token], 0
    return total + current


def _value(match: re.Match[str]) -> int:
    return _numeral_value(match["numeral"]) if match["numeral"] else _words_value(match["words"])


def read_numbers(text: str) -> list[WrittenNumber]:
    """Every number ``text`` writes, in order, each read whole."""
    return [WrittenNumber(_value(match), match.start(), match.end()) for match in _NUMBER.finditer(text)]


def _leading_number(text: str) -> tuple[int, str] | None:
    """The number at the start of ``text`` (digits or words) and what follows it."""
    match = _NUMBER.match(text)
    return (_value(match), text[match.end():]) if match else None


@lru_cache(maxsize=1024)
def parse_figure(text: str) -> ParsedFigure | None:
    """Qualifier and bounds of a figure's words, or None when they hold no number the parser can read.
    Cached: a figure's words are parsed when the rules read it and again when its Figure is validated."""
    rest = re.sub(r"\s+", " ", text.lower().replace("–", "-").replace("—", "-")).strip(" .,;:\"'“”‘’")
    qualifier = "exact"
    for name, phrases in QUALIFIERS.items():
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
