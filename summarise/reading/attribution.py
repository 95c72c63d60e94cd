"""Find who a sentence attributes its content to, by the phrasing news copy uses.

"..., the Pakistan government said." / "According to the deputy governor ..., ..." / "Police told AFP ..."
/ "Pakistan on Wednesday condemned ...". A small model often answers "article" or repeats one party for
every sentence; these patterns recover the named source, and the passes prefer them when they match.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarise.reading.lexicon import ATTRIBUTION_VERBS, SPEAKER_NOUNS, SPEECH_ADVERBS, alternation, first_letters

__all__ = ["ACTOR_WORDS", "ATTRIBUTION_VERB", "find_source"]

_VERBS = alternation(ATTRIBUTION_VERBS)  # none is the start of another, so the order of the list never mattered
ATTRIBUTION_VERB = re.compile(
    rf"\b{first_letters([*ATTRIBUTION_VERBS, 'according to'])}(?:(?:{_VERBS})\b|according to\b)", re.IGNORECASE)
_ACTOR = r"(?:the |a |an )?(?:[A-Z][\w'’.-]*|[a-z][\w'’-]*)(?:[ -](?:of |for |and |de )?[\w'’.-]+){0,7}?"
_ACCORDING_TO = re.compile(
    r"\baccording to ((?:the |a |an )?[\w'’.-]+(?: [\w'’.-]+){0,11}?)(?:,|\.|;| who| which|$)", re.IGNORECASE
)
_PATTERNS = (
    re.compile(rf",[\"”’']?\s*({_ACTOR}),?\s+(?:{_VERBS})\.?\s*$"),
    re.compile(rf",\s*(?:{_VERBS})\s+({_ACTOR})\s*(?:,|\.|$)"),
    re.compile(rf"^[\"“‘']?((?:The |A |An )?[A-Z][\w'’.-]*(?:[ -](?:of |for |and )?[\w'’.,-]+){{0,7}}?)"
               rf"(?: on \w+day| on \w+)?(?:\s+(?:{alternation(SPEECH_ADVERBS)}))?,?\s+(?:had |has |have )?"
               rf"(?:{_VERBS})\b(?!\s+(?:of|for)\b)"),
)
_GENERIC = {"he", "she", "they", "it", "the official", "officials", "the statement", "a statement", "this",
            "we", "i", "the source", "a source", "who", "which", "that"}
_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_LOWERCASE_ALLOWED = {
    "the", "a", "an", "of", "for", "and", "de", "news", "agency", "government", "ministry", "minister",
    "spokesperson", "spokesman", "spokeswoman", "official", "officials", "police", "army", "military", "source",
    "sources", "intelligence", "foreign", "interior", "defence", "defense", "office", "department", "state-run",
    "state", "media", "television", "radio", "deputy", "governor", "general", "chief", "commander", "witness",
    "witnesses", "residents", "doctors", "hospital", "authorities", "officers", "fire", "rescue", "health",
    "services", "service", "emergency", "statement", "security", "forces", "president", "mayor", "sheriff",
    "department's", "ministry's", "spokesperson's", "council", "group", "rebels", "militants", "coroner",
} | SPEAKER_NOUNS

# A role before a name ("aid envoy Marta Lind"): a name with its title, whatever words describe the role.
_TITLED_NAME = re.compile(rf"\b(?:{alternation(SPEAKER_NOUNS)})\s+[A-Z][\w'’.-]*\s+[A-Z]")
# The lower-case words a source's name may hold ("the defence ministry spokesman").
ACTOR_WORDS = frozenset(_LOWERCASE_ALLOWED)


def _clean(candidate: str, lowercased: bool = False) -> str | None:
    """The candidate as a source name, or None when it reads as a clause rather than a name (a lowercase
    word outside the actor vocabulary; in copy set all in lower case, every word is lowercase)."""
    candidate = candidate.strip(" ,.;:\"“”‘’'")
    if not candidate or candidate.lower() in _GENERIC or len(candidate) > 90:
        return None
    words = re.sub(r"[,()]", " ", candidate).split()
    unknown = [word for word in words if word[0].islower() and word.lower() not in _LOWERCASE_ALLOWED]
    if len(words) > (5 if lowercased else 8) or unknown and not lowercased and not (
            len(unknown) <= 2 and "," not in candidate and words[-1] not in unknown and _TITLED_NAME.search(candidate)):
        return None
    return _LEADING.sub("", candidate) if len(candidate.split()) > 1 else candidate


def _without_full_stop(name: str) -> str:
    """"Reuters news agency." ends a sentence, not the name; "U.S." keeps its stop."""
    return name[:-1] if name.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", name) else name


def find_source(sentence: str, context: str | None = None) -> str | None:
    """The named source of ``sentence`` (or, failing that, of the sentence before it), or None."""
    for text in (sentence, context):
        if text and (source := _source_named_in(text)):
            return source
    return None


@lru_cache(maxsize=256)
def _source_named_in(text: str) -> str | None:
    """The source one sentence names. Read once per text: the casualty rows, the claims and the speakers
    ask it of the same sentences, each as itself and as the context of the one after it."""
    according = _ACCORDING_TO.search(text)
    if according and len(according.group(1).split()) <= 12:
        return _without_full_stop(_LEADING.sub("", according.group(1).strip()))
    lowercased = not re.search(r"[A-Z]", text)
    for pattern in _PATTERNS[:2] if lowercased else _PATTERNS:
        match = pattern.search(text.strip())
        if match and (source := _clean(match.group(1), lowercased)):
            return source
    return None
