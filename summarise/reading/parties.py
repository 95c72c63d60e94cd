"""Parties by name: an id from the name, one name per government however the text calls it, and the
kind of actor the name's words say it is (no model needed)."""

from __future__ import annotations

import re

from summarise.reading.sides import country_of, government_name
from summarise.schema import Party, PartyKind

__all__ = ["KIND_WORDS", "canonical_party", "parties_named", "party_id", "party_kind", "source_name"]

_NO_SOURCE = {"", "article", "the article", "none", "unknown", "n/a", "null", "unnamed", "not stated"}


def party_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    return slug or "unnamed"


def source_name(source: str) -> str | None:
    return None if source.strip().lower() in _NO_SOURCE else source.strip()


def canonical_party(name: str) -> str:
    """One name for a government however the text calls it ("Islamabad", "Pakistani government")."""
    return government_name(name) or name


KIND_WORDS = (  # first match wins: the most specific words come first
    (PartyKind.INTERNATIONAL_BODY, r"\b(?:un|united nations|red cross|red crescent|who|nato|unicef|unhcr|eu|"
                                   r"european union|african union|amnesty|human rights watch|ocha|icrc)\b"),
    (PartyKind.MEDIA, r"\b(?:news|agency|reuters|afp|ap|irna|tv|television|radio|newspaper|media|reporter|"
                      r"correspondent|journalist)\b"),
    (PartyKind.WITNESS, r"\b(?:witness|witnesses|resident|residents|survivor|survivors|bystander|neighbou?r)\b"),
    (PartyKind.ARMED_GROUP, r"\b(?:rebels?|militants?|insurgents?|guerrillas?|front|liberation|jaish|taliban|"
                            r"hamas|hezbollah|shining path|isis|islamic state|al-qaeda|militia)\b"),
    (PartyKind.MILITARY, r"\b(?:army|military|armed forces|troops|soldiers|navy|air force|defen[cs]e forces|"
                         r"intelligence|commander|general staff|revolutionary guards?)\b"),
    (PartyKind.OFFICIAL, r"\b(?:spokes(?:person|man|woman)|minister|ministry|official|officials|governor|mayor|"
                         r"police|sheriff|coroner|president|prime minister|chief|department|authorities|"
                         r"hospital|doctors?|health|fire|rescue|statement|office|embassy)\b"),
)


def party_kind(name: str) -> PartyKind:
    """What sort of actor ``name`` is, by its words; a bare country (or its capital) is its government."""
    if government_name(name) is not None:
        return PartyKind.GOVERNMENT
    for kind, pattern in KIND_WORDS:
        if re.search(pattern, name, re.IGNORECASE):
            return kind
    return PartyKind.OTHER


def parties_named(names: list[str]) -> list[Party]:
    """Parties in first-mention order; the side is the country the name places it in, if any."""
    return [Party(id=party_id(name), name=name, kind=party_kind(name), side=country_of(name)) for name in names]
