"""Response models of the narrow passes. Sentence numbers refer to the numbered list in the prompt;
validation (with context ``{"sentences": {number: text}}``) re-asks when a number is out of range."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator

from summarise.validation import context_of

__all__ = ["CasualtySentence", "CasualtyPass", "ClaimSentence", "ClaimPass", "OverviewPass",
           "casualty_pass_for", "claim_pass_for"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _sentence_problems(number: int, info: ValidationInfo) -> tuple[str | None, list[str]]:
    sentences: dict[int, str] | None = context_of(info).get("sentences")
    if sentences is None:
        return None, []
    if number not in sentences:
        return None, [f"sentence {number} does not exist; use a number from 1 to {len(sentences)}"]
    return sentences[number], []


class CasualtySentence(_Strict):
    """Who reports a sentence's casualty figures, and about whom. The figures themselves are read from
    the sentence by rule (summarise.reading.figures): a small model's numbers were measured to be wrong more often
    than right (it put "killed 49 and injured 53" as 1 killed and 49 injured)."""

    sentence: int = Field(description="Number of the sentence.")
    source: str = Field(
        max_length=80,
        description='Who reports the figures, as named in or before the sentence (e.g. "Iranian deputy governor", '
        '"police"); "article" when no one is named.'
    )
    victims: str = Field(max_length=80, description='Who was killed or injured, e.g. "children".')
    event: str = Field(max_length=120, description="What happened, where and when, in a few words.")

    @model_validator(mode="after")
    def _sentence_exists(self, info: ValidationInfo) -> CasualtySentence:
        _, problems = _sentence_problems(self.sentence, info)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class CasualtyPass(_Strict):
    reports: list[CasualtySentence] = Field(description="One entry per numbered sentence.")


class ClaimSentence(_Strict):
    sentence: int = Field(description="Number of the sentence that carries the claim.")
    party: str = Field(max_length=60,
                       description='The country, body or group making the claim, e.g. "Pakistan", "police".')
    speaker: str = Field(max_length=100,
                         description='Who speaks, as named, e.g. "Mumtaz Baloch, Foreign Ministry spokesperson".')
    claim: str = Field(max_length=160, description="One short neutral sentence: what the party claims.")

    @model_validator(mode="after")
    def _sentence_exists(self, info: ValidationInfo) -> ClaimSentence:
        _, problems = _sentence_problems(self.sentence, info)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class ClaimPass(_Strict):
    claims: list[ClaimSentence] = Field(description="One entry per sentence that reports a claim by a party.")


class OverviewPass(_Strict):
    summary: str = Field(max_length=500, description="2-3 neutral sentences without numbers; contested facts "
                                                     "attributed to who says them.")


# Per-request models. The grammar the embedded model decodes under comes from the JSON Schema, and
# llama.cpp's converter honours enum, maxItems and maxLength (not minimum/maximum): an answer can then
# only name sentences that exist and cannot run on until max_tokens. A small model left free was
# measured inventing sentence numbers 41, 42, ... for a 16-sentence list until the length limit.


def _numbers(count: int) -> Any:
    return Literal[tuple(range(1, max(count, 1) + 1))]  # type: ignore[valid-type]


def _sentence_pass(pass_model: type[BaseModel], item_model: type[BaseModel], field_name: str, count: int,
                   per_sentence: int) -> Any:
    """``pass_model`` whose list ``field_name`` holds at most ``per_sentence`` entries per sentence, each
    naming one of the ``count`` sentences."""
    item = create_model(item_model.__name__, __base__=item_model,
                        sentence=(_numbers(count), item_model.model_fields["sentence"]))
    field = Field(max_length=per_sentence * max(count, 1),
                  description=pass_model.model_fields[field_name].description)
    return create_model(pass_model.__name__, __base__=pass_model, **{field_name: (list[item], field)})  # type: ignore[valid-type,call-overload]


@lru_cache(maxsize=128)
def casualty_pass_for(count: int) -> type[CasualtyPass]:
    """:class:`CasualtyPass` for a list of ``count`` sentences (one entry per sentence)."""
    return _sentence_pass(CasualtyPass, CasualtySentence, "reports", count, per_sentence=1)  # type: ignore[no-any-return]


@lru_cache(maxsize=128)
def claim_pass_for(count: int) -> type[ClaimPass]:
    """:class:`ClaimPass` for a list of ``count`` sentences (at most one claim per sentence)."""
    return _sentence_pass(ClaimPass, ClaimSentence, "claims", count, per_sentence=1)  # type: ignore[no-any-return]
