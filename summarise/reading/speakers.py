"""Who makes a claim, read from the text where the text decides it.

`"...," said Lissa Laurent` belongs to Lissa Laurent, whoever was named before; "X said", "said X",
"according to X" and "X told ..." name X. "He added" or "it said" stand for the nearest named speaker
before them of the right kind (a person for he/she, an organisation or a country for it/they). A sentence
that attributes nothing (no reporting verb, no quotation mark, no "according to") is the article's own
narration, and no party's claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarise.reading.attribution import ACTOR_WORDS, find_source
from summarise.reading.lexicon import (
    DOCUMENT_WORDS,
    NAME_PARTICLES,
    ORGANISATION_PRONOUNS,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    REPORTING_VERBS,
    SPEAKER_NOUNS,
    SPEECH_ADVERBS,
    STATEMENT_VERBS,
    alternation,
    first_letters,
)
from summarise.reading.parties import party_kind
from summarise.reading.sentences import QUOTE_MARKS, Sentence, quotation_left_open
from summarise.reading.sides import first_country, government_name
from summarise.schema import PartyKind

__all__ = ["Speaker", "claim_speaker", "document_owner", "document_party", "is_attributed", "is_document", "is_person",
           "named_speaker", "party_of"]

_VERBS = alternation(REPORTING_VERBS)
_REPORTING = re.compile(rf"\b{first_letters([*REPORTING_VERBS, 'according to'])}(?:(?:{_VERBS})\b|according to\b)",
                        re.IGNORECASE)
# Double quotation marks anywhere; single ones only where they open or close a quotation, not "Iran's".
_QUOTATION = re.compile(r"[\"“”]|(?:^|\s)[‘']\w|[\w,.!?][’'](?=\s|$)")
_QUOTATION_MARKS = "\"“”‘’'"  # one of them is in every match: looked for first
_PARTICLES = alternation(NAME_PARTICLES)
# One word of a name: capitalised ("Laurent", "U.S."), or a particle joined to one ("al-Jabouri", "de").
_NAME_WORD = rf"(?:[A-Z][\w'’.-]*|(?:{_PARTICLES})(?:-[A-Z][\w'’-]*|(?= [A-Z])))"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,5}}"
_SUBJECT_WORD = rf"(?:{_NAME_WORD}|(?:{alternation(ACTOR_WORDS)})\b)"
# Between a speaker and the verb: "Iran earlier today said", "Peru on Friday said", "it also added".
_ADVERBS = rf"(?:,? (?:{alternation(SPEECH_ADVERBS)}|on [A-Z]\w+)){{0,2}}"
_SPEAKS = rf"(?:{_VERBS}|(?:{alternation(STATEMENT_VERBS)}) an? (?:[\w-]+ )?statement)\b"
# The speaker that closes a quotation: `"...," said Lissa Laurent` / `"...," Lissa Laurent said`.
_CLOSING = (re.compile(rf"[\"”’']\s+(?:{_VERBS})\s+((?:the |a |an )?[\w'’.-]+(?: [\w'’.-]+){{0,6}}?)\s*"
                       rf"(?=[,.;:!?]|$| (?:who|which|in|on|at|after|as|from|to)\b)"),
            re.compile(rf"[,.!?][\"”’']\s+((?:[\w'’.-]+ ){{0,6}}?{_SUBJECT_WORD}),?\s+(?:{_VERBS})\b"))
# A subject that find_source reads as a clause: with a particle ("Raed al-Jabouri said"), after an opening
# clause ("Hours later, army spokesman Omar Nadeem told ..."), or before a time ("Iran earlier today said").
# A name may carry its acronym: "Human Rights Watch (HRW) said"; a perfect tense its auxiliary: "has noted".
_ACRONYM = r"(?: \([A-Z][\w.-]*\))?"
_AUXILIARY = r"(?:\s+(?:has|have|had))?"
_SUBJECT = re.compile(rf"(?:^|, )((?:(?:the|an?) )?(?:{_SUBJECT_WORD} ){{0,5}}{_SUBJECT_WORD}){_ACRONYM}{_ADVERBS}"
                      rf"{_AUXILIARY},?\s+{_SPEAKS}")
# The sentence's own subject, before any "according to" inside what it reports.
_OPENING_SUBJECT = re.compile(rf"^({_SUBJECT_WORD}(?: {_SUBJECT_WORD}){{0,5}}){_ACRONYM}{_ADVERBS}{_AUXILIARY},?\s+"
                              rf"{_SPEAKS}")
# A name, its description between commas, then the verb: "Maria Okafor, a teacher at the school, said ...".
# The description may be a clause too ("X, speaking to reporters, said", "X, while visiting ..., said"),
# and the line may open with a label ("Monday: X, ..., said").
_SPEAKER_NOUN = rf"(?:{alternation(SPEAKER_NOUNS)})s?"
_APPOSITIVE = re.compile(rf"^(?:[A-Z][a-z]+:\s+)?((?:{_NAME_WORD} ){{0,5}}{_NAME_WORD}), "
                         rf"(?:a|an|the|who|while|when|after|before|[a-z]+ing|{_SPEAKER_NOUN})\b[^\"“”,]{{0,160}}?,"
                         rf"{_ADVERBS}{_AUXILIARY} {_SPEAKS}")
# A speaker described rather than named: a determiner, a few describing words, a role noun, perhaps the
# name that follows it ("the newspaper Expreso") and where they are ("an official in eastern Aleppo").
_DESCRIBING_WORD = r"(?!who\b|which\b|that\b)[\w'’-]+\s+"
_DESCRIBED_NAME = (rf"((?i:a|an|the|one)\s+(?:{_DESCRIBING_WORD}){{0,4}}?{_SPEAKER_NOUN}(?:\s+[A-Z][\w'’.-]*){{0,3}})"
                   rf"(?:\s+(?:in|from|at|of)\s+(?:[\w'’-]+\s+){{0,3}}?[A-Z][\w'’-]*)?")
_DESCRIBED = (
    # "..., a senior Belgian official said." / "..., the newspaper Expreso reported today."
    re.compile(rf",[\"”’']?\s+{_DESCRIBED_NAME},?\s+(?:{_VERBS})\b(?:\s+[\w'’]+){{0,2}}[.!?]?\s*$"),
    # "An ambulance official in the east said ..." / "One woman, who was on the train, described ..."
    re.compile(rf"(?:^|, ){_DESCRIBED_NAME}(?:, (?:who|a|an|the)\b[^\"“”,]{{0,160}},)?{_ADVERBS}{_AUXILIARY}"
               rf"\s+{_SPEAKS}"),
)
# A speaker inside a relative clause: "the kidnapping, which the BBC said targeted ...".
_RELATIVE = re.compile(rf"\b(?:which|who|that),?\s+((?:the\s+)?{_SUBJECT_WORD}(?: {_SUBJECT_WORD}){{0,4}})"
                       rf"\s+(?:{_VERBS})\b")
_DETERMINER = re.compile(r"^(?:the|a|an|one)\s+", re.IGNORECASE)
# The verbs' first letters are checked before the verbs at each word: the search took 43 us a sentence, 24 after.
_PRONOUN = re.compile(rf"(?:^|[,:;\"”’']\s*|\b{first_letters(REPORTING_VERBS)}(?:{_VERBS})\s+)"
                      rf"({alternation(PERSON_PRONOUNS | ORGANISATION_PRONOUNS)})"
                      rf"{_ADVERBS}(?:\s+{_SPEAKS}|(?=[.,]?\s*$))", re.IGNORECASE)
_OPENS_QUOTATION = re.compile(r"^[\"“]")
# A quoted span: in double marks, or in single marks that open after a space and close before one.
_QUOTED_SPAN = re.compile(r"[\"“]([^\"“”]*)[\"”]|(?:^|(?<=\s))[‘']([^‘’']*?)[’'](?=[\s,.;:!?]|$)")
# Fewer words in quotation marks are a term or a name, not someone's words.
_SPEECH_WORDS = 4
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSOR = re.compile(r"^(?:the )?([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)['’]s ", re.IGNORECASE)
# How far back a pronoun's speaker may be named: a few sentences, as news copy keeps it.
_PRONOUN_REACH = 6


@dataclass(frozen=True)
class Speaker:
    """Who says a sentence (``name``, as the text names it) and the party they speak for."""

    name: str
    party: str


def is_attributed(text: str) -> bool:
    """True when ``text`` attributes what it says: a reporting verb, "according to", or a quotation of
    someone's words. Quotation marks around a word or a name ("killing multiple "terrorists"", the
    "Army of Justice") quote no one: a quotation is speech when it runs to a few words, or when it opens
    or closes here and goes on in another sentence."""
    if _REPORTING.search(text):
        return True
    if not any(mark in text for mark in _QUOTATION_MARKS) or not _QUOTATION.search(text):
        return False
    if quotation_left_open(text):
        return True
    return any(len(span.split()) >= _SPEECH_WORDS for span in _quoted_spans(text))


def _quoted_spans(text: str) -> list[str]:
    return [double or single for double, single in _QUOTED_SPAN.findall(text)]


_WORD_OF_NAME = re.compile(r"[\w'’.-]+")
_DOCUMENT_WORD = re.compile(r"[a-zé]+")


@lru_cache(maxsize=1024)
def is_person(name: str) -> bool:
    """A person (he, she) rather than an organisation or a country (it, they), by the name's words. Cached:
    the claims of an article ask it of the same few names."""
    words = _WORD_OF_NAME.findall(name)
    if any(word.lower().strip(".") in PERSON_TITLES for word in words):
        return True
    if government_name(name) is not None or party_kind(name) is not PartyKind.OTHER:
        return False
    capitalised = [word for word in words if word[0].isupper()]
    return bool(capitalised) and not any(word.isupper() and len(word) > 1 for word in capitalised)


@lru_cache(maxsize=1024)
def is_document(name: str) -> bool:
    """A document, not an actor: "official statement", "a flyer promoting the event". Cached: every source and
    speaker an article names is asked it, most of them more than once."""
    return any(word in DOCUMENT_WORDS for word in _DOCUMENT_WORD.findall(name.lower()))


@lru_cache(maxsize=256)
def named_speaker(sentence: str) -> str | None:
    """The speaker ``sentence`` itself names, or None: the one closing a quotation first, then the
    attribution patterns (summarise.reading.attribution), then a subject name with a particle. Read once per
    text: the rules ask it of each sentence as itself, as a quotation's close and as a pronoun's antecedent."""
    for pattern in _CLOSING:
        if (match := pattern.search(sentence)) and not _is_pronoun(match.group(1)):
            return _LEADING_ARTICLE.sub("", match.group(1).strip(" ,.;:"))
    opening = _subject(sentence, _APPOSITIVE, _OPENING_SUBJECT)
    return (opening or find_source(sentence) or _subject(sentence, _SUBJECT) or _described(sentence)
            or _subject(sentence, _RELATIVE))


def _described(sentence: str) -> str | None:
    """A speaker the sentence describes by role ("a senior Belgian official said"), without its determiner."""
    for pattern in _DESCRIBED:
        if match := pattern.search(sentence):
            return _DETERMINER.sub("", re.sub(r"\s+", " ", match.group(1)))
    return None


def _subject(sentence: str, *patterns: re.Pattern[str]) -> str | None:
    for pattern in patterns:
        if (subject := pattern.search(sentence)) and not _is_pronoun(subject.group(1)):
            return _LEADING_ARTICLE.sub("", subject.group(1))
    return None


def _is_pronoun(word: str) -> bool:
    return word.strip(" ,.").lower() in PERSON_PRONOUNS | ORGANISATION_PRONOUNS


def party_of(name: str) -> str:
    """The party a named speaker belongs to, where the name says so ("Pakistan's Foreign Ministry
    spokesperson, Mumtaz Baloch" -> Pakistan); else the speaker is the party."""
    possessor = _POSSESSOR.match(name)
    if possessor and (country := government_name(possessor.group(1))):
        return country
    return name


def _pronoun_speaker(sentences: list[Sentence], index: int, pronoun: str) -> str | None:
    """The nearest speaker named before sentence ``index`` that ``pronoun`` can stand for."""
    wants_person = pronoun.lower() in PERSON_PRONOUNS
    for earlier in reversed(sentences[max(0, index - _PRONOUN_REACH):index]):
        name = named_speaker(earlier.text)
        if name and is_person(name) == wants_person:
            return name
    return None


def _closing_sentence(sentences: list[Sentence], index: int) -> int | None:
    """The sentence that closes the quotation sentence ``index`` opens, when a later one in its paragraph does."""
    text = sentences[index].text
    if not _OPENS_QUOTATION.match(text) or QUOTE_MARKS.search(text, 1):
        return None
    for later in range(index + 1, min(index + 4, len(sentences))):
        if sentences[later].paragraph != sentences[index].paragraph:
            return None
        if QUOTE_MARKS.search(sentences[later].text):
            return later
    return None


def _speaker_named_at(sentences: list[Sentence], index: int) -> str | None:
    text = sentences[index].text
    name = named_speaker(text)
    if name is None and (pronoun := _PRONOUN.search(text)):
        name = _pronoun_speaker(sentences, index, pronoun.group(1))
    return name


def claim_speaker(sentences: list[Sentence], index: int) -> Speaker | None:
    """Who says sentence ``index`` of the article, where the text decides it (a quotation's speaker may be
    named where it closes); None leaves it to the model."""
    name = _speaker_named_at(sentences, index)
    if name is None and (closing := _closing_sentence(sentences, index)) is not None:
        name = _speaker_named_at(sentences, closing)
    if name is not None and is_document(name):
        owner = document_owner(name)
        return Speaker(name, owner) if owner else None
    return Speaker(name, party_of(name)) if name else None


def document_owner(name: str) -> str | None:
    """The author a document's name gives before the document's word ("a CNN report on Monday" -> CNN,
    "Chile's statement" -> Chile), or None ("official statement")."""
    words = name.split()
    for position, word in enumerate(words):
        if re.sub(r"[^a-zé]", "", word.lower()) in DOCUMENT_WORDS:
            owner = [re.sub(r"['’]s$", "", kept) for kept in words[:position] if kept[0].isupper()]
            return " ".join(owner) or None
    return None


def document_party(sentence: str, before: str | None) -> str | None:
    """The government a document speaks for: the country the sentence, or else the one before it, names first
    ("... Pakistan undertook ...," the statement read -> Pakistan)."""
    return first_country(sentence) or first_country(before or "")
