"""What a located quote is evidence of: the article's own text at the span, and where the model's quote
departs from it in a way that changes a fact.

A fuzzy match locates a quote that is close to the article, not equal to it. Close is enough to point at
the evidence, never to verify it: a number ("1000" for "100"), a negation ("did fire" for "did not fire")
or a name ("Iraq" for "Iran") in which the quote differs from the article there changes what it says.
So numbers are checked in :func:`span_text` (the article's words), and :func:`differences` lists what the
quote changes. Other differences (spelling, punctuation, a word left out) do not change a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from summarise.locate import QuoteMatch, locate_quote
from summarise.reading.lexicon import NEGATIONS, SCALE_WORDS, VAGUE_WORDS
from summarise.reading.numbers import read_numbers

__all__ = ["Evidence", "differences", "evidence_for", "span_text"]

# A word or a number: "1,000" and "3.5" hold their separators, "didn't" its apostrophe, but the full stop
# of glued sentences ("Pakistan.The", wire copy without spaces) ends a word.
_WORD = re.compile(r"[^\W_]+(?:(?:(?<=\d)[.,](?=\d)|['\u2019])[^\W_]+)*")
_QUANTITY_WORDS = frozenset(word for words in VAGUE_WORDS for word in words.split()) | {
    *SCALE_WORDS, "dozen"} - {"a", "of", "number", "large", "lot", "lots", "tens"}


def _continues_word(text: str, position: int) -> bool:
    """The character at ``position`` belongs to a word or a number ("1,000", "3.5") around it."""
    character = text[position]
    if character.isalnum():
        return True
    return character in ".," and 0 < position < len(text) - 1 and text[position - 1].isdigit() and \
        text[position + 1].isdigit()


def span_text(article: str, match: QuoteMatch) -> str:
    """The article's text at ``match``, widened to whole words ("" when the quote was not found): a span
    that ends inside "1000" must not read as "100"."""
    if match.start is None or match.end is None:
        return ""
    start, end = match.start, match.end
    # Widen only a span that stops inside a word: one that starts or ends on punctuation is whole.
    while 0 < start < len(article) and _continues_word(article, start) and _continues_word(article, start - 1):
        start -= 1
    while 0 < end < len(article) and _continues_word(article, end - 1) and _continues_word(article, end):
        end += 1
    return article[start:end]


@dataclass(frozen=True)
class _Word:
    text: str
    key: str

    @property
    def is_name(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_quantity_or_negation(self) -> bool:
        if any(character.isdigit() for character in self.key) or self.key in _QUANTITY_WORDS:
            return True
        if self.key in NEGATIONS:
            return True
        return self.key not in ("a", "an") and any(
            number.start == 0 and number.end == len(self.key) for number in read_numbers(self.key)
        )


_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}


def _words(text: str) -> list[_Word]:
    """The words of ``text``; "didn't" and "cannot" read as "did not" and "can not"."""
    words = []
    for found in _WORD.finditer(text):
        word, key = found.group(), _key(found.group())
        if key.endswith("n't") or key == "cannot":
            stem = key[:-3]
            words += [_Word(word[:len(stem)], _CONTRACTED.get(stem, stem)), _Word(word[len(stem):], "not")]
        else:
            words.append(_Word(word, key))
    return words


def _key(word: str) -> str:
    key = word.lower().replace("\u2019", "'")
    return key.replace(",", "") if key[:1].isdigit() else key


def _shown(words: list[_Word]) -> str:
    return " ".join(word.text for word in words)


def differences(quote: str, article_text: str) -> list[str]:
    """How ``quote`` changes a number, a negation or a name of ``article_text`` (the article at the
    quote's span), one message per changed run of words; empty when it changes none.

    A name is a capitalised word. Words the quote adds or leaves out at its very ends are the fuzzy
    span's slack, not a change, unless they are a number or a negation."""
    if quote == article_text:
        return []
    quoted, written = _words(quote), _words(article_text)
    matcher = SequenceMatcher(a=[word.key for word in quoted], b=[word.key for word in written], autojunk=False)
    problems = []
    for operation, quote_start, quote_end, text_start, text_end in matcher.get_opcodes():
        ours, theirs = quoted[quote_start:quote_end], written[text_start:text_end]
        at_edge = quote_start == 0 or quote_end == len(quoted) or text_start == 0 or text_end == len(written)
        changed = [word for word in [*ours, *theirs] if word.is_quantity_or_negation or word.is_name]
        if operation == "equal" or not changed:
            continue
        if operation != "replace" and at_edge and not any(word.is_quantity_or_negation for word in changed):
            continue
        if operation == "replace":
            problems.append(f"the quote has {_shown(ours)!r} where the article has {_shown(theirs)!r}")
        elif operation == "insert":
            problems.append(f"the article has {_shown(theirs)!r}, which the quote leaves out")
        else:
            problems.append(f"the quote has {_shown(ours)!r}, which the article there does not")
    return problems


@dataclass(frozen=True)
class Evidence:
    """Where a quote lies in the article, the article's words there ("" when not found), and how the quote
    changes them (``differences``)."""

    match: QuoteMatch
    text: str
    changes: list[str]


def evidence_for(quote: str, article: str) -> Evidence:
    match = locate_quote(quote, article)
    text = span_text(article, match)
    return Evidence(match, text, differences(quote, text) if match.found else [])
