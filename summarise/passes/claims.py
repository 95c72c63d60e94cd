"""Claims from the claim pass's answers, credited by rule to whoever the text says makes them.

The model names a sentence, a party, a speaker and a paraphrase. The text decides where it can: the
speaker it names (summarise.reading.speakers) wins over the model's, and the party follows the speaker.
A sentence that attributes nothing is the article's narration and is dropped; a document is never a
party; a paraphrase that copies, cuts or strays from its quote is dropped (empty means none).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from summarise.locate import text_is_in
from summarise.passes.models import ClaimPass, ClaimSentence
from summarise.reading.attribution import find_source
from summarise.reading.casualties import attribution_context
from summarise.reading.parties import source_name
from summarise.reading.sentences import Numbered, Sentence
from summarise.reading.speakers import (
    claim_speaker,
    document_party,
    is_attributed,
    is_document,
    is_person,
    named_speaker,
)
from summarise.schema import ARTICLE_VOICE, Claim

__all__ = ["continues_speech", "paraphrase_or_nothing", "resolve_claims"]

# A paraphrase with this share of its words taken from the quote is a copy, not a restatement.
_COPIED = 0.8
# A paraphrase with fewer of its content words in the quote's sentence tells another sentence's gist.
_ON_TOPIC = 0.5
_CONTENT_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
_STEM = 5


def continues_speech(before: str | None) -> bool:
    """True when the sentence before leaves a quotation open or introduces one (`He said: "...`)."""
    if not before:
        return False
    return before.rstrip().endswith(":") or len(re.findall(r"[\"“”]", before)) % 2 == 1


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’-]\w+)*", text.lower())


def paraphrase_or_nothing(claim: str, quote: str) -> str:
    """The model's paraphrase when it restates the quote briefly in other words; else "" (none): a
    paraphrase cut off at a word, a near-copy of the quote, or one whose content words are mostly
    absent from the quote's sentence (the gist of another sentence)."""
    claim = " ".join(claim.split())
    if not claim or not claim.endswith((".", "!", "?")) or claim.endswith(("…", "...")):
        return ""
    claim_words, quote_words = _words(claim), set(_words(quote))
    if sum(word in quote_words for word in claim_words) >= _COPIED * len(claim_words):
        return ""
    stems = {word[:_STEM] for word in _CONTENT_WORD.findall(quote.lower())}
    content = _CONTENT_WORD.findall(claim.lower())
    if content and sum(word[:_STEM] in stems for word in content) < _ON_TOPIC * len(content):
        return ""
    return claim


def _model_speaker(model_speaker: str, around: str, party: str) -> str:
    """The model's speaker when the text around the sentence names every word of it; else the party."""
    speaker = model_speaker.strip()
    if speaker and all(text_is_in(word, around) for word in speaker.replace(",", " ").split()):
        return speaker
    return speaker or party


def _credited(answer: ClaimSentence, sentences: list[Sentence], index: int,
              before: str | None) -> tuple[str, str] | None:
    """(party, speaker) of the sentence at ``index``: the text's speaker, else the one its context names,
    else the model's; a document's party is the government it speaks for. None: no actor to credit."""
    sentence = sentences[index].text
    speaker = claim_speaker(sentences, index)
    if speaker is not None:
        return speaker.party, speaker.name
    context = attribution_context(sentences, index)
    named = (named_speaker(context) if context else None) or find_source(sentence, before)
    model_party = source_name(answer.party)
    if named and not is_document(named):
        return named, named
    around = " ".join((before or "", sentence))
    if named or is_document(answer.speaker) or (model_party and is_document(model_party)):
        party = document_party(sentence, before)
        return (party, answer.speaker.strip() or "statement") if party else None
    return (model_party, _model_speaker(answer.speaker, around, model_party)) if model_party else None


def resolve_claims(claims: ClaimPass | None, numbered: Numbered, sentences: list[Sentence] | None,
                   register: Callable[[str | None, bool], str]) -> list[Claim]:
    """One Claim per answer about an attributed sentence, credited by rule; narration and answers with no
    actor to credit are dropped. ``register`` turns a party name into its id, the name of one person as
    written ("a Belgian official" is not the Belgian government), any other one its government's name."""
    article = sentences or list(numbered.sentences.values())
    position = {sentence.start: index for index, sentence in enumerate(article)}
    rows = []
    for answer in claims.claims if claims else []:
        sentence = numbered.sentences.get(answer.sentence)
        if sentence is None or sentence.start not in position:
            continue
        before = numbered.text_before(answer.sentence)
        if not is_attributed(sentence.text) and not continues_speech(before):
            continue  # the article's own narration: no party's claim
        credited = _credited(answer, article, position[sentence.start], before)
        if credited is None or (party_id := register(credited[0], is_person(credited[0]))) == ARTICLE_VOICE:
            continue
        rows.append(Claim(party_id=party_id, speaker=credited[1], quote=sentence.text,
                          paraphrase=paraphrase_or_nothing(answer.claim, sentence.text)))
    return rows
