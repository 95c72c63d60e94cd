"""Word lists shared by the readers of news text, each written once (a list written twice drifts)."""

from __future__ import annotations

__all__ = ["NEGATIONS", "VAGUE_WORDS"]

# Quantities without a number: a figure in these words is "vague".
VAGUE_WORDS = frozenset({
    "a number of", "several", "dozens", "scores", "hundreds", "thousands", "many", "multiple", "some", "a few",
    "few", "numerous", "countless", "a handful", "a handful of", "a dozen or so", "dozens of", "hundreds of",
    "thousands of", "scores of", "tens of", "a large number of", "a number", "lots of", "a lot of",
})

# Words that turn a statement into its opposite ("did not fire"); words ending in "n't" do too.
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
                       "cannot"})
