"""Article text as HTML with grounded quotes highlighted at their offsets.

Quotes may overlap or nest (a casualty row often quotes part of a claim), and HTML elements may not. So the
text is cut at every span boundary into flat segments; each segment is marked with every highlight that
covers it, and an empty anchor marks where each highlight starts, for links from the tables.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Highlight", "highlight_article", "anchor_id"]


@dataclass(frozen=True)
class Highlight:
    """One grounded quote: ``key`` is the id of its table row; offsets are start-inclusive, end-exclusive."""

    key: str
    kind: str
    start: int
    end: int
    label: str
    verified: bool = True


def anchor_id(key: str) -> str:
    """Id of the anchor where the highlight for table row ``key`` starts."""
    return f"hl-{key}"


def _clipped(highlights: list[Highlight], length: int) -> list[Highlight]:
    """Highlights within the text, so offsets from another version of it cannot index past its end."""
    kept = []
    for item in highlights:
        start, end = max(item.start, 0), min(item.end, length)
        if start < end:
            kept.append(Highlight(item.key, item.kind, start, end, item.label, item.verified))
    return kept


def _segment(text: str, covering: list[Highlight]) -> str:
    escaped = html.escape(text)
    if not covering:
        return escaped
    kinds = sorted({item.kind for item in covering})
    classes = ["hl", f"hl-{kinds[0]}" if len(kinds) == 1 else "hl-both"]
    if not all(item.verified for item in covering):
        classes.append("hl-unverified")
    innermost = min(covering, key=lambda item: item.end - item.start)
    keys = " ".join(item.key for item in covering)
    title = "\n".join(item.label for item in covering)
    return (
        f'<a class="{" ".join(classes)}" href="#{html.escape(innermost.key)}" data-items="{html.escape(keys)}" '
        f'title="{html.escape(title)}">{escaped}</a>'
    )


def highlight_article(text: str, highlights: list[Highlight]) -> str:
    """``text`` escaped for HTML, each highlight's span marked; overlapping spans become flat segments."""
    spans = _clipped(highlights, len(text))
    cuts = sorted({0, len(text)} | {item.start for item in spans} | {item.end for item in spans})
    parts: list[str] = []
    for start, end in pairwise(cuts):
        parts.extend(f'<span class="anchor" id="{html.escape(anchor_id(item.key))}"></span>'
                     for item in spans if item.start == start)
        covering = [item for item in spans if item.start <= start and end <= item.end]
        parts.append(_segment(text[start:end], covering))
    return "".join(parts)
