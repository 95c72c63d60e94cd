"""The words the incident readers share (summarise.reading.incidents, incident_places, incident_times,
perpetrators): the nouns that name an incident, a capitalised name, number words, and what is never an
actor or a place (days, months, pronouns, a page's controls)."""

from __future__ import annotations

import re

from summarise.reading.lexicon import (
    ACCIDENT_EVENT_NOUNS,
    BELOW_TWENTY_WORDS,
    MONTHS,
    PAGE_CONTROL_WORDS,
    TENS_WORDS,
    VIOLENT_EVENT_NOUNS,
    WEEKDAYS,
    alternation,
)

__all__ = ["CAPITALISED", "EVENT_NOUN", "NOT_ACTOR", "NUMBER_WORDS", "WEEKDAY", "in_lower_case"]

EVENT_NOUN = re.compile(rf"(?<![\w-])({alternation(VIOLENT_EVENT_NOUNS | ACCIDENT_EVENT_NOUNS)})(?![\w-])",
                        re.IGNORECASE)
CAPITALISED = (r"[A-Z][\w'’.-]*(?:\s+(?:and\s+(?:the\s+)?|of\s+(?:the\s+)?|de\s+|al-|el-)?[A-Z][\w'’.-]*){0,5}"
                r"(?:\s+\([A-Z]{2,}\))?")
NUMBER_WORDS = frozenset({*BELOW_TWENTY_WORDS, *TENS_WORDS})
WEEKDAY = alternation(WEEKDAYS)
NOT_ACTOR = re.compile(rf"^(?:the\s+)?(?:{WEEKDAY}|{alternation(MONTHS)}|{alternation(PAGE_CONTROL_WORDS)}|"
                       rf"the|a|an|it|they|he|she|we|who|which|this|that|there|its\s+\w+|their\s+\w+|his\s+\w+|her\s+\w+|"
                       rf"people|{alternation(NUMBER_WORDS)}|[A-Z])$",
                       re.IGNORECASE)


_CAPITAL = re.compile(r"[A-Z]")


def in_lower_case(text: str) -> bool:
    """Copy set all in lower case, where no capital marks a name."""
    return not _CAPITAL.search(text)
