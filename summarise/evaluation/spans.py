"""Where a prediction and a gold annotation lie in the article, and when two such spans overlap (the gold
FORMAT.md's rule: they share at least half of the shorter one)."""

from __future__ import annotations

from summarise.locate import MatchStatus, locate_quote
from summarise.result import Span

__all__ = ["Interval", "interval_of", "locate_evidence", "overlaps"]

Interval = tuple[int, int]


def interval_of(span: Span) -> Interval | None:
    """A prediction's recorded span as (start, end); None when its quote was not located."""
    if span.status is MatchStatus.NOT_FOUND or span.start is None or span.end is None:
        return None
    return span.start, span.end


def locate_evidence(evidence: str, article_text: str) -> Interval | None:
    """Where a gold annotation's evidence lies in the article; None when it is not there."""
    match = locate_quote(evidence, article_text)
    return None if match.start is None or match.end is None else (match.start, match.end)


def overlaps(first: Interval | None, second: Interval | None) -> bool:
    """True when the spans share at least half of the shorter one."""
    if first is None or second is None:
        return False
    shared = min(first[1], second[1]) - max(first[0], second[0])
    shorter = min(first[1] - first[0], second[1] - second[0])
    return shared > 0 and 2 * shared >= shorter
