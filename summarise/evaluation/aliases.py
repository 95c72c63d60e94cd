"""The one alias rule of the gold FORMAT.md: a name and an alias match when either contains the other."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.evaluation.gold import ANY_SOURCE
from summarise.result import Result
from summarise.schema import ARTICLE_VOICE

__all__ = ["aliases_match", "source_names"]


def aliases_match(names: Sequence[str], aliases: Sequence[str]) -> bool:
    """Case-insensitive substring either way between a name and an alias; ``*`` accepts anything."""
    if ANY_SOURCE in aliases:
        return True
    folded = [alias.strip().casefold() for alias in aliases if alias.strip()]
    for name in (name.strip().casefold() for name in names if name.strip()):
        if any(alias in name or name in alias for alias in folded):
            return True
    return False


def source_names(result: Result) -> dict[str, tuple[str, ...]]:
    """The names each party of ``result`` goes by (its id, name and side), by id; the article's own voice
    has none, so it matches only a gold ``*``."""
    names = {party.id: tuple(name for name in (party.id, party.name, party.side) if name) for party in result.parties}
    names[ARTICLE_VOICE] = ()
    return names
