"""Which country a party belongs to, read from its name ("Pakistani intelligence source" -> Pakistan,
"Tehran" -> Iran), and the plain name of a government that the text calls by its country, demonym or
capital ("Islamabad", "the Pakistani government" -> "Pakistan"). Country data comes from countryinfo."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["countries_in", "country_of", "first_country", "government_name"]

# Words that, next to a country's name, still mean the country's government speaking as a whole.
_GOVERNMENT_WORDS = {
    "the", "government", "govt", "authorities", "officials", "official", "statement", "an", "a", "state",
    "administration", "side", "leadership", "regime", "'s", "’s", "of",
}
_MIN_ALIAS = 4


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Lower-case alias -> country name, for names, demonyms, capitals and long alternative spellings."""
    from countryinfo import all_countries

    aliases: dict[str, str] = {}
    for country in all_countries():
        try:
            name = country.name()
        except (KeyError, AttributeError):
            continue
        if not name:
            continue
        name = name.title() if name.islower() else name
        candidates = [name, _safe(country, "demonym"), _safe(country, "capital")]
        candidates += [spelling for spelling in _safe_list(country, "alt_spellings") if not spelling.isupper()]
        for alias in candidates:
            if alias and len(alias) >= _MIN_ALIAS:
                aliases.setdefault(alias.lower(), name)
    return aliases


def _safe(country: object, attribute: str) -> str | None:
    try:
        value = getattr(country, attribute)()
    except (KeyError, AttributeError, TypeError, ValueError):
        return None
    return value if isinstance(value, str) else None


def _safe_list(country: object, attribute: str) -> list[str]:
    try:
        value = getattr(country, attribute)()
    except (KeyError, AttributeError, TypeError, ValueError):
        return []
    return [item for item in value or [] if isinstance(item, str)]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(_aliases(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(name) for name in names) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _mentions(name: str) -> tuple[re.Match[str], ...]:
    """The countries ``name`` mentions, in order. Read once per text: the rules ask it of the same sentences
    and names again and again (one search costs about 0.06 ms)."""
    # Capitalised mentions only: "chad" or "georgia" in lower case are rarely the country.
    return tuple(match for match in _pattern().finditer(name) if match.group(1)[0].isupper())


@lru_cache(maxsize=1024)
def country_of(name: str) -> str | None:
    """The country a party's name places it in, or None (none named, or several). Read once per name: events
    compare every pair of rows' actors by it."""
    countries = {_aliases()[match.group(1).lower()] for match in _mentions(name)}
    return countries.pop() if len(countries) == 1 else None


def countries_in(text: str) -> set[str]:
    """Every country ``text`` names (by name, demonym or capital)."""
    return {_aliases()[match.group(1).lower()] for match in _mentions(text)}


def first_country(text: str) -> str | None:
    """The country ``text`` names first (by name, demonym or capital), or None."""
    mentions = _mentions(text)
    return _aliases()[mentions[0].group(1).lower()] if mentions else None


@lru_cache(maxsize=1024)
def government_name(name: str) -> str | None:
    """The country's name when ``name`` is only a country, demonym or capital with words such as
    "government" or "officials" around it ("Islamabad", "the Iranian government"); else None. Cached: the
    rules ask it of the same few names for every party, speaker and source of an article."""
    mentions = _mentions(name)
    if len(mentions) != 1:
        return None
    rest = (name[:mentions[0].start()] + " " + name[mentions[0].end():]).lower().replace("'s", " 's")
    if all(word in _GOVERNMENT_WORDS for word in re.findall(r"[\w'’]+", rest)):
        return _aliases()[mentions[0].group(1).lower()]
    return None
