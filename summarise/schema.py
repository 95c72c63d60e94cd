"""The response schema the LLM fills: a digest of one article.

Every field has a description because the JSON Schema (descriptions included) is part of what the model
sees. Field order is deliberate: quotes come before paraphrases and numbers, so a small model copies the
evidence first and then reads the figure from it.

Validation has two layers. Structure (types, enums, party cross-references) always applies. Grounding
(quotes found in the article, numbers written in their quotes) applies only when a validation context
``{"article": text}`` is given: instructor passes it, so a failure goes back to the model as a re-ask.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from summarise.locate import number_is_written, text_is_in
from summarise.reading.evidence import evidence_for
from summarise.reading.lexicon import COLLECTIVE_NOUNS, VAGUE_WORDS
from summarise.reading.numbers import parse_figure
from summarise.validation import context_of

__all__ = [
    "ARTICLE_VOICE",
    "ARTICLE_VOICE_NAME",
    "SCHEMA_VERSION",
    "PartyKind",
    "Qualifier",
    "Party",
    "Claim",
    "Figure",
    "CasualtyReport",
    "Digest",
    "grounding_problems",
    "vague_words_in",
]

SCHEMA_VERSION = "1"
# The reserved party id for figures and claims in the article's own voice (no named source).
ARTICLE_VOICE = "article"
ARTICLE_VOICE_NAME = "the article"  # how outputs name the article's own voice


_VAGUE_BY_LENGTH = tuple(re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])", re.IGNORECASE)
                         for words in sorted(VAGUE_WORDS, key=len, reverse=True))


def vague_words_in(text: str) -> str | None:
    """The longest vague quantity ("a number of", "dozens") written in ``text``, as written there."""
    for pattern in _VAGUE_BY_LENGTH:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


class PartyKind(str, Enum):
    """What sort of actor a party is."""

    GOVERNMENT = "government"
    MILITARY = "military"
    ARMED_GROUP = "armed_group"
    OFFICIAL = "official"
    INTERNATIONAL_BODY = "international_body"
    MEDIA = "media"
    WITNESS = "witness"
    OTHER = "other"


class Qualifier(str, Enum):
    """How a figure is bounded, in the vocabulary of UCDP/ACLED coders."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    ABOUT = "about"
    RANGE = "range"
    VAGUE = "vague"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Party(_Strict):
    id: str = Field(description='Short lowercase id used to refer to this party, e.g. "pakistan", "iran", "police".')
    name: str = Field(description='Display name as the article gives it, e.g. "Pakistan government".')
    kind: PartyKind = Field(description="What sort of actor this is.")
    side: str | None = Field(
        default=None, description='Country or side the party belongs to, e.g. "Pakistan"; null if not stated.'
    )


class Claim(_Strict):
    party_id: str = Field(description="Id of the party making the claim (must be one of parties[].id).")
    speaker: str = Field(
        description='Who says it, as named in the article, e.g. "Mumtaz Baloch, Foreign Ministry spokesperson".'
    )
    quote: str = Field(description="Verbatim words copied exactly from the article that carry the claim.")
    paraphrase: str = Field(description="One neutral sentence saying what the party claims.")


class Figure(_Strict):
    text: str = Field(
        description='The figure exactly as worded in the quote, e.g. "seven", "at least 7", "two children", '
        '"dozens", "a number of".'
    )
    qualifier: Qualifier = Field(
        description='exact ("seven"), at_least ("at least 7"), more_than ("more than 20"), at_most ("up to 12"), '
        'about ("about 50"), range ("10 to 15"), vague ("dozens", "a number of": no number).'
    )
    number: int | None = Field(
        description="The number written in text (7 for 'seven' or 'at least 7'; the low bound of a range); "
        "null when vague."
    )
    high: int | None = Field(default=None, description="Upper bound, only for a range such as '10 to 15'.")

    @model_validator(mode="before")
    @classmethod
    def _vague_words_have_no_number(cls, data: Any) -> Any:
        """Words such as "several" or "dozens" are vague whatever number a model attaches to them; words
        that spell a number ("at least seven", "10 to 15") decide the qualifier and bounds themselves."""
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            words = data["text"].strip().lower()
            if words in VAGUE_WORDS or (data.get("number") is None and data.get("qualifier") != "vague"
                                        and not any(character.isdigit() for character in words)
                                        and words.split(" ")[0] in VAGUE_WORDS):
                return {**data, "qualifier": "vague", "number": None, "high": None}
            parsed = parse_figure(data["text"])
            if parsed is not None:
                return {**data, "qualifier": parsed.qualifier, "number": parsed.number, "high": parsed.high}
        return data


class CasualtyReport(_Strict):
    quote: str = Field(description="Verbatim sentence or clause from the article that states this figure.")
    reported_by: str = Field(
        description='Id of the party that reports the figure (one of parties[].id); "article" when the '
        "article states it in its own voice."
    )
    event: str = Field(description="What happened, where and when, as stated in the article.")
    perpetrator: str | None = Field(default=None, description="Who caused it, if the article says; else null.")
    victims: str = Field(description='Who was killed or injured, e.g. "non-Iranian nationals", "children".')
    killed: Figure | None = Field(default=None, description="People killed according to this source; null if none.")
    injured: Figure | None = Field(default=None, description="People injured according to this source; null if none.")


class Digest(_Strict):
    summary: str = Field(
        description="2-5 neutral sentences. Attribute contested facts to who asserts them "
        '("Iran says...", "Pakistan says...").'
    )
    parties: list[Party] = Field(description="The actors in the story, each once.")
    claims: list[Claim] = Field(description="What each party asserted, each with a verbatim quote.")
    casualties: list[CasualtyReport] = Field(
        description="One entry per event and reporting source. Conflicting figures from different sources "
        "are separate entries, never merged. Empty when the article reports no killed or injured."
    )

    @model_validator(mode="after")
    def _party_ids_exist(self) -> Digest:
        known = {party.id for party in self.parties} | {ARTICLE_VOICE}
        unknown = sorted(
            {claim.party_id for claim in self.claims if claim.party_id not in known}
            | {row.reported_by for row in self.casualties if row.reported_by not in known}
        )
        if unknown:
            raise ValueError(f"party ids {unknown} are used but not listed in parties; add them to parties")
        return self

    @model_validator(mode="after")
    def _grounded_in_article(self, info: ValidationInfo) -> Digest:
        article = context_of(info).get("article")
        if article is None:
            return self
        problems = grounding_problems(self, article)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _one_person(text: str) -> bool:
    """"a policeman", "an officer": one, though no number is written; "a couple", "a dozen" are not one."""
    words = text.lower().split()
    return len(words) > 1 and words[0] in ("a", "an") and words[1] not in COLLECTIVE_NOUNS


def figure_problems(figure: Figure, evidence: str, label: str) -> list[str]:
    """Why ``figure`` is not supported by ``evidence``, the article's text at its quote (empty when it is).
    Never the model's quote: a quote that changed "100" to "1000" would support its own number."""
    problems = []
    singular = figure.number == 1 and _one_person(figure.text) and text_is_in(figure.text, evidence)
    if figure.number is not None and not singular and not number_is_written(figure.number, evidence):
        problems.append(f"{label} number {figure.number} is not written in the article at its quote {evidence!r}")
    if figure.high is not None and not number_is_written(figure.high, evidence):
        problems.append(f"{label} upper bound {figure.high} is not written in the article at its quote {evidence!r}")
    if figure.number is None and figure.qualifier is not Qualifier.VAGUE:
        problems.append(f"{label} has no number but is not marked vague")
    if figure.qualifier is Qualifier.VAGUE and not text_is_in(figure.text, evidence):
        problems.append(f"{label} words {figure.text!r} do not appear in the article at its quote")
    return problems


def grounding_problems(digest: Digest, article: str) -> list[str]:
    """Every quote not found in ``article`` or changing a number, negation or name of it there, and every
    casualty number the article's text at its quote does not support."""
    problems = []
    for number, claim in enumerate(digest.claims):
        evidence = evidence_for(claim.quote, article)
        if not evidence.match.found:
            problems.append(f"claims[{number}].quote is not verbatim from the article: {claim.quote!r}")
        problems.extend(f"claims[{number}].quote: {change}" for change in evidence.changes)
    for number, row in enumerate(digest.casualties):
        evidence = evidence_for(row.quote, article)
        if not evidence.match.found:
            problems.append(f"casualties[{number}].quote is not verbatim from the article: {row.quote!r}")
            continue
        problems.extend(f"casualties[{number}].quote: {change}" for change in evidence.changes)
        for kind, figure in (("killed", row.killed), ("injured", row.injured)):
            if figure is not None:
                problems.extend(figure_problems(figure, evidence.text, f"casualties[{number}].{kind}"))
    return problems
