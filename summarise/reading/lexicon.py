"""Word lists the rules share, each written once (a list written twice drifts): the words that spell
numbers and what they are worth, qualifiers, vague quantities and negations.

The number reader (summarise.reading.numbers) builds its patterns from these, and sentence pre-selection
(summarise.reading.sentences) takes its number words from here, so the two cannot drift apart."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["UNIT_WORDS", "TENS_WORDS", "SCALE_WORDS", "DOZEN", "QUALIFIERS", "VAGUE_WORDS", "NEGATIONS", "alternation"]

# Counting words only: "zero", "no" and "none" count nobody, and a casualty figure is a count of people.
UNIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
# Words that multiply the number before them ("twenty-one hundred", "1.5 million").
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
DOZEN = 12
# The words before a number that bound it, by the qualifier they give a figure ("at least 7": at_least).
QUALIFIERS = {
    "at_least": ("at least", "not less than", "no fewer than", "a minimum of", "at a minimum"),
    "more_than": ("more than", "over", "upwards of", "in excess of", "above"),
    "at_most": ("up to", "at most", "as many as", "no more than", "fewer than", "less than", "under"),
    "about": ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated",
              "estimated", "close to"),
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, so "seventeen" is tried before "seven"."""
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))

# Quantities without a number: a figure in these words is "vague".
VAGUE_WORDS = frozenset({
    "a number of", "several", "dozens", "scores", "hundreds", "thousands", "many", "multiple", "some", "a few",
    "few", "numerous", "countless", "a handful", "a handful of", "a dozen or so", "dozens of", "hundreds of",
    "thousands of", "scores of", "tens of", "a large number of", "a number", "lots of", "a lot of",
})

# Words that turn a statement into its opposite ("did not fire"); words ending in "n't" do too.
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
                       "cannot"})
