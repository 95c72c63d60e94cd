"""Claims from every sentence that attributes speech, credited by rule to whoever the text says makes
them; the claim pass is asked only about the sentences the rules cannot credit.

The text decides where it can: the speaker it names (summarise.reading.speakers) wins over the model's,
and the party follows the speaker. A sentence that attributes nothing is the article's narration and is
never a claim; a document is never a party. The passes ask for no paraphrase: a small model's were
measured to be copies of the quote (243 of 244 on the development set).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from summarise.locate import text_is_in
from summarise.passes.models import ClaimSentence
from summarise.reading.attribution import find_source
from summarise.reading.casualties import attribution_context
from summarise.reading.lexicon import ORGANISATION_PRONOUNS, PERSON_PRONOUNS
from summarise.reading.parties import kind_named, named_in_article, source_name
from summarise.reading.sentences import Sentence, Sentences, claim_candidates, quotation_left_open, sentence_before
from summarise.reading.sides import country_of, government_name
from summarise.reading.speakers import (
    Speaker,
    claim_speaker,
    document_party,
    is_attributed,
    is_document,
    is_person,
    named_speaker,
)
from summarise.schema import ARTICLE_VOICE, Claim

__all__ = ["SpokenSentence", "claim_indexes", "continues_speech", "needs_reading", "resolve_claims", "spoken_sentences"]

_NO_ANSWER = ClaimSentence.model_construct(sentence=0, party="", speaker="")

def continues_speech(before: str | None) -> bool:
    """True when the sentence before leaves a quotation open or introduces one (`He said: "...`)."""
    if not before:
        return False
    return before.rstrip().endswith(":") or quotation_left_open(before)


def _named_in(speaker: str, around: str) -> bool:
    """True when the text ``around`` a sentence names every word of the model's ``speaker`` (a pronoun
    names no one)."""
    words = speaker.replace(",", " ").split()
    return bool(words) and not _is_pronoun(speaker) and all(text_is_in(word, around) for word in words)


def _is_pronoun(name: str) -> bool:
    return name.strip().lower() in PERSON_PRONOUNS | ORGANISATION_PRONOUNS


def _model_speaker(model_speaker: str, party: str, article: str) -> str:
    """The model's speaker when the article names it; else the party. (A speaker the text around the
    sentence names has already been credited as its own party.)"""
    speaker = model_speaker.strip()
    return speaker if speaker and named_in_article(speaker, article) else party


def _credited(answer: ClaimSentence, sentences: Sentences, spoken: SpokenSentence) -> tuple[str, str] | None:
    """(party, speaker) of the ``spoken`` sentence: the text's speaker, else the one its context names,
    else the model's; a document's party is the government it speaks for. None: no actor to credit."""
    if spoken.speaker is not None:
        return spoken.speaker.party, spoken.speaker.name
    sentence, before, named = sentences[spoken.index].text, spoken.before, spoken.named
    model_party = source_name(answer.party)
    if named and not is_document(named):
        return named, named
    around = " ".join((before or "", sentence))
    model_speaker = source_name(answer.speaker)  # None: the model's "article", "unknown" name no one
    if named or (model_speaker and is_document(model_speaker)) or (model_party and is_document(model_party)):
        party = document_party(sentence, before)
        return (party, model_speaker or named or "statement") if party else None
    if _named_in(answer.speaker, around):
        return answer.speaker.strip(), answer.speaker.strip()  # a speaker the text names is its own party
    if model_party is None or _is_pronoun(model_party) or not _actor_like(model_party, around):
        return None  # a place the model gave as the party ("orlando"): no actor to credit
    if not named_in_article(model_party, sentences.article):
        return None  # a name the model made up: the article names no such actor
    return model_party, _model_speaker(answer.speaker, model_party, sentences.article)


def _actor_like(party: str, around: str) -> bool:
    """The model's party names an actor: a country or its government, a body by its kind ("police",
    "ministry"), or a name the text around the sentence gives other than as a place ("in Orlando")."""
    if country_of(party) or government_name(party) or kind_named(party):
        return True
    found = re.search(rf"(?<![\w-]){re.escape(party)}(?![\w-])", around, re.IGNORECASE)
    if found is None:
        return False
    return not re.search(r"\b(?:in|at|near|from|of|to|into|outside)\s+(?:the\s+)?$", around[:found.start()],
                         re.IGNORECASE)


def _before(sentences: list[Sentence], index: int) -> str | None:
    previous = sentence_before(sentences, index)
    return previous.text if previous else None


def claim_indexes(sentences: list[Sentence]) -> list[int]:
    """Positions of the sentences that may carry a party's claim: those that attribute speech (or continue a
    quotation the sentence before opened), each text once; never the article's own narration."""
    position = {sentence.start: index for index, sentence in enumerate(sentences)}
    return [position[sentence.start] for sentence in claim_candidates(sentences)
            if is_attributed(sentence.text) or continues_speech(_before(sentences, position[sentence.start]))]


@dataclass(frozen=True)
class SpokenSentence:
    """A sentence that may carry a party's claim, read by rule once, for the question and for the answer:
    its position, the sentence before it in its paragraph, the speaker the text gives it, and, where it
    gives none, the speaker its context names or the source it names (None: neither)."""

    index: int
    before: str | None
    speaker: Speaker | None
    named: str | None


def spoken_sentences(sentences: Sentences) -> list[SpokenSentence]:
    """The sentences that may carry a party's claim (:func:`claim_indexes`), each with what the text says of
    who makes it."""
    spoken = []
    for index in claim_indexes(sentences):
        before = _before(sentences, index)
        speaker = claim_speaker(sentences, index)
        named = None
        if speaker is None:
            context = attribution_context(sentences, index)
            named = (named_speaker(context) if context else None) or find_source(sentences[index].text, before)
        spoken.append(SpokenSentence(index, before, speaker, named))
    return spoken


def needs_reading(sentences: Sentences, spoken: SpokenSentence) -> bool:
    """True when the rules find no one to credit with the claim of the ``spoken`` sentence: the model is
    asked."""
    return _credited(_NO_ANSWER, sentences, spoken) is None


def resolve_claims(answers: Mapping[int, ClaimSentence], sentences: Sentences, spoken: list[SpokenSentence],
                   register: Callable[[str | None, bool], str]) -> list[Claim]:
    """One Claim per sentence that attributes speech (``spoken``, from :func:`spoken_sentences`), credited by
    rule, else by the model's answer about it (``answers``, by sentence number: position + 1); claims with
    no actor to credit are dropped. ``register`` turns a party name into its id, the name of one person as
    written ("a Belgian official" is not the Belgian government), any other one its government's name."""
    rows = []
    for sentence in spoken:
        credited = _credited(answers.get(sentence.index + 1, _NO_ANSWER), sentences, sentence)
        if credited is None or (party_id := register(credited[0], is_person(credited[0]))) == ARTICLE_VOICE:
            continue
        rows.append(Claim(party_id=party_id, speaker=credited[1], quote=sentences[sentence.index].text,
                          paraphrase=""))
    return rows
