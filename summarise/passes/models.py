"""Response models of the narrow passes. Sentence numbers refer to the numbered list in the prompt;
validation (with context ``{"sentences": {number: text}}``) re-asks when a number is out of range or a
figure is not written in its sentence."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from summarise.schema import Figure, PartyKind, figure_problems

__all__ = ["CasualtySentence", "CasualtyPass", "ClaimSentence", "ClaimPass", "PartyProfile", "OverviewPass"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _sentence_problems(number: int, info: ValidationInfo) -> tuple[str | None, list[str]]:
    sentences: dict[int, str] | None = (info.context or {}).get("sentences")
    if sentences is None:
        return None, []
    if number not in sentences:
        return None, [f"sentence {number} does not exist; use a number from 1 to {len(sentences)}"]
    return sentences[number], []


class CasualtySentence(_Strict):
    sentence: int = Field(description="Number of the sentence that states the figure.")
    source: str = Field(
        description='Who reports the figure, as named in or before the sentence (e.g. "Iranian deputy governor", '
        '"police"); "article" when no one is named.'
    )
    victims: str = Field(description='Who was killed or injured, e.g. "children".')
    event: str = Field(description="What happened, where and when, in a few words.")
    killed: Figure | None = Field(description="People killed in this sentence's figure; null if none.")
    injured: Figure | None = Field(description="People injured in this sentence's figure; null if none.")

    @model_validator(mode="after")
    def _written_in_sentence(self, info: ValidationInfo) -> CasualtySentence:
        text, problems = _sentence_problems(self.sentence, info)
        if text is not None:
            for kind, figure in (("killed", self.killed), ("injured", self.injured)):
                if figure is not None:
                    problems += figure_problems(figure, text, f"sentence {self.sentence} {kind}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class CasualtyPass(_Strict):
    figures: list[CasualtySentence] = Field(description="One entry per sentence that gives killed or injured people.")


class ClaimSentence(_Strict):
    sentence: int = Field(description="Number of the sentence that carries the claim.")
    party: str = Field(description='The country, body or group making the claim, e.g. "Pakistan", "police".')
    speaker: str = Field(description='Who speaks, as named, e.g. "Mumtaz Baloch, Foreign Ministry spokesperson".')
    claim: str = Field(description="One short neutral sentence: what the party claims.")

    @model_validator(mode="after")
    def _sentence_exists(self, info: ValidationInfo) -> ClaimSentence:
        _, problems = _sentence_problems(self.sentence, info)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class ClaimPass(_Strict):
    claims: list[ClaimSentence] = Field(description="One entry per sentence that reports a claim by a party.")


class PartyProfile(_Strict):
    name: str = Field(description="The party's name, copied from the list.")
    kind: PartyKind = Field(description="What sort of actor it is.")
    side: str | None = Field(description="Country or side it belongs to; null if unknown.")


class OverviewPass(_Strict):
    summary: str = Field(description="2-4 neutral sentences; contested facts attributed to who says them.")
    parties: list[PartyProfile] = Field(description="Each listed party once, in the same order.")
