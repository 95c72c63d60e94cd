"""Response models of the narrow passes. Sentence numbers refer to the numbered article in the prompt;
validation (with context ``{"sentences": {number: text}}``, the sentences asked about) re-asks when a
number is not one of them."""

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
        return None, [f"sentence {number} was not asked about; use one of {sorted(sentences)}"]
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

    @model_validator(mode="after")
    def _sentence_exists(self, info: ValidationInfo) -> ClaimSentence:
        _, problems = _sentence_problems(self.sentence, info)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class ClaimPass(_Strict):
    claims: list[ClaimSentence] = Field(description="One entry per sentence asked about: who makes its claim.")


class OverviewPass(_Strict):
    summary: str = Field(max_length=500, description="2-3 neutral sentences without numbers; contested facts "
                                                     "attributed to who says them.")


# Per-request models. The grammar the embedded model decodes under comes from the JSON Schema, and
# llama.cpp's converter honours enum, maxItems and maxLength (not minimum/maximum): an answer can then
# only name sentences that exist and cannot run on until max_tokens. A small model left free was
# measured inventing sentence numbers 41, 42, ... for a 16-sentence list until the length limit.
# The entry models keep their names (CasualtySentence, ClaimSentence) so recorded fixtures name them.


def _one_of(numbers: tuple[int, ...]) -> Any:
    return Literal[numbers or (1,)]  # type: ignore[valid-type]


def _sentence_pass(pass_model: type[BaseModel], item_model: type[BaseModel], field_name: str,
                   numbers: tuple[int, ...], per_sentence: int) -> Any:
    """``pass_model`` whose list ``field_name`` holds an entry per sentence (at most ``per_sentence``), each
    naming one of the sentences ``numbers``. The lower bound matters: shown the whole article, the small
    model was measured answering an empty list to every question that allowed one (46 of 46)."""
    item = create_model(item_model.__name__, __base__=item_model,
                        sentence=(_one_of(numbers), item_model.model_fields["sentence"]))
    field = Field(min_length=len(numbers), max_length=per_sentence * max(len(numbers), 1),
                  description=pass_model.model_fields[field_name].description)
    return create_model(pass_model.__name__, __base__=pass_model, **{field_name: (list[item], field)})  # type: ignore[valid-type,call-overload]


@lru_cache(maxsize=128)
def casualty_pass_for(numbers: tuple[int, ...]) -> type[CasualtyPass]:
    """:class:`CasualtyPass` about the sentences ``numbers`` (one entry per sentence)."""
    return _sentence_pass(CasualtyPass, CasualtySentence, "reports", numbers, per_sentence=1)  # type: ignore[no-any-return]


@lru_cache(maxsize=128)
def claim_pass_for(numbers: tuple[int, ...]) -> type[ClaimPass]:
    """:class:`ClaimPass` about the sentences ``numbers`` (at most one claim per sentence)."""
    return _sentence_pass(ClaimPass, ClaimSentence, "claims", numbers, per_sentence=1)  # type: ignore[no-any-return]
