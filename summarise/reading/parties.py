"""Parties by name: an id from the name, one name per government however the text calls it, and the
kind of actor the name's words say it is (no model needed)."""

from __future__ import annotations

import re
from functools import lru_cache

from summarise.reading.sides import countries_in, country_of, government_name
from summarise.schema import Party, PartyKind

__all__ = ["KIND_WORDS", "canonical_party", "kind_named", "named_in_article", "parties_named", "party_id",
           "party_kind", "source_name"]

_NO_SOURCE = {"", "article", "the article", "none", "unknown", "n/a", "null", "unnamed", "not stated"}


_NOT_IN_ID = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1024)
def party_id(name: str) -> str:
    """The id of the party ``name``: its words in lower case, joined by hyphens. Cached: resolving an article
    asks it of the same few names again and again."""
    slug = _NOT_IN_ID.sub("-", name.lower()).strip("-")[:40]
    return slug or "unnamed"


def source_name(source: str) -> str | None:
    return None if source.strip().lower() in _NO_SOURCE else source.strip()


_FILLER_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "on", "in", "its", "'s"})


def named_in_article(name: str, article: str) -> bool:
    """True when ``article`` names the actor ``name`` (a model's answer): every word of it is in the article
    (as written, or as another form of the word: "officials" for "official"), a country's word
    ("Iranian", "Tehran") counting where the article names that country in any form. The model's own words
    never name anyone: "Ministry of Truth" is no one when the article never says it."""
    words = [word for word in re.findall(r"[\w'’-]+", name) if word.lower() not in _FILLER_WORDS]
    if not words:
        return False
    named_countries = countries_in(article)
    if government_name(name) in named_countries:
        return True  # a government by its country's words ("the Tehran government" where Iran is named)
    for word in words:
        stem = word[:max(4, len(word) - 2)]
        if re.search(rf"(?<![\w-]){re.escape(stem)}", article, re.IGNORECASE):
            continue
        country = country_of(word[:1].upper() + word[1:])
        if country is None or country not in named_countries:
            return False
    return True


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


_KIND_PATTERNS = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in KIND_WORDS)


def kind_named(name: str) -> PartyKind | None:
    """The kind of actor the words of ``name`` say it is (:data:`KIND_WORDS`, first match), or None."""
    return next((kind for kind, pattern in _KIND_PATTERNS if pattern.search(name)), None)


@lru_cache(maxsize=1024)
def party_kind(name: str) -> PartyKind:
    """What sort of actor ``name`` is, by its words; a bare country (or its capital) is its government."""
    if government_name(name) is not None:
        return PartyKind.GOVERNMENT
    return kind_named(name) or PartyKind.OTHER


def parties_named(names: list[str]) -> list[Party]:
    """Parties in first-mention order; the side is the country the name places it in, if any."""
    return [Party(id=party_id(name), name=name, kind=party_kind(name), side=country_of(name)) for name in names]
