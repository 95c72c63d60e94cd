"""A paraphrase of a claim, kept only when it adds something: a short neutral restatement in other words.
A model's paraphrase that copies its quote, is cut off at a word, or tells another sentence's gist is
worth nothing, and is dropped (empty means none), whatever the strategy that asked for it."""

from __future__ import annotations

import re

__all__ = ["paraphrase_or_nothing"]

# A paraphrase with this share of its words taken from the quote is a copy, not a restatement.
_COPIED = 0.8
# A paraphrase with fewer of its content words in the quote's sentence tells another sentence's gist.
_ON_TOPIC = 0.5
_CONTENT_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
_STEM = 5


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’-]\w+)*", text.lower())


def paraphrase_or_nothing(claim: str, quote: str) -> str:
    """The model's paraphrase when it restates the quote briefly in other words; else "" (none): a
    paraphrase cut off at a word, a near-copy of the quote, or one whose content words are mostly
    absent from the quote's sentence (the gist of another sentence)."""
    claim = " ".join(claim.split())
    if not claim or not claim.endswith((".", "!", "?")) or claim.endswith(("…", "...")):
        return ""
    claim_words, quote_words = _words(claim), set(_words(quote))
    if sum(word in quote_words for word in claim_words) >= _COPIED * len(claim_words):
        return ""
    stems = {word[:_STEM] for word in _CONTENT_WORD.findall(quote.lower())}
    content = _CONTENT_WORD.findall(claim.lower())
    if content and sum(word[:_STEM] in stems for word in content) < _ON_TOPIC * len(content):
        return ""
    return claim


